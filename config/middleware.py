"""Middleware for what happens outside DRF (allauth's headless views and plain Django views), and for a database
that is briefly away (everywhere)."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import PurePath

from django.core.signals import got_request_exception
from django.db.utils import InterfaceError, OperationalError
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext_lazy as _

from config.errors import JSON_PREFIXES
from config.errors import _answer as error_page
from config.parsers import NESTED_TOO_DEEPLY


def _raised_by_json(exception: BaseException) -> bool:
    for frame in traceback.extract_tb(exception.__traceback__):
        parts = PurePath(frame.filename).parts
        if parts[-2:] in (("json", "decoder.py"), ("json", "__init__.py")):
            return True
    return False


class JsonBodyTooDeepMiddleware:
    """allauth's headless views parse their JSON body with json.loads and catch only JSONDecodeError, so a
    deeply nested body (`[[[[…]]]]`) raises RecursionError and answers 500. Answer 400 in the API's shape (with
    allauth's `errors` list too), but only when the error came from parsing JSON: a real recursion bug stays
    a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, RecursionError) and _raised_by_json(exception):
            detail = str(NESTED_TOO_DEEPLY)
            return JsonResponse(
                {
                    "status": 400,
                    "code": "parse_error",
                    "detail": detail,
                    "errors": [{"code": "parse_error", "message": detail}],
                },
                status=400,
            )
        return None


# --- the database is briefly away ---------------------------------------------------------------------------
DATABASE_UNAVAILABLE = _("The service is briefly unavailable; try again in a few seconds.")
RETRY_AFTER_SECONDS = 5
_DATABASE_DOWN = (OperationalError, InterfaceError)
_MARK = "_database_unavailable"
logger = logging.getLogger("config.database")


def _unavailable(request: HttpRequest, exception: BaseException) -> HttpResponse:
    logger.warning(
        "Database unavailable, answered 503: %s %s: %s: %s",
        request.method,
        request.path,
        type(exception).__name__,
        str(exception).strip().splitlines()[0][:300] if str(exception).strip() else "",
    )
    detail = str(DATABASE_UNAVAILABLE)
    if request.path.startswith(JSON_PREFIXES) or request.path.startswith("/health/"):
        body = {"status": 503, "code": "service_unavailable", "detail": detail}
        if request.path.startswith("/_allauth/"):
            body["errors"] = [{"code": "service_unavailable", "message": detail}]
        response = JsonResponse(body, status=503)
    else:
        response = error_page(request, 503, "service_unavailable", detail)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


@receiver(got_request_exception, dispatch_uid="config.middleware.database_unavailable")
def _note_database_down(sender, request=None, **kwargs) -> None:
    """An exception no view handled (one raised in a middleware, say a session saved after the view): Django
    turns it into a 500 before DatabaseUnavailableMiddleware sees it, so mark the request for it here."""
    exception = sys.exc_info()[1]
    if request is not None and isinstance(exception, _DATABASE_DOWN):
        setattr(request, _MARK, exception)


class DatabaseUnavailableMiddleware:
    """While PostgreSQL is down or restarting, a request that needs it answers 503 with Retry-After and a
    translated message (the API's error shape under /api/, /_allauth/ and /health/, a plain page elsewhere),
    not a 500: the client, or the person, tries again in a few seconds. Django reconnects by itself once the
    database is back (a broken connection is closed at the end of its request; CONN_HEALTH_CHECKS on the
    platform checks a reused one first). Placed near the top, so it also sees what inner middleware raised."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        exception = getattr(request, _MARK, None)
        if exception is not None and response.status_code == 500:
            return _unavailable(request, exception)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, _DATABASE_DOWN):
            return _unavailable(request, exception)
        return None
