"""Background jobs against real Celery in eager mode: a large student import and a large export leave the
request as jobs (202), run through core.tasks.run_job, report progress to the owner's socket, and end with the
same result as the inline path; a failure is kept with its error for the owner and their school's admins; an
import's activation codes are handed over once and never stored."""

from __future__ import annotations

import asyncio
import io
import os

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.utils import timezone
from openpyxl import load_workbook

from core import jobs
from core.models import Job
from core.tasks import run_job
from notices.delivery import user_group
from schools.models import Student
from schools.services import _code_digest
from tests import factories as f
from tests.access import client_for
from tests.placements.test_filing import ready_but_unfiled
from tests.schools.test_imports import URL as IMPORT_URL
from tests.schools.test_imports import row, xlsx

pytestmark = pytest.mark.django_db


def rows(world, n: int) -> list[list]:
    return [row(world, f"2025460702{i:03d}", f"学生{i}") for i in range(1, n + 1)]


def start_import(world, n: int, capture, user=None):
    client = client_for(user or world.admin.user)
    with capture(execute=True):
        response = client.post(IMPORT_URL, {"file": xlsx(rows(world, n)), "dry_run": "false"}, format="multipart")
    return response


@pytest.fixture
def small_threshold(settings):
    settings.JOBS_IMPORT_THRESHOLD = 3
    settings.JOBS_EXPORT_THRESHOLD = 1


def messages_for(user_id: int) -> list[dict]:
    """What the owner's socket would hear: a channel in the user's group, drained."""
    layer = get_channel_layer()
    channel = async_to_sync(layer.new_channel)()
    async_to_sync(layer.group_add)(user_group(user_id), channel)
    return channel


def drain(channel) -> list[dict]:
    """Every message waiting on the channel, on either layer (in-memory or Redis): receive until a short wait
    brings nothing more."""
    layer = get_channel_layer()

    async def take() -> list[dict]:
        out = []
        while True:
            try:
                out.append(await asyncio.wait_for(layer.receive(channel), timeout=0.3))
            except TimeoutError:
                return out

    return async_to_sync(take)()


def test_a_small_import_still_answers_inline_with_its_codes(world, small_threshold, django_capture_on_commit_callbacks):
    response = start_import(world, 3, django_capture_on_commit_callbacks)
    assert response.status_code == 200, response.content
    assert len(response.json()["codes"]) == 3
    assert not Job.objects.exists()


def test_a_large_import_runs_as_a_job_with_progress_and_the_same_students(
    world, small_threshold, django_capture_on_commit_callbacks
):
    channel = messages_for(world.admin.user.pk)
    response = start_import(world, 120, django_capture_on_commit_callbacks)
    assert response.status_code == 202, response.content
    body = response.json()
    assert body["kind"] == "student_import" and "codes" not in body
    job = Job.objects.get(pk=body["id"])
    assert job.status == Job.Status.SUCCEEDED, job.error
    assert (job.summary, job.done, job.total) == ({"rows": 120, "created": 120, "updated": 0}, 240, 240)
    assert Student.objects.filter(institution=world.school, student_number__startswith="2025460702").count() == 120
    assert not job.input  # the uploaded sheet is not kept once the job has ended
    heard = drain(channel)
    assert heard and all(m["type"] == "job.update" for m in heard)
    assert heard[0]["job"]["status"] == "running" and heard[-1]["job"]["status"] == "succeeded"
    assert heard[-1]["job"]["done"] == 240


def test_an_import_jobs_codes_are_handed_over_once_and_activate_the_students(
    world, small_threshold, django_capture_on_commit_callbacks
):
    job_id = start_import(world, 5, django_capture_on_commit_callbacks).json()["id"]
    job = Job.objects.get(pk=job_id)
    # nothing the job stored holds a code: the students have no digest until the owner takes them
    assert not Student.objects.filter(pk__in=job.created_ids).exclude(activation_code_hash="").exists()
    client = client_for(world.admin.user)
    assert client.get(f"/api/v1/background-jobs/{job_id}/").json()["codes_pending"] is True
    first = client.post(f"/api/v1/background-jobs/{job_id}/codes/")
    assert first.status_code == 200, first.content
    codes = first.json()["codes"]
    assert len(codes) == 5
    student = Student.objects.get(institution=world.school, student_number=codes[0]["student_number"])
    assert student.activation_code_hash == _code_digest(student.pk, codes[0]["activation_code"])
    again = client.post(f"/api/v1/background-jobs/{job_id}/codes/")
    assert again.status_code == 409 and again.json()["code"] == "codes_delivered"
    assert client.get(f"/api/v1/background-jobs/{job_id}/").json()["codes_pending"] is False
    # the job's row and files hold no code
    job.refresh_from_db()
    assert codes[0]["activation_code"] not in str(Job.objects.filter(pk=job_id).values().get())
    assert not job.result and not job.input


def test_another_admin_of_the_school_sees_the_job_but_cannot_take_its_codes(
    world, small_threshold, django_capture_on_commit_callbacks
):
    job_id = start_import(world, 5, django_capture_on_commit_callbacks).json()["id"]
    colleague = f.TeacherFactory(institution=world.school, role="admin").user
    client = client_for(colleague)
    assert job_id in {j["id"] for j in client.get("/api/v1/background-jobs/").json()["results"]}
    assert client.post(f"/api/v1/background-jobs/{job_id}/codes/").status_code == 403
    assert client_for(world.other_admin.user).get(f"/api/v1/background-jobs/{job_id}/").status_code == 404
    assert client_for(world.teacher.user).get(f"/api/v1/background-jobs/{job_id}/").status_code == 404


def test_an_import_job_with_a_bad_row_fails_for_good_with_its_row_errors_and_writes_nothing(
    world, small_threshold, django_capture_on_commit_callbacks
):
    bad = [*rows(world, 6), row(world, "2025460702999", "坏行", 出生日期="2006-02-30")]
    client = client_for(world.admin.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(IMPORT_URL, {"file": xlsx(bad), "dry_run": "false"}, format="multipart")
    job = Job.objects.get(pk=response.json()["id"])
    assert job.status == Job.Status.FAILED and job.attempts == 1  # not retried: running again cannot mend it
    assert job.error and job.error_rows[0]["row"] == 8
    assert not Student.objects.filter(student_number__startswith="2025460702").exists()
    failed = client.get("/api/v1/background-jobs/", {"status": "failed"}).json()["results"]
    assert [j["id"] for j in failed] == [job.pk]
    assert failed[0]["error_rows"][0]["header"] == "出生日期"


def test_a_job_that_keeps_failing_is_retried_then_kept_as_failed_with_its_error(world, monkeypatch):
    calls = []

    def broken(*, job, progress):
        calls.append(job.pk)
        raise ConnectionError("database went away")

    monkeypatch.setattr(jobs, "handler", lambda kind: type("H", (), {"run": staticmethod(broken)}))
    job = Job.objects.create(kind=Job.Kind.FILINGS_EXPORT, owner=world.admin.user, institution=world.school)
    # as a worker runs it: each failure is retried (without the wait, eagerly) until the last one
    conf = run_job.app.conf
    propagates, conf.task_eager_propagates = conf.task_eager_propagates, False
    try:
        run_job.apply(args=[job.pk], throw=False)
    finally:
        conf.task_eager_propagates = propagates
    job.refresh_from_db()
    assert len(calls) == run_job.max_retries + 1
    assert job.status == Job.Status.FAILED
    assert "ConnectionError" in job.error and "database went away" in job.error


def test_a_job_that_ended_is_not_run_again_when_its_message_comes_back(world, monkeypatch):
    job = Job.objects.create(
        kind=Job.Kind.FILINGS_EXPORT, owner=world.admin.user, institution=world.school, status=Job.Status.SUCCEEDED
    )
    monkeypatch.setattr(jobs, "handler", lambda kind: pytest.fail("ran again"))
    run_job.apply(args=[job.pk])
    job.refresh_from_db()
    assert job.attempts == 0


def test_a_large_filings_export_is_a_job_whose_file_only_its_owner_downloads(
    world, small_threshold, django_capture_on_commit_callbacks
):
    ready_but_unfiled(world)
    ready_but_unfiled(world, student=f.StudentFactory(institution=world.school, cohort=world.cohort))
    client = client_for(world.admin.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get("/api/v1/filings/export/")
    assert response.status_code == 202, response.content
    job = Job.objects.get(pk=response.json()["id"])
    assert job.status == Job.Status.SUCCEEDED, job.error
    download = client.get(f"/api/v1/background-jobs/{job.pk}/download/")
    assert download.status_code == 200
    data = b"".join(download.streaming_content)
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet.max_row == job.summary["rows"] + 1
    assert "filename*=UTF-8''" in download["Content-Disposition"]
    colleague = f.TeacherFactory(institution=world.school, role="admin").user
    assert client_for(colleague).get(f"/api/v1/background-jobs/{job.pk}/download/").status_code == 403
    assert client_for(world.other_admin.user).get(f"/api/v1/background-jobs/{job.pk}/download/").status_code == 404
    # an owner who has left the school's staff takes nothing from it any more
    world.admin.archived_at = timezone.now()
    world.admin.save(update_fields=["archived_at"])
    assert client_for(world.admin.user).get(f"/api/v1/background-jobs/{job.pk}/download/").status_code in (403, 404)


def test_a_large_placements_export_makes_the_same_file_as_the_inline_one(
    world, settings, django_capture_on_commit_callbacks
):
    for _ in range(3):
        student = f.StudentFactory(institution=world.school, cohort=world.cohort)
        f.PlacementFactory(student=student)
    client = client_for(world.admin.user)
    inline = client.get("/api/v1/placements/export/")
    assert inline.status_code == 200
    settings.JOBS_EXPORT_THRESHOLD = 1
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get("/api/v1/placements/export/", {"ordering": "-created_at"})
    assert response.status_code == 202, response.content
    job = Job.objects.get(pk=response.json()["id"])
    assert job.status == Job.Status.SUCCEEDED, job.error
    assert job.params == {"query": "ordering=-created_at"}
    with job.result.open("rb") as stored:
        from_job = [r for r in load_workbook(io.BytesIO(stored.read())).active.iter_rows(values_only=True)]
    from_inline = [r for r in load_workbook(io.BytesIO(inline.content)).active.iter_rows(values_only=True)]
    assert from_job[0] == from_inline[0] and sorted(from_job[1:]) == sorted(from_inline[1:])
    assert len(from_job) > 2


def test_old_results_are_purged_but_the_job_stays_listed(world, small_threshold, django_capture_on_commit_callbacks):
    from datetime import timedelta

    from django.utils import timezone

    for _ in range(2):
        f.PlacementFactory(student=f.StudentFactory(institution=world.school))
    client = client_for(world.admin.user)
    with django_capture_on_commit_callbacks(execute=True):
        job_id = client.get("/api/v1/placements/export/").json()["id"]
    job = Job.objects.get(pk=job_id)
    path = job.result.path
    assert os.path.exists(path)
    assert jobs.jobs_purge(now=timezone.now() + timedelta(days=30)) == 1
    assert not os.path.exists(path)
    assert client.get(f"/api/v1/background-jobs/{job_id}/").json()["has_result"] is False
