"""Read queries of notices: a person's notices are theirs alone."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from notices.models import Notice


def notices_visible_to(user, queryset: QuerySet[Notice] | None = None) -> QuerySet[Notice]:
    """The user's own notices, newest first (nobody, not even their school or company, reads another's)."""
    qs = queryset if queryset is not None else Notice.objects.all()
    return qs.filter(recipient=user).order_by("-id")


def unread_count(user) -> int:
    return Notice.objects.filter(recipient=user, read_at__isnull=True).count()


def kind_counts(user) -> list[dict]:
    """Per kind of the user's notices: how many, and how many unread (the drawer's filter), most unread first."""
    rows = (
        Notice.objects.filter(recipient=user)
        .values("kind")
        .annotate(total=Count("id"), unread=Count("id", filter=Q(read_at__isnull=True)))
    )
    return sorted(rows, key=lambda r: (-r["unread"], -r["total"], r["kind"]))
