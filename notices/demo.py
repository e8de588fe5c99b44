"""The demo world's notices: seeding runs a term of work through the services in seconds, so each person would
begin with every notice of that term unread (a teacher with hundreds). As in real use, the older ones have been
read: each person keeps only their newest few unread."""

from __future__ import annotations

from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from notices.models import Notice

KEEP_UNREAD = 5


def settle_notices(*, keep_unread: int = KEEP_UNREAD) -> int:
    """Mark all but each person's `keep_unread` newest unread notices read; returns how many were marked."""
    ranked = Notice.objects.filter(read_at__isnull=True).annotate(
        rank=Window(RowNumber(), partition_by=[F("recipient_id")], order_by=F("id").desc())
    )
    older = list(ranked.filter(rank__gt=keep_unread).values_list("id", flat=True))
    return Notice.objects.filter(pk__in=older).update(read_at=timezone.now())
