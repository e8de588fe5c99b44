"""Text messages (SMS) through a small backend interface, chosen by settings.SMS_BACKEND the way Django chooses
its e-mail backend: a gateway's backend in production, `ConsoleBackend` (the default: the message goes to the
server's log) in development, `LocmemBackend` (kept in `outbox`) in tests.

The console backend writes the message, since reading it there is its purpose, but never the whole number: a
log is kept longer and read by more people than a text message."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
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
    """Development: the message in the server's log, the number masked."""

    def send(self, message: Sms) -> None:
        logger.warning("SMS to %s: %s", masked(message.to), message.body)


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
