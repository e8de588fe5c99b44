"""Serializer pieces shared by the apps."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


@extend_schema_field(OpenApiTypes.BOOL)
class CanEditField(serializers.Field):
    """`can_edit`: whether the viewer may change this object, so the app can show an edit button."""

    def __init__(self, **kwargs):
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value) -> bool:
        can_write = self.context.get("can_write")
        actor = self.context.get("actor")
        return bool(can_write and actor and can_write(value, actor))


def label_field(name: str) -> serializers.CharField:
    """The translated label of a choices field (`get_<name>_display`)."""
    return serializers.CharField(source=f"get_{name}_display", read_only=True)
