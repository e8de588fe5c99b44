"""Background jobs: start one, run it (from the Celery task in core/tasks.py), report its progress live to the
person who started it, hand over what it made.

A job's work is done by a handler module of the app that owns it (HANDLERS: `run(job=, progress=)` returns a
JobOutput; an import that makes credentials also has `hand_over(job=)`), so core imports no app. The handler runs
in one transaction with the job's success: a worker killed mid-import leaves no half import and a job that runs
again (acks late) starts from nothing; a job that succeeded is never run twice.

Failures the person can act on (an import's invalid rows, a refusal) end the job at once with the error; anything
else (the database went away) is retried with back-off by Celery, and the last failure is kept as the error,
shown to the owner and to their school's admins."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import timedelta
from importlib import import_module

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from core.errors import DomainError, ImportRowsInvalid
from core.models import Job

logger = logging.getLogger(__name__)

HANDLERS: dict[str, str] = {
    Job.Kind.STUDENT_IMPORT: "schools.import_jobs",
    Job.Kind.PLACEMENTS_EXPORT: "placements.export_jobs.PLACEMENTS",
    Job.Kind.FILINGS_EXPORT: "placements.export_jobs.FILINGS",
    Job.Kind.COHORT_ARCHIVE: "placements.export_jobs.ARCHIVE",
}
# Failures that running again cannot mend: the job ends with them at once.
FINAL_ERRORS = (ImportRowsInvalid, DomainError, ValidationError, PermissionDenied, Job.DoesNotExist)
PUSH_EVERY = 0.5  # seconds between two progress messages of one job


@dataclass
class JobOutput:
    """What a handler made: counts for the owner, a file to keep (none for an import), records it created."""

    summary: dict = field(default_factory=dict)
    content: bytes | None = None
    filename: str = ""
    content_type: str = ""
    created_ids: list[int] = field(default_factory=list)


def handler(kind: str):
    """The module (or object) that does a kind of job: `run`, and `hand_over` where it makes credentials."""
    path = HANDLERS[kind]
    try:
        return import_module(path)
    except ModuleNotFoundError:
        return import_string(path)


def job_start(*, actor, kind: str, institution=None, params: dict | None = None, upload=None) -> Job:
    """Queue a job for `actor` (who has been allowed to do this inline: the view checked it as for a small
    one). The upload (an import's sheet) is kept until the job ends. The task is queued after commit; without a
    broker it runs inline, then, and the job is already finished when this returns."""
    if institution is None and len(actor.school_ids) == 1:
        # the school whose admins see it in their list (an export of a school's staff)
        institution_id = next(iter(actor.school_ids))
    else:
        institution_id = getattr(institution, "pk", None)
    job = Job(
        kind=kind,
        owner=actor.user,
        institution_id=institution_id,
        params=params or {},
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )
    with transaction.atomic():
        if upload is not None:
            upload.seek(0)
            job.input.save("sheet.xlsx", ContentFile(upload.read()), save=False)
        job.save()
        transaction.on_commit(lambda: enqueue(job.pk))
    job.refresh_from_db()
    return job


def enqueue(job_id: int) -> None:
    from core.tasks import run_job

    if settings.CELERY_TASK_ALWAYS_EAGER:
        # Inline (no broker): a failure is the job's, kept on it, never the request's 500. Celery's eager
        # retries re-raise rather than wait, so what escapes here ends the job.
        try:
            run_job.apply(args=[job_id], throw=False)
        except Exception as exc:
            job_fail(job_id, exc)
    else:
        run_job.delay(job_id)


class Progress:
    """Called by a handler as rows are done: the row is updated and the owner's tabs hear it, at most twice a
    second (and always at the end)."""

    def __init__(self, job: Job) -> None:
        self.job = job
        self.last = 0.0

    def __call__(self, done: int, total: int) -> None:
        self.job.done, self.job.total = min(done, total), total
        now = time.monotonic()
        if done < total and now - self.last < PUSH_EVERY:
            return
        self.last = now
        Job.objects.filter(pk=self.job.pk).update(done=self.job.done, total=total)
        push(self.job)


def job_run(job_id: int) -> None:
    """Run the job once (the Celery task calls this; it raises what should be retried)."""
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.finished:
            return  # a redelivered message of a job that ended
        job.status = Job.Status.RUNNING
        job.started_at = job.started_at or timezone.now()
        job.attempts += 1
        job.save(update_fields=["status", "started_at", "attempts"])
    push(job)
    try:
        with translation.override(job.language or settings.LANGUAGE_CODE), transaction.atomic():
            output = handler(job.kind).run(job=job, progress=Progress(job))
            _succeed(job, output)
    except FINAL_ERRORS as exc:
        job_fail(job.pk, exc)
        return
    push(job)


def _succeed(job: Job, output: JobOutput) -> None:
    job.status = Job.Status.SUCCEEDED
    job.finished_at = timezone.now()
    job.summary = output.summary
    job.created_ids = output.created_ids
    job.done = job.total = max(job.total, job.done)
    if output.content is not None:
        extension = output.filename.rsplit(".", 1)[-1] if "." in output.filename else "bin"
        job.result.save(f"job-{job.pk}.{extension}", ContentFile(output.content), save=False)
        job.result_name, job.result_type = output.filename, output.content_type
    job.save()
    transaction.on_commit(lambda: _drop_input(job.pk))


def job_fail(job_id: int, exc: BaseException) -> None:
    """End the job with the error the owner and their admins read (its rows, for an import that was refused)."""
    job = Job.objects.filter(pk=job_id).first()
    if job is None or job.finished:
        return
    with translation.override(job.language or settings.LANGUAGE_CODE):
        job.error = error_text(exc)
        job.error_rows = list(getattr(exc, "row_errors", []))[:500]
    job.status = Job.Status.FAILED
    job.finished_at = timezone.now()
    job.save(update_fields=["error", "error_rows", "status", "finished_at"])
    logger.warning("Job %s (%s) failed for good: %s", job.pk, job.kind, job.error)
    _drop_input(job.pk)
    push(job)


def error_text(exc: BaseException) -> str:
    from celery.exceptions import Retry

    if isinstance(exc, Retry) and isinstance(exc.exc, BaseException):
        exc = exc.exc
    if isinstance(exc, ValidationError):
        return " ".join(str(m) for m in exc.messages)[:2000]
    if isinstance(exc, (DomainError, PermissionDenied)):
        return str(getattr(exc, "detail", "") or exc)[:2000]
    # Not the person's doing: say what broke, without the stack.
    return str(_("The job stopped with an internal error (%(name)s): %(text)s") % {
        "name": type(exc).__name__, "text": str(exc)[:500]})  # fmt: skip


def _drop_input(job_id: int) -> None:
    job = Job.objects.filter(pk=job_id).first()
    if job is not None and job.input:
        job.input.delete(save=True)


def job_payload(job: Job) -> dict:
    """What the owner's tabs hear over the socket (the progress bar's fields of JobSerializer)."""
    return {
        "id": job.pk,
        "kind": job.kind,
        "status": job.status,
        "done": job.done,
        "total": job.total,
        "error": job.error,
        "has_result": bool(job.result),
    }


def push(job: Job) -> None:
    """Tell the owner's open tabs (their notices socket) how the job stands; a job never fails for this."""
    layer = get_channel_layer()
    if layer is None:
        return
    from notices.delivery import user_group

    try:
        async_to_sync(layer.group_send)(user_group(job.owner_id), {"type": "job.update", "job": job_payload(job)})
    except Exception:
        logger.warning("Could not push job %s's progress", job.pk, exc_info=True)


def _require_owner(actor, job: Job, *, admin: bool = False) -> None:
    """The person who started the job, while they still hold the role it was started with: a school job's owner
    who has left the school's staff (or, for activation codes, its admins) takes nothing from it."""
    if job.owner_id != actor.user_id:
        raise PermissionDenied(_("Only the person who started this job can take its result."))
    if job.institution_id is not None and job.institution_id not in (
        actor.admin_school_ids if admin else actor.school_ids
    ):
        raise PermissionDenied(_("Only the person who started this job can take its result."))


def job_codes_deliver(*, actor, job: Job) -> list[dict]:
    """The activation codes of the students an import job created, made now and handed over this once: the job
    stored none (only each code's digest is ever kept), and asking again is refused, not answered with new ones
    (reissue a student's code from their record)."""
    _require_owner(actor, job, admin=True)
    module = handler(job.kind)
    if job.status != Job.Status.SUCCEEDED or not hasattr(module, "hand_over"):
        raise DomainError(_("This job has no activation codes to hand over."), code="no_codes")
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job.pk)
        if job.codes_delivered_at is not None:
            raise DomainError(
                _("The codes of this import were handed over already. Issue a new code from the student's record."),
                code="codes_delivered",
            )
        codes = module.hand_over(job=job)
        job.codes_delivered_at = timezone.now()
        job.save(update_fields=["codes_delivered_at"])
    return codes


def job_result_check(*, actor, job: Job) -> None:
    """Only the owner downloads a job's file (their school's admins see that it exists, not what it holds)."""
    _require_owner(actor, job)
    if not job.result:
        raise DomainError(_("This job has no file to download."), code="no_result")


def jobs_purge(*, now=None) -> int:
    """Delete the files of jobs that ended more than JOBS_RESULT_DAYS ago (the rows stay, for the list)."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.JOBS_RESULT_DAYS)
    purged = 0
    for job in Job.objects.filter(finished_at__lt=cutoff).exclude(result=""):
        job.result.delete(save=False)
        job.result_name = job.result_type = ""
        job.save(update_fields=["result", "result_name", "result_type"])
        purged += 1
    return purged
