"""The two plain views of the project: the single-page app's shell and a health check."""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_GET


@require_GET
@ensure_csrf_cookie
def spa(request: HttpRequest) -> HttpResponse:
    # `make run` names the collected copy (config/settings/run.py), the one matching the files WhiteNoise serves.
    index = getattr(settings, "SPA_INDEX", None) or settings.FRONTEND_DIST / "index.html"
    if not index.exists():
        message = _("The web app is not built yet. Run `make run` (or `make frontend`) to build it.")
        return HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(index.read_bytes(), content_type="text/html; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"ok": True})
