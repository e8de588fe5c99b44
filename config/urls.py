from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from config import observability, views

api_v1 = [
    path("", include("accounts.api.urls")),
    path("", include("schools.api.urls")),
    path("", include("companies.api.urls")),
    path("", include("placements.api.urls")),
    path("", include("notices.api.urls")),
    path("", include("certificates.api.urls")),
    path("", include("alumni.api.urls")),
    path("", include("fieldwork.api.urls")),
    path("", include("careers.api.urls")),
    path("", include("careers.api.fair_urls")),
    path("", include("core.api.urls")),
    path("", include("config.search_views")),
    path("", include("config.todo_views")),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("_allauth/", include("allauth.headless.urls")),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script from a URL, not inline, so the docs work under the CSP.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
    path("healthz", views.healthz, name="healthz"),
    path("health/live", observability.live, name="health-live"),
    path("health/ready", observability.ready, name="health-ready"),
    path("metrics", observability.metrics, name="metrics"),
    # The installable app: its service worker and manifest at the root, never cached (config/views.py).
    path("sw.js", views.pwa_file, {"name": "sw.js"}, name="service-worker"),
    path("manifest.webmanifest", views.pwa_file, {"name": "manifest.webmanifest"}, name="web-manifest"),
    # The single-page app owns every other path (history-mode routes).
    re_path(r"^(?!api/|_allauth/|admin/|static/|ws/).*$", views.spa, name="spa"),
]

# With DEBUG off: the API's error shape under /api/ and /_allauth/, a plain page elsewhere (config/errors.py).
handler400 = "config.errors.bad_request"
handler403 = "config.errors.permission_denied"
handler404 = "config.errors.not_found"
handler500 = "config.errors.server_error"

if settings.DEBUG:
    urlpatterns.insert(0, path("api/", include("rest_framework.urls")))
