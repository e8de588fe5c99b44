"""Recruitment fairs, the follow-ups of issue 18: an open fair whose end has passed closes itself (and reads as
closed before the scheduled job runs); an approved booth that changes goes back to the organiser."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from careers.fairs import services
from careers.fairs.models import BoothStatus, Fair, FairStatus
from careers.fairs.selectors import pending_booths_for
from core.errors import DomainError
from notices.models import Notice
from placements.reminders import REMINDERS
from tests import factories as f
from tests.access import client_for
from tests.careers.test_fairs import a_fair, a_job, actor, finalist

pytestmark = pytest.mark.django_db


def after_the_end(fair: Fair) -> time_machine.travel:
    return time_machine.travel(fair.ends_at + timedelta(minutes=1), tick=False)


# -- fairs close themselves ---------------------------------------------------------------------------------------


def test_an_open_fair_closes_itself_once_its_end_has_passed_and_only_once(world):
    fair = a_fair(world, days=1)
    later = a_fair(world, days=3, title="秋季招聘会")
    draft = a_fair(world, days=1, open_it=False, title="草稿招聘会")
    assert REMINDERS["fairs_ended"]() == 0  # nothing has ended yet
    with after_the_end(fair):
        assert REMINDERS["fairs_ended"]() == 1
        assert REMINDERS["fairs_ended"]() == 0  # idempotent: a second run changes nothing
    fair.refresh_from_db(), later.refresh_from_db(), draft.refresh_from_db()
    assert fair.status == FairStatus.CLOSED
    assert later.status == FairStatus.OPEN and draft.status == FairStatus.DRAFT
    assert not Notice.objects.filter(kind__startswith="fair_closed").exists()


def test_the_celery_job_and_the_beat_schedule_run_the_same_service(world):
    from careers.tasks import close_ended_fairs
    from config.celery import app

    fair = a_fair(world, days=1)
    with after_the_end(fair):
        assert close_ended_fairs() == 1
    tasks = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert "careers.tasks.close_ended_fairs" in tasks


def test_an_ended_fair_reads_as_closed_before_the_job_runs_and_takes_nobody(world):
    fair = a_fair(world, days=1)
    registration = services.registration_create(actor=actor(world.student), fair=fair)
    booth = services.booth_apply(actor=actor(world.hr), fair=fair, jobs=[a_job(world)])
    with after_the_end(fair):
        Fair.objects.filter(pk=fair.pk).update(status=FairStatus.OPEN)  # the job has not run
        student = client_for(world.student.user)
        shown = student.get(f"/api/v1/fairs/{fair.pk}/").json()
        assert shown["status"] == "closed" and shown["status_label"]
        listed = student.get("/api/v1/fairs/?status=open").json()["results"]
        assert fair.pk not in [row["id"] for row in listed]
        assert fair.pk in [row["id"] for row in student.get("/api/v1/fairs/?status=closed").json()["results"]]
        # nobody registers, checks in, changes a booth or decides one once it has ended
        with pytest.raises(DomainError):
            services.registration_create(actor=actor(finalist(world).user), fair=fair)
        with pytest.raises(DomainError):
            services.registration_check_in(actor=actor(world.admin), fair=fair, code=registration.code)
        with pytest.raises(DomainError):
            services.booth_update(actor=actor(world.hr), booth=booth, note="新增岗位")
        with pytest.raises(DomainError):
            services.booth_approve(actor=actor(world.admin), booth=booth)
        with pytest.raises(DomainError):
            services.fair_update(actor=actor(world.admin), fair=fair, title="改名")
        with pytest.raises(DomainError):
            services.fair_cancel(actor=actor(world.admin), fair=fair, reason="下雨")
        assert not pending_booths_for(actor(world.admin)).exists()  # the to-do no longer asks for a decision
        booth_row = client_for(world.admin.user).get(f"/api/v1/booths/{booth.pk}/").json()
        assert not booth_row["can_decide"]
        # the organiser may still close it for good (what the job would do)
        services.fair_close(actor=actor(world.admin), fair=fair)
    fair.refresh_from_db()
    assert fair.status == FairStatus.CLOSED


def test_before_the_end_a_fair_still_checks_students_in(world):
    fair = a_fair(world, days=1)
    registration = services.registration_create(actor=actor(world.student), fair=fair)
    with time_machine.travel(fair.ends_at - timedelta(minutes=1), tick=False):
        assert REMINDERS["fairs_ended"]() == 0
        checked = services.registration_check_in(actor=actor(world.admin), fair=fair, code=registration.code)
    assert checked.checked_in_at is not None


# -- an approved booth that changes goes back to the organiser -------------------------------------------------


def test_changing_an_approved_booth_sends_it_back_for_approval_with_a_notice(world):
    fair = a_fair(world)
    job, other = a_job(world), a_job(world)
    booth = services.booth_apply(actor=actor(world.hr), fair=fair, jobs=[job])
    services.booth_approve(actor=actor(world.admin), booth=booth)
    Notice.objects.all().delete()
    # the same jobs again is no change: the decision stands
    services.booth_update(actor=actor(world.hr), booth=booth, jobs=[job], note="")
    booth.refresh_from_db()
    assert booth.status == BoothStatus.APPROVED and not Notice.objects.exists()
    for change in ({"jobs": [job, other]}, {"slots": [f.SlotFactory(company=world.company, base=world.base)]},
                   {"note": "再加一个岗位"}):  # fmt: skip
        services.booth_update(actor=actor(world.hr), booth=booth, **change)
        booth.refresh_from_db()
        assert booth.status == BoothStatus.PENDING and booth.decided_at is None, change
        notice = Notice.objects.get(kind="booth_changed")
        assert notice.recipient_id == world.admin.user_id and world.company.name in str(notice.params)
        services.booth_approve(actor=actor(world.admin), booth=booth)
        Notice.objects.all().delete()


def test_a_pending_booth_that_changes_stays_pending_without_a_second_notice(world):
    fair = a_fair(world)
    booth = services.booth_apply(actor=actor(world.hr), fair=fair, jobs=[a_job(world)])
    Notice.objects.all().delete()
    services.booth_update(actor=actor(world.hr), booth=booth, note="改了说明")
    booth.refresh_from_db()
    assert booth.status == BoothStatus.PENDING and not Notice.objects.filter(kind="booth_changed").exists()


def test_through_the_api_the_company_sees_its_changed_booth_waiting_again(world):
    fair = a_fair(world)
    booth = services.booth_apply(actor=actor(world.hr), fair=fair, jobs=[a_job(world)])
    services.booth_approve(actor=actor(world.admin), booth=booth)
    response = client_for(world.hr.user).patch(f"/api/v1/booths/{booth.pk}/", {"note": "新说明"}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "pending" and response.json()["can_edit"]
    admin_view = client_for(world.admin.user).get(f"/api/v1/booths/{booth.pk}/").json()
    assert admin_view["can_decide"] and admin_view["note"] == "新说明"
    # students see only approved booths: the changed booth is hidden until the organiser decides again
    student_view = client_for(world.student.user).get(f"/api/v1/booths/?fair={fair.pk}").json()
    assert booth.pk not in [row["id"] for row in student_view["results"]]
    assert timezone.now() < fair.ends_at


# -- who registered and did not come -------------------------------------------------------------------------------


def test_the_desk_filters_registrations_by_check_in_with_counts_and_masked_phones(world):
    fair = a_fair(world)
    came, absent, gone = finalist(world), finalist(world), finalist(world)
    absent.user.phone = "13812345678"
    absent.user.save(update_fields=["phone"])
    for student in (came, absent, gone):
        registration = services.registration_create(actor=actor(student.user), fair=fair)
        if student is came:
            with time_machine.travel(fair.starts_at + timedelta(minutes=5), tick=False):
                services.registration_check_in(actor=actor(world.teacher), fair=fair, code=registration.code)
        if student is gone:
            services.registration_cancel(actor=actor(student.user), registration=registration)
    for desk in (world.admin, world.teacher):  # the organiser and, at a school's fair, its teachers
        client = client_for(desk.user)
        url = f"/api/v1/fair-registrations/?fair={fair.pk}&cancelled=false"
        absent_rows = client.get(url + "&checked_in=false").json()["results"]
        assert [r["student"] for r in absent_rows] == [absent.pk]
        assert absent_rows[0]["phone"] == "138****5678" and absent_rows[0]["school_name"] == world.school.name
        assert [r["student"] for r in client.get(url + "&checked_in=true").json()["results"]] == [came.pk]
        assert client.get(url).json()["count"] == 2
        shown = client.get(f"/api/v1/fairs/{fair.pk}/").json()
        assert (shown["registration_count"], shown["checked_in_count"]) == (2, 1)
    # the company with a booth sees no registration, only counts
    services.booth_apply(actor=actor(world.hr), fair=fair, jobs=[a_job(world)])
    company = client_for(world.hr.user)
    assert company.get(f"/api/v1/fair-registrations/?fair={fair.pk}&checked_in=false").json()["count"] == 0
    assert company.get(f"/api/v1/fairs/{fair.pk}/not-checked-in-xlsx/").status_code == 403


def test_the_not_checked_in_list_downloads_as_a_spreadsheet_for_the_desk(world):
    from io import BytesIO

    from openpyxl import load_workbook

    fair = a_fair(world)
    came, absent = finalist(world), finalist(world)
    absent.user.phone = "13912345678"
    absent.user.save(update_fields=["phone"])
    for student in (came, absent):
        registration = services.registration_create(actor=actor(student.user), fair=fair)
        if student is came:
            with time_machine.travel(fair.starts_at + timedelta(minutes=5), tick=False):
                services.registration_check_in(actor=actor(world.admin), fair=fair, code=registration.code)
    response = client_for(world.admin.user).get(f"/api/v1/fairs/{fair.pk}/not-checked-in-xlsx/")
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    text = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert absent.full_name in text and "139****5678" in text
    assert came.full_name not in text and "13912345678" not in text
