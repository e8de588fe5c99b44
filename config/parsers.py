"""The API's JSON parser: a body nested deeper than Python's recursion limit is a 400, not a 500."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, parsers

NESTED_TOO_DEEPLY = _("The request body is nested too deeply.")


class JSONParser(parsers.JSONParser):
    """DRF's parser answers malformed JSON with a ParseError but lets the RecursionError that Python's json
    raises on `[[[[…]]]]` through (it is not a ValueError)."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise exceptions.ParseError(NESTED_TOO_DEEPLY) from None
