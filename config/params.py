"""Query parameters are declared, not parsed by hand: a serializer (or a django-filter FilterSet) per endpoint
validates them, bounds every number (an id past 64 bits is a 400, not an OverflowError) and documents them in
the OpenAPI schema (`@extend_schema(parameters=[TheParams])`)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

INT64_MAX = 2**63 - 1


class IdParam(serializers.IntegerField):
    """The id of a record: a positive 64-bit integer."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_null", True)  # `?major=` (a cleared select) means no filter
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", INT64_MAX)
        super().__init__(**kwargs)


def year_window(past: int, future: int) -> tuple[int, int]:
    """The plausible years around today: `past` years back, `future` years ahead (it moves with the calendar)."""
    year = timezone.localdate().year
    return year - past, year + future


YEAR_OUT_OF_WINDOW = _("Enter a year between %(min)d and %(max)d.")


class YearField(serializers.IntegerField):
    """A calendar year within a plausible window around today (`past` years back, `future` years ahead), so the
    window moves with the calendar instead of going stale."""

    default_error_messages = {"out_of_window": YEAR_OUT_OF_WINDOW}

    def __init__(self, *, past: int = 80, future: int = 10, **kwargs: Any) -> None:
        self.past, self.future = past, future
        # Static bounds for the schema and as a first guard; the window itself is checked against today.
        kwargs.setdefault("min_value", 1900)
        kwargs.setdefault("max_value", 9999)
        super().__init__(**kwargs)

    def window(self) -> tuple[int, int]:
        return year_window(self.past, self.future)

    def to_internal_value(self, data: Any) -> int:
        value = super().to_internal_value(data)
        low, high = self.window()
        if not low <= value <= high:
            raise serializers.ValidationError(
                self.error_messages["out_of_window"] % {"min": low, "max": high}, code="out_of_window"
            )
        return value


def read_params(serializer_class: type[serializers.Serializer], request) -> dict:
    """The request's query parameters, validated by `serializer_class` (a 400 in the error shape if not)."""
    params = serializer_class(data=request.query_params)
    params.is_valid(raise_exception=True)
    return params.validated_data
