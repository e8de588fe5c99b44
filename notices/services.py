"""Sending notices: store them, then push them after the transaction commits, so a rolled-back change never
notifies anyone. If the channel layer (Redis) is down, the request still succeeds: the notices are stored
and reach the person at their next connection (the socket replays what they missed)."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.actor import Actor
from notices.delivery import deliver, push_unread
from notices.models import Notice
from notices.tasks import deliver_notices

BACKGROUND_MIN = 50  # recipients from which live delivery leaves the request for a Celery job


def notice_send(
    *, recipients: Iterable, kind: str, params: dict | None = None, link: str = "", background: bool | None = None
) -> list[Notice]:
    """Store one notice per recipient (users or user ids; duplicates and None dropped) and deliver it live
    once the surrounding transaction commits (large sends, or `background=True`, through a Celery job)."""
    ids = list(dict.fromkeys(uid for uid in (getattr(r, "pk", r) for r in recipients) if uid is not None))
    if not ids:
        return []
    notices = Notice.objects.bulk_create(
        [Notice(recipient_id=uid, kind=kind, params=params or {}, link=link) for uid in ids]
    )
    if any(n.pk is None for n in notices):  # backends without RETURNING ids: read them back
        notices = list(Notice.objects.filter(recipient_id__in=ids, kind=kind).order_by("-id")[: len(ids)])
    deliver_on_commit(notices, background=background)
    return notices


def notices_send_many(items: list[tuple[int, str, dict, str]]) -> list[Notice]:
    """Many different notices at once, as (recipient id, kind, params, link): one insert, one delivery after
    commit (publishing a match round tells thousands of people their own result)."""
    notices = Notice.objects.bulk_create(
        [Notice(recipient_id=uid, kind=kind, params=params, link=link) for uid, kind, params, link in items if uid],
        batch_size=2000,
    )
    if notices and any(n.pk is None for n in notices):
        return notices  # without ids there is nothing to push; they are replayed at the next connection
    deliver_on_commit(notices)
    return notices


def deliver_on_commit(notices: list[Notice], *, background: bool | None = None) -> None:
    """Push the notices once the transaction commits. A large send (publishing a round, session results) goes
    to a Celery job, so the person who pressed the button waits for the database writes only; without a broker
    the job would run inline anyway, so it is delivered here directly."""
    if background is None:
        background = len(notices) >= BACKGROUND_MIN
    if background and not settings.CELERY_TASK_ALWAYS_EAGER:
        ids = [n.pk for n in notices]
        transaction.on_commit(lambda: deliver_notices.delay(ids))
    else:
        transaction.on_commit(lambda: deliver(notices))


def notice_mark_read(*, actor: Actor, notice_ids: list[int] | None = None, kind: str | None = None) -> int:
    """Mark some (or, with None, all) of the user's notices read, optionally only those of one kind (a
    teacher clears a hundred "new journal" notices at once); returns how many changed."""
    qs = Notice.objects.filter(recipient_id=actor.user_id, read_at__isnull=True)
    if notice_ids is not None:
        qs = qs.filter(pk__in=notice_ids)
    if kind is not None:
        qs = qs.filter(kind=kind)
    changed = qs.update(read_at=timezone.now())
    if changed:
        transaction.on_commit(lambda: push_unread(actor.user_id))
    return changed
