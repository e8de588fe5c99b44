"""The two plain views of the project: the single-page app's shell and a health check."""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
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


# The installable app's two files at the site's root (issue 17): the service worker must be served from "/" to
# control every page, and neither may be cached, or a phone keeps an old app after a release.
PWA_FILES = {
    "sw.js": "application/javascript; charset=utf-8",
    "manifest.webmanifest": "application/manifest+json",
}


@require_GET
def pwa_file(request: HttpRequest, name: str) -> HttpResponse:
    """The service worker and the web app manifest the build wrote next to index.html (vite-plugin-pwa)."""
    index = getattr(settings, "SPA_INDEX", None) or settings.FRONTEND_DIST / "index.html"
    path = index.parent / name
    if name not in PWA_FILES or not path.exists():
        raise Http404(name)
    response = HttpResponse(path.read_bytes(), content_type=PWA_FILES[name])
    response["Cache-Control"] = "no-cache, no-store, must-revalidate"
    if name == "sw.js":
        response["Service-Worker-Allowed"] = "/"
    return response


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"ok": True})
