"""What Django answers when no view does (an unknown path, an unhandled exception) with DEBUG off: the API's
error shape for the API and allauth's paths, a plain page elsewhere. Never URL patterns or a traceback."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _

JSON_PREFIXES = ("/api/", "/_allauth/")


def _answer(request: HttpRequest, status: int, code: str, detail: str) -> HttpResponse:
    if request.path.startswith(JSON_PREFIXES):
        return JsonResponse({"status": status, "code": code, "detail": detail}, status=status)
    page = (
        f'<!doctype html><html lang="{escape(get_language() or "zh-hans")}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{status}</title></head>'
        f'<body><h1>{status}</h1><p>{escape(detail)}</p><p><a href="/">{escape(_("Back to the start page"))}</a></p>'
        "</body></html>"
    )
    return HttpResponse(page, status=status, content_type="text/html; charset=utf-8")


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _answer(request, 400, "bad_request", _("The request could not be understood."))


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _answer(request, 403, "permission_denied", _("You do not have permission to perform this action."))


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _answer(request, 404, "not_found", _("Not found."))


def server_error(request: HttpRequest) -> HttpResponse:
    return _answer(request, 500, "server_error", _("Something went wrong on our side. Please try again later."))
