"""The query filters of the notices API."""

from __future__ import annotations

from django_filters import rest_framework as filters

from notices.messages import MESSAGES
from notices.models import Notice

KIND_CHOICES = [(kind, kind) for kind in MESSAGES]


class NoticeFilter(filters.FilterSet):
    unread = filters.BooleanFilter(field_name="read_at", lookup_expr="isnull", label="unread")
    # a teacher gets hundreds of notices of a few kinds: the drawer shows one kind at a time
    kind = filters.ChoiceFilter(choices=KIND_CHOICES, label="kind")

    class Meta:
        model = Notice
        fields = ["unread", "kind"]
