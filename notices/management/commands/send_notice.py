"""Send a notice to people by e-mail address, delivered through the background job path (a Celery worker on
the platform): an operator's announcement, and the platform's end-to-end check (platform/smoke.py)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from notices.services import notice_send


class Command(BaseCommand):
    help = "Send a notice (text) to the given e-mail addresses; live delivery goes through a background job."

    def add_arguments(self, parser):
        parser.add_argument("emails", nargs="+")
        parser.add_argument("--text", required=True)

    def handle(self, *args, emails, text, **options):
        users = list(get_user_model().objects.filter(email__in=emails))
        missing = set(emails) - {u.email for u in users}
        if missing:
            raise CommandError(f"no account with: {', '.join(sorted(missing))}")
        with transaction.atomic():
            notices = notice_send(recipients=users, kind="announcement", params={"text": text}, background=True)
        self.stdout.write(" ".join(str(n.pk) for n in notices))
