"""The Celery side of background jobs (core/jobs.py does the work). Acknowledged late: a job whose worker is
killed comes back and runs again from the start (its handler's transaction left nothing behind); a job that
ended is not run again. Retried with exponential back-off; after the last try the error is kept on the job."""

from __future__ import annotations

from celery import Task, shared_task

from core import jobs


class JobTask(Task):
    def on_failure(self, exc, task_id, args, kwargs, einfo):
        if args:
            jobs.job_fail(args[0], exc)


@shared_task(
    base=JobTask,
    acks_late=True,
    autoretry_for=(Exception,),
    retry_backoff=5,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=4,
)
def run_job(job_id: int) -> None:
    jobs.job_run(job_id)


@shared_task(autoretry_for=(Exception,), retry_backoff=30, max_retries=3)
def purge_job_results() -> int:
    return jobs.jobs_purge()


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=5, retry_backoff_max=120, max_retries=3)
def make_thumbnail(model_label: str, pk: int, field: str = "file") -> str | None:
    """The thumbnail of an uploaded image (config.uploads.thumbnail_make): idempotent, and nothing when the
    record or its file went away meanwhile."""
    from django.apps import apps

    from config.uploads import thumbnail_make

    instance = apps.get_model(model_label).objects.filter(pk=pk).first()
    stored = getattr(instance, field, None) if instance is not None else None
    if not stored:
        return None
    return thumbnail_make(stored)
