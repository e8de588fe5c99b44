"""The scheduled reminders as Celery jobs (config/celery.py's beat schedule); the work is in reminders.py."""

from __future__ import annotations

from celery import shared_task

from placements import reminders

RETRY = {"autoretry_for": (Exception,), "retry_backoff": 30, "retry_backoff_max": 600, "max_retries": 5}


@shared_task(**RETRY)
def remind_overdue_journals() -> int:
    return reminders.remind_overdue_journals()


@shared_task(**RETRY)
def remind_journals_due_tomorrow() -> int:
    return reminders.remind_journals_due_tomorrow()


@shared_task(**RETRY)
def remind_expiring_activation_codes() -> int:
    return reminders.remind_expiring_activation_codes()


@shared_task(**RETRY)
def remind_expiring_insurance_and_inspections() -> int:
    return reminders.remind_expiring_insurance_and_inspections()
