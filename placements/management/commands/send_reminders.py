"""Run the morning reminders now (Celery beat runs them each day); each goes at most once a day a person."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from placements.reminders import REMINDERS


class Command(BaseCommand):
    help = "Send the daily reminders now: overdue journals, activation codes, insurance and inspections expiring."

    def add_arguments(self, parser):
        parser.add_argument("which", nargs="*", help=f"some of {', '.join(REMINDERS)} (default: all)")

    def handle(self, *args, which, **options):
        unknown = set(which) - set(REMINDERS)
        if unknown:
            raise CommandError(f"unknown reminders: {', '.join(sorted(unknown))}")
        for name in which or REMINDERS:
            self.stdout.write(f"{name}: {REMINDERS[name]()} notices")
