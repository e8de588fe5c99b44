"""Text messages (SMS) through a small backend interface, chosen by settings.SMS_BACKEND the way Django chooses
its e-mail backend: a gateway's backend in production, `ConsoleBackend` (the default: the message goes to the
server's log) in development, `LocmemBackend` (kept in `outbox`) in tests.

The console backend writes the message under DEBUG, since reading it there is its purpose, but never the whole
number: a log is kept longer and read by more people than a text message. Outside DEBUG it writes neither the
text (a consent link and its code are credentials) nor the number, and `check --deploy` says that no text leaves
the server until a gateway's backend is set."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core import checks
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger("core.sms")


@dataclass(frozen=True)
class Sms:
    to: str
    body: str
    sent_at: object = None


def masked(phone: str) -> str:
    """13812345678 -> 138****5678: enough to tell two messages apart, not enough to call anyone."""
    return f"{phone[:3]}****{phone[-4:]}" if len(phone) >= 8 else "****"


class BaseSmsBackend:
    def send(self, message: Sms) -> None:  # pragma: no cover - an interface
        raise NotImplementedError


class ConsoleBackend(BaseSmsBackend):
    """Development: the message in the server's log, the number masked. Outside DEBUG only that one was due."""

    def send(self, message: Sms) -> None:
        if settings.DEBUG:
            logger.warning("SMS to %s: %s", masked(message.to), message.body)
        else:
            logger.warning("SMS not sent (%d characters): SMS_BACKEND is the console backend", len(message.body))


@checks.register(checks.Tags.security, deploy=True)
def check_sms_backend(app_configs=None, **kwargs):
    """A deployment with the console backend sends no text: guardians never get their consent link."""
    backend = getattr(settings, "SMS_BACKEND", "core.sms.ConsoleBackend")
    if backend not in ("core.sms.ConsoleBackend", "core.sms.FileBackend"):
        return []
    return [
        checks.Info(
            "SMS_BACKEND is a development backend: no text message leaves this server (guardians receive no consent "
            "link by SMS; staff can still share it).",
            hint="Set SMS_BACKEND to a gateway's backend (a subclass of core.sms.BaseSmsBackend).",
            id="core.I001",
        )
    ]


class FileBackend(BaseSmsBackend):
    """Development and browser tests, like Django's file-based e-mail backend: each message appended as one line
    to settings.SMS_FILE_PATH (the number masked), whatever DEBUG says. Never for a deployment."""

    def send(self, message: Sms) -> None:
        line = f"SMS to {masked(message.to)}: {message.body}".replace("\n", " ")
        with open(settings.SMS_FILE_PATH, "a", encoding="utf-8") as out:
            out.write(line + "\n")


# What LocmemBackend sent, oldest first (tests read and clear it, like django.core.mail.outbox).
outbox: list[Sms] = []


class LocmemBackend(BaseSmsBackend):
    """Tests: messages kept in `core.sms.outbox`."""

    def send(self, message: Sms) -> None:
        outbox.append(message)


def send_sms(*, to: str, body: str) -> None:
    """Send one text message through the configured backend."""
    backend = import_string(getattr(settings, "SMS_BACKEND", "core.sms.ConsoleBackend"))()
    backend.send(Sms(to=to, body=body, sent_at=timezone.now()))
