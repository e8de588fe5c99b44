"""What every endpoint of the API shares: pagination, the one error shape, the domain errors services raise."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from core.errors import DomainError

__all__ = ["DomainError", "Pagination", "exception_handler"]


class Pagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100


class _DomainRefusal(exceptions.APIException):
    """The web face of a ``core.errors.DomainError``: its status, code and message, plus its extra facts."""

    def __init__(self, error: DomainError):
        self.status_code = error.status
        super().__init__(error.detail, error.code)
        self.extra = error.extra
        self.row_errors = getattr(error, "row_errors", None)


def _message(error: Any) -> str:
    """A field error in the user's words: an empty choice sent as null ("This field may not be null.", a
    programmer's word) is a field left empty, and says so as a missing value does."""
    if getattr(error, "code", None) == "null":
        return str(serializers.Field.default_error_messages["required"])
    return str(error)


def _flatten(errors: Any, prefix: str = "") -> dict[str, list[str]]:
    """Turn DRF's nested error dicts/lists into {"a.b.0.c": ["message", ...]}."""
    out: dict[str, list[str]] = {}
    if isinstance(errors, dict):
        for key, value in errors.items():
            name = "non_field_errors" if key in ("non_field_errors", "__all__") and not prefix else key
            out.update(_flatten(value, f"{prefix}.{name}" if prefix else str(name)))
    elif isinstance(errors, list):
        if all(not isinstance(e, (dict, list)) for e in errors):
            out[prefix or "non_field_errors"] = [_message(e) for e in errors]
        else:
            for index, value in enumerate(errors):
                if value:
                    out.update(_flatten(value, f"{prefix}.{index}" if prefix else str(index)))
    else:
        out[prefix or "non_field_errors"] = [str(errors)]
    return out


def exception_handler(exc: Exception, context: dict) -> Response | None:
    """Every error, one shape: {status, code, detail, fields?}, translated by the active language."""
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        # Services raise Django's PermissionDenied with a message saying who may do this: keep it.
        exc = exceptions.PermissionDenied(str(exc.args[0]) if exc.args and exc.args[0] else None)
    elif isinstance(exc, (ProtectedError, RestrictedError)):
        exc = _DomainRefusal(
            DomainError(
                _("This record is still in use (for example a class that has students) and cannot be deleted."),
                code="protected",
            )
        )
    elif isinstance(exc, DomainError):
        exc = _DomainRefusal(exc)

    response = drf_exception_handler(exc, context)
    if response is None:
        return None

    body: dict[str, Any] = {"status": response.status_code}
    if isinstance(exc, exceptions.ValidationError):
        body["code"] = "invalid"
        body["detail"] = str(_("The input is not valid; see the marked fields."))
        body["fields"] = _flatten(exc.detail)
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        codes = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
        body["code"] = codes if isinstance(codes, str) else "error"
        body["detail"] = str(detail) if not isinstance(detail, (dict, list)) else _flatten(detail)
        if isinstance(exc, _DomainRefusal):
            body.update(exc.extra)
        row_errors = getattr(exc, "row_errors", None)
        if row_errors is not None:
            body["row_errors"] = row_errors
    response.data = body
    return response
