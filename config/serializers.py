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


class CanArchiveField(CanEditField):
    """`can_archive`: whether the viewer may archive (remove) this record, so the app offers 移出 only where it
    works (nobody removes their own membership)."""

    def to_representation(self, value) -> bool:
        can_archive = self.context.get("can_archive")
        actor = self.context.get("actor")
        return bool(can_archive and actor and can_archive(value, actor))


@extend_schema_field(
    {"type": "string", "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]+)?)?$", "example": "08:30:00"}
)
class ClockField(serializers.TimeField):
    """A time of day on the wall clock (HH:MM[:SS]), without a zone. OpenAPI's `format: time` is RFC 3339's
    full-time, which requires a zone offset, so the schema says what the API really reads and writes."""


def label_field(name: str) -> serializers.CharField:
    """The translated label of a choices field (`get_<name>_display`)."""
    return serializers.CharField(source=f"get_{name}_display", read_only=True)


@extend_schema_field(
    {
        "oneOf": [
            {"type": "string"},
            {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
        ]
    }
)
class _ErrorDetailField(serializers.Field):
    """A sentence, or for errors about several things at once, their messages by name."""


class RowErrorSerializer(serializers.Serializer):
    """What is wrong with one row of a refused spreadsheet import (config.importing.RowErrors)."""

    row = serializers.IntegerField(help_text="The spreadsheet's row number.")
    field = serializers.CharField(help_text="The column's API name; blank for the whole row.")
    header = serializers.CharField(
        help_text="The column's header as the import template spells it, in the request's language; blank for the "
        "whole row or a field that is no column of the template."
    )
    message = serializers.CharField()


class ErrorSerializer(serializers.Serializer):
    """The one error shape of the whole API (config.api.exception_handler), translated by Accept-Language.
    A domain error may add its own keys beside these (a conflicting placement's id, an import's row errors)."""

    status = serializers.IntegerField(help_text="The HTTP status again.")
    code = serializers.CharField(help_text="A stable machine-readable code: invalid, not_found, conflict, ...")
    detail = _ErrorDetailField(help_text="What went wrong, in the reader's language.")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="For invalid input: the messages per field (nested fields as a.b.0.c).",
    )
    row_errors = serializers.ListField(
        child=RowErrorSerializer(),
        required=False,
        help_text="For a refused spreadsheet import: what is wrong with which row.",
    )


@extend_schema_field({"oneOf": [{"type": "string"}, {"type": "integer"}], "nullable": True})
class KeyField(serializers.Field):
    """A report row's key: an id, a year or a code, depending on what the report is grouped by (null: none)."""

    def to_representation(self, value):
        return value


class LabelledChoiceSerializer(serializers.Serializer):
    """One entry of a vocabulary: the stored value and its label in the request's language."""

    value = serializers.CharField()
    label = serializers.CharField()
