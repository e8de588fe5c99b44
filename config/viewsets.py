"""The base of every viewset: the queryset is scoped to what the user may see (so someone else's record is a
404), and writes ask the viewset whether this user may change this object."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, viewsets

from accounts.actor import Actor, actor_for


class ScopedViewSet(viewsets.ModelViewSet):
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
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
