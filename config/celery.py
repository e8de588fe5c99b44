"""The Celery application: background jobs on the platform (Redis as the broker). Without a broker the tasks
run inline (CELERY_TASK_ALWAYS_EAGER), so the embedded default needs no worker. Settings are the CELERY_*
names in config/settings."""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

app = Celery("placements")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
