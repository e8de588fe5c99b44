"""The base of every viewset: the queryset is scoped to what the user may see (so someone else's record is a
404), and writes ask the viewset whether this user may change this object."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.actor import Actor, actor_for
from config.params import read_params
from core.errors import DomainError


class ScopedViewSet(viewsets.ModelViewSet):
    # No DELETE: records with a history are archived, never deleted. A viewset whose records may really go
    # opts in by listing "delete" itself.
    http_method_names = ["get", "post", "patch", "head", "options"]
    write_denied_message = _("You may read this record but not change it.")
    # True where every change is an action whose service checks who may do it (e.g. placements).
    services_check_writes = False
    # Actions whose service checks the right itself (e.g. vetting a company, which its HR may not do).
    actions_checked_by_services: frozenset[str] = frozenset()
    create_denied_message = _("Your role cannot add records here.")

    @property
    def actor(self) -> Actor:
        return actor_for(self.request.user)

    # Subclasses define these three.
    def base_queryset(self) -> QuerySet:
        raise NotImplementedError

    def scope(self, queryset: QuerySet, actor: Actor) -> QuerySet:
        raise NotImplementedError

    def can_write(self, obj: Any, actor: Actor) -> bool:
        return False

    def can_create(self, actor: Actor) -> bool:
        return False

    def get_queryset(self) -> QuerySet:
        return self.scope(self.base_queryset(), self.actor)

    def get_serializer_context(self) -> dict:
        context = super().get_serializer_context()
        context["actor"] = self.actor
        context["can_write"] = self.can_write
        return context

    def check_object_permissions(self, request, obj) -> None:
        super().check_object_permissions(request, obj)
        if (
            request.method not in ("GET", "HEAD", "OPTIONS")
            and not self.services_check_writes
            and self.action not in self.actions_checked_by_services
            and not self.can_write(obj, self.actor)
        ):
            raise exceptions.PermissionDenied(self.write_denied_message)

    def create(self, request, *args, **kwargs):
        if not self.can_create(self.actor):
            raise exceptions.PermissionDenied(self.create_denied_message)
        return super().create(request, *args, **kwargs)

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        serializer = self.get_serializer(self.get_object(), data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        self.perform_update(serializer)
        # The answer is the whole object as a GET gives it: a partial serializer leaves out every field whose
        # source is empty (DRF skips a default on PATCH), so a PATCH answered without `cohort_name`.
        instance = serializer.instance
        if getattr(instance, "_prefetched_objects_cache", None):
            instance._prefetched_objects_cache = {}
        return Response(self.get_serializer(instance).data)


ARCHIVED_PARAMETER = OpenApiParameter(
    "archived", str, enum=["false", "true", "all"], description="Archived records: hidden (default), only, or all."
)


class ArchivedParams(serializers.Serializer):
    archived = serializers.ChoiceField(choices=["false", "true", "all", "0", "1"], default="false")


class ArchiveMixin:
    """Archive instead of delete, for records with a history (students, staff memberships, majors, classes): an
    archived record leaves the default lists (`?archived=true` lists only those, `?archived=all` both), keeps
    every link to its history, and comes back with `restore`. Both actions need `can_write` on the record."""

    archive_field = "archived_at"
    archive_denied_message = _("You cannot archive this record.")

    def can_archive(self, obj, actor: Actor) -> bool:
        """Beyond can_write: e.g. nobody archives their own membership (and locks themselves out)."""
        return True

    def get_serializer_context(self) -> dict:
        context = super().get_serializer_context()
        context["can_archive"] = lambda obj, actor: self.can_write(obj, actor) and self.can_archive(obj, actor)
        return context

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.action != "list":
            return queryset
        wanted = read_params(ArchivedParams, self.request)["archived"]
        if wanted == "all":
            return queryset
        return queryset.filter(**{f"{self.archive_field}__isnull": wanted not in ("true", "1")})

    def _set_archived(self, archive: bool) -> Response:
        obj = self.get_object()  # a POST: check_object_permissions asks can_write
        if not self.can_archive(obj, self.actor):
            raise exceptions.PermissionDenied(self.archive_denied_message)
        with transaction.atomic():
            locked = type(obj).objects.select_for_update().get(pk=obj.pk)
            if (getattr(locked, self.archive_field) is not None) == archive:
                message = _("This record is already archived.") if archive else _("This record is not archived.")
                raise DomainError(message, code="already_archived" if archive else "not_archived")
            setattr(locked, self.archive_field, timezone.now() if archive else None)
            locked.save(update_fields=[self.archive_field])
        return Response(self.get_serializer(self.get_queryset().get(pk=obj.pk)).data)

    @extend_schema(request=None, parameters=[])
    @action(detail=True, methods=["post"])
    def archive(self, request, pk=None):
        """Archive the record: it leaves the default lists and keeps its history."""
        return self._set_archived(True)

    @extend_schema(request=None, parameters=[])
    @action(detail=True, methods=["post"])
    def restore(self, request, pk=None):
        """Bring an archived record back."""
        return self._set_archived(False)
