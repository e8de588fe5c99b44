"""The Celery application: background jobs on the platform (Redis as the broker). Without a broker the tasks
run inline (CELERY_TASK_ALWAYS_EAGER), so the embedded default needs no worker. Settings are the CELERY_*
names in config/settings; the schedule (Asia/Shanghai time) is below."""

from __future__ import annotations

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

app = Celery("placements")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Each morning, in the settings' time zone (Asia/Shanghai): reminders that are plain services too
# (`python manage.py send_reminders` runs them on demand).
app.conf.beat_schedule = {
    "overdue-journal-reminders": {
        "task": "placements.tasks.remind_overdue_journals",
        "schedule": crontab(hour=8, minute=0),
    },
    # the day before a weekly report is due: one digest per student
    "journals-due-tomorrow": {
        "task": "placements.tasks.remind_journals_due_tomorrow",
        "schedule": crontab(hour=8, minute=5),
    },
    "activation-codes-expiring": {
        "task": "placements.tasks.remind_expiring_activation_codes",
        "schedule": crontab(hour=8, minute=10),
    },
    "insurance-and-inspections-expiring": {
        "task": "placements.tasks.remind_expiring_insurance_and_inspections",
        "schedule": crontab(hour=8, minute=20),
    },
    # both sides of each interview scheduled for tomorrow (careers; once per interview)
    "interviews-tomorrow": {
        "task": "careers.tasks.remind_interviews_tomorrow",
        "schedule": crontab(hour=8, minute=30),
    },
    # registered students the day before a recruitment fair (careers/fairs; once per registration)
    "fairs-tomorrow": {
        "task": "careers.tasks.remind_fairs_tomorrow",
        "schedule": crontab(hour=8, minute=35),
    },
    # open fairs whose end has passed close (careers/fairs; hourly, as fairs end at any hour; the API reads an
    # ended fair as closed before this runs)
    "close-ended-fairs": {
        "task": "careers.tasks.close_ended_fairs",
        "schedule": crontab(minute=40),
    },
    # runs of missing check-ins, once the working day is over (fieldwork/attendance.py; one notice per run)
    # background jobs' result files past JOBS_RESULT_DAYS (the jobs stay listed; core/jobs.py)
    "purge-job-results": {
        "task": "core.tasks.purge_job_results",
        "schedule": crontab(hour=3, minute=30),
    },
    "missing-checkin-alerts": {
        "task": "fieldwork.tasks.alert_missing_runs",
        "schedule": crontab(hour=19, minute=0),
    },
}
