"""The fieldwork's scheduled job (config/celery.py's beat schedule): the alerts for runs of missing check-ins,
each evening once the working day is over. The teacher's attendance page computes the same on demand."""

from __future__ import annotations

from celery import shared_task

from fieldwork import attendance

RETRY = {"autoretry_for": (Exception,), "retry_backoff": 30, "retry_backoff_max": 600, "max_retries": 5}


@shared_task(**RETRY)
def alert_missing_runs() -> int:
    return attendance.alert_missing_runs()
