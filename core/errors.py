"""The errors the domain raises, free of the web layer.

Services raise these, and Django's own ``PermissionDenied`` and ``ValidationError``; ``config/api.py`` turns each
into the API's one error shape. Nothing here knows about HTTP beyond the status a client should see.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """A rule of the domain refused the operation (an illegal state change, a full slot...).

    ``code`` is a stable machine-readable name; ``extra`` holds facts the client may show (the current status,
    the missing documents...).
    """

    status = 409
    default_detail = _("This action is not possible in the current state.")
    default_code = "conflict"

    def __init__(self, detail: Any = None, code: str | None = None, extra: dict | None = None):
        self.detail = detail if detail is not None else self.default_detail
        self.code = code or self.default_code
        self.extra = extra or {}
        super().__init__(str(self.detail))


class ImportRowsInvalid(DomainError):
    """A spreadsheet had rows that are not valid; nothing was imported."""

    status = 400
    default_code = "invalid_rows"

    def __init__(self, row_errors: list[dict]):
        super().__init__(_("Some rows are not valid. Nothing was imported; correct them and upload again."))
        self.row_errors = row_errors
