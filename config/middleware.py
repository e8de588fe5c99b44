"""Middleware for what happens outside DRF: allauth's headless views and plain Django views."""

from __future__ import annotations

import traceback
from pathlib import PurePath

from django.http import HttpRequest, HttpResponse, JsonResponse

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
