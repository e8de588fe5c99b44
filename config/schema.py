"""drf-spectacular extensions for our own classes (imported once the apps are ready)."""

from drf_spectacular.authentication import SessionScheme


class ApiSessionScheme(SessionScheme):
    target_class = "config.authentication.SessionAuthentication"
    name = "sessionAuth"
