"""Two guards around allauth and the admin site."""

from __future__ import annotations

from allauth.account.authentication import get_authentication_records
from allauth.core.exceptions import RateLimited
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _


class RateLimitedMiddleware:
    """allauth raises RateLimited from some flows without handling it (e.g. phone + password sign-in with an
    unverified phone right after a code was sent); answer 429 in the API's shape instead of a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, RateLimited):
            return JsonResponse(
                {
                    "status": 429,
                    "code": "too_many_requests",
                    "detail": _("Too many attempts. Please wait a moment and try again."),
                    "errors": [{"code": "too_many_requests", "message": _("Too many attempts.")}],
                },
                status=429,
            )
        return None


class AdminRequiresMfaMiddleware:
    """The admin site is reached through the app's sign-in (which runs allauth's two-factor step), and staff
    must have signed in with a second factor. Django's own admin login form, which has no second factor, is
    replaced by a redirect to the app."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path
        if path.startswith("/admin/") and settings.ADMIN_REQUIRES_MFA:
            user = request.user
            if path.startswith("/admin/login/") or not user.is_authenticated:
                return redirect("/login?" + urlencode({"next": request.GET.get("next", "/admin/")}))
            if user.is_staff and not self._signed_in_with_mfa(request):
                return render(request, "admin_requires_mfa.html", {"has_mfa": is_mfa_enabled(user)}, status=403)
        return self.get_response(request)

    @staticmethod
    def _signed_in_with_mfa(request: HttpRequest) -> bool:
        return any(record.get("method") == "mfa" for record in get_authentication_records(request, request.user))
