"""The careers reminders as Celery jobs (config/celery.py's beat schedule); the work is in careers/services.py."""

from __future__ import annotations

from celery import shared_task

from careers import services

RETRY = {"autoretry_for": (Exception,), "retry_backoff": 30, "retry_backoff_max": 600, "max_retries": 5}


@shared_task(**RETRY)
def remind_interviews_tomorrow() -> int:
    return services.remind_interviews_tomorrow()


@shared_task(**RETRY)
def remind_fairs_tomorrow() -> int:
    from careers.fairs.services import remind_fairs_tomorrow as remind

    return remind()


@shared_task(**RETRY)
def close_ended_fairs() -> int:
    from careers.fairs.services import close_ended_fairs as close

    return close()
