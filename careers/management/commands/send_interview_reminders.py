"""Send the day-before interview reminders now (Celery beat runs them each morning); each interview is reminded
once."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from careers.services import remind_interviews_tomorrow


class Command(BaseCommand):
    help = "Remind both sides of each interview scheduled for tomorrow (once per interview)."

    def handle(self, *args, **options):
        self.stdout.write(f"interviews_tomorrow: {remind_interviews_tomorrow()} interviews")
