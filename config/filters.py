"""The API's filter backend: django-filter's, with every number a filter reads bounded to 64 bits, so
`?major=99999999999999999999999` is a 400 in the error shape rather than an OverflowError (SQLite) or a
DataError (PostgreSQL). It applies to every FilterSet a view uses, declared or generated from
`filterset_fields`, whatever its base class."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext
from django_filters import NumberFilter
from django_filters import rest_framework as filters
from django_filters.filters import BaseCSVFilter
from drf_spectacular.utils import OpenApiParameter

from config.params import INT64_MAX, YEAR_OUT_OF_WINDOW, year_window

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


# -- filters for reports: read by hand (read_filters) from views that are not lists, and listed in the schema
#    (filterset_parameters), since drf-spectacular reads a FilterSet only from a list view's filterset_class.


class IdFilter(NumberFilter):
    """The id of a record: a whole number from 1 (bounded to 64 bits like every NumberFilter); blank is no filter."""

    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        super().__init__(*args, **kwargs)


class YearFormField(forms.IntegerField):
    """A calendar year within a plausible window around today, as config.params.YearField."""

    default_error_messages = {"out_of_window": YEAR_OUT_OF_WINDOW}

    def __init__(self, *, past: int = 80, future: int = 10, **kwargs: Any) -> None:
        self.past, self.future = past, future
        kwargs.setdefault("min_value", 1900)  # static bounds for the schema; the window is checked against today
        kwargs.setdefault("max_value", 9999)
        super().__init__(**kwargs)

    def validate(self, value: Any) -> None:
        super().validate(value)
        low, high = year_window(self.past, self.future)
        if value not in self.empty_values and not low <= value <= high:
            window = {"min": low, "max": high}
            raise ValidationError(self.error_messages["out_of_window"], code="out_of_window", params=window)


class YearsField(forms.Field):
    """Years, the parameter repeated (`?year=2024&year=2025`), each in the plausible window; blanks are ignored."""

    widget = forms.MultipleHiddenInput  # reads every value of a repeated parameter

    def __init__(self, *, past: int = 80, future: int = 10, max_count: int = 100, **kwargs: Any) -> None:
        self.year = YearFormField(past=past, future=future, required=False)
        self.max_count = max_count
        super().__init__(**kwargs)

    def clean(self, value: Any) -> list[int]:
        values = value if isinstance(value, (list, tuple)) else [value]
        values = [v for v in values if v not in self.empty_values]
        if len(values) > self.max_count:
            message = gettext("Ensure this field has no more than {max_length} elements.")  # DRF's words
            raise ValidationError(message.format(max_length=self.max_count), code="max_length")
        return [self.year.clean(v) for v in values]


class YearsFilter(filters.Filter):
    field_class = YearsField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("lookup_expr", "in")
        super().__init__(*args, **kwargs)


class BooleanParamField(forms.NullBooleanField):
    """true/false (yes/no, on/off, 1/0, any case), blank for no filter; anything else is a 400, not ignored (as
    django-filter's boolean widget would)."""

    widget = forms.TextInput
    TRUE, FALSE = {"true", "yes", "on", "1"}, {"false", "no", "off", "0"}

    def to_python(self, value: Any) -> bool | None:
        if value in (None, ""):
            return None
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in self.TRUE | self.FALSE:
            return text in self.TRUE
        raise ValidationError(gettext("Must be a valid boolean."), code="invalid")  # DRF's words


class BooleanParamFilter(filters.BooleanFilter):
    field_class = BooleanParamField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.TextInput)  # django-filter's BooleanWidget drops what it cannot read
        super().__init__(*args, **kwargs)


def read_filters(filterset_class: type[filters.FilterSet], data, queryset=None) -> filters.FilterSet:
    """A FilterSet over `data` (a request's query parameters or a dict of values), its numbers bounded to 64
    bits, validated: Django's ValidationError with the messages per field if not (a 400 in the error shape)."""
    filterset = bound_numbers(filterset_class(data, queryset=queryset))
    if not filterset.is_valid():
        raise ValidationError({name: list(messages) for name, messages in filterset.errors.items()})
    return filterset


def read_query(request, filterset_class: type[filters.FilterSet], params_class=None) -> dict:
    """A report's query: the values of its FilterSet's filters and of `params_class` (a serializer of the parameters
    that are not filters), validated together, so one 400 names every bad field of either."""
    filterset = bound_numbers(filterset_class(request.query_params))
    errors = {} if filterset.is_valid() else {name: list(messages) for name, messages in filterset.errors.items()}
    values = dict(filterset.form.cleaned_data) if not errors else {}
    if params_class is not None:
        params = params_class(data=request.query_params)
        if params.is_valid():
            values.update(params.validated_data)
        else:
            errors.update({name: list(messages) for name, messages in params.errors.items()})
    if errors:
        raise ValidationError(errors)
    return values


def filterset_parameters(filterset_class: type[filters.FilterSet]) -> list[OpenApiParameter]:
    """The FilterSet's filters as OpenAPI query parameters (`@extend_schema(parameters=...)` of a view that is not a
    list), typed and bounded from the form fields the filters validate with."""
    parameters = []
    for name, filter_ in bound_numbers(filterset_class()).filters.items():
        field = filter_.field
        if isinstance(field, YearsField):  # repeated (a query parameter is form-style and exploded by default)
            schema = {"type": "array", "items": _schema_of(field.year), "maxItems": field.max_count}
        else:
            schema = _schema_of(field)
        if isinstance(field, forms.IntegerField) and not field.required:
            schema["nullable"] = True  # a blank id (a cleared select) is no filter
        if field.initial is not None:
            schema["default"] = field.initial
        help_text = filter_.extra.get("help_text")
        parameters.append(
            OpenApiParameter(
                name,
                schema,
                OpenApiParameter.QUERY,
                required=field.required,
                description=help_text or "",
            )
        )
    return parameters


def _schema_of(field: forms.Field) -> dict:
    if isinstance(field, forms.NullBooleanField):
        return {"type": "boolean"}
    if isinstance(field, forms.ChoiceField):
        return {"type": "string", "enum": [value for value, _label in field.choices if value != ""]}
    if isinstance(field, (forms.IntegerField, forms.DecimalField)):
        schema: dict = {"type": "integer" if isinstance(field, forms.IntegerField) else "number"}
        lows = [v.limit_value for v in field.validators if isinstance(v, MinValueValidator)]
        highs = [v.limit_value for v in field.validators if isinstance(v, MaxValueValidator)]
        if highs:
            schema["maximum"] = min(highs)
        if lows:
            schema["minimum"] = max(lows)
        if schema["type"] == "integer" and schema.get("maximum", 0) > 2**31 - 1:
            schema["format"] = "int64"
        return schema
    schema = {"type": "string"}
    if getattr(field, "max_length", None):
        schema["maxLength"] = field.max_length
    return schema
