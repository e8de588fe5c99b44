"""The API's filter backend: django-filter's, with every number a filter reads bounded to 64 bits, so
`?major=99999999999999999999999` is a 400 in the error shape rather than an OverflowError (SQLite) or a
DataError (PostgreSQL). It applies to every FilterSet a view uses, declared or generated from
`filterset_fields`, whatever its base class."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django_filters import NumberFilter
from django_filters import rest_framework as filters
from django_filters.filters import BaseCSVFilter

from config.params import INT64_MAX

INT64_MIN = -(2**63)


def bound_numbers(filterset: filters.FilterSet) -> filters.FilterSet:
    """Give each NumberFilter of this FilterSet instance (its filters are its own copies) 64-bit bounds before
    its form field is built."""
    for filter_ in filterset.filters.values():
        if isinstance(filter_, NumberFilter) and not isinstance(filter_, BaseCSVFilter):
            validators = list(filter_.extra.get("validators", []))
            validators += [MinValueValidator(INT64_MIN), MaxValueValidator(INT64_MAX)]
            filter_.extra["validators"] = validators
            filter_.__dict__.pop("_field", None)  # rebuilt with the bounds if it was already built
    return filterset


class DjangoFilterBackend(filters.DjangoFilterBackend):
    def get_filterset(self, request, queryset, view):
        filterset = super().get_filterset(request, queryset, view)
        return bound_numbers(filterset) if filterset is not None else None
