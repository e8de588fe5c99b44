"""The WebSocket's origin check. Channels' AllowedHostsOriginValidator compares host names only, so a page
served from another port of the same host (another app, a dev server, anything listening there) could open
the notice socket with the user's cookies. This check compares scheme, host and port: the socket accepts a
page of its own origin (the request's own Host, which must be an allowed host, and its own scheme) or one of
the configured trusted origins (CSRF_TRUSTED_ORIGINS, e.g. the Vite dev server)."""

from __future__ import annotations

from urllib.parse import urlsplit

from channels.security.websocket import WebsocketDenier
from django.conf import settings
from django.http.request import split_domain_port, validate_host

DEFAULT_PORTS = {"http": 80, "https": 443}


def _origin(scheme: str, host: str, port: int | None) -> tuple[str, str, int] | None:
    if scheme not in DEFAULT_PORTS or not host:
        return None
    return scheme, host.lower().rstrip("."), port or DEFAULT_PORTS[scheme]


def parse_origin(value: str) -> tuple[str, str, int] | None:
    """("https", "example.com", 443) for "https://example.com"; None for anything that is not an origin."""
    try:
        parts = urlsplit(value.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username or parts.password:
        return None
    return _origin(parts.scheme.lower(), parts.hostname or "", port)


def _header(scope: dict, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            try:
                return value.decode("latin1")
            except UnicodeDecodeError:
                return None
    return None


def _request_scheme(scope: dict) -> str:
    proxy = getattr(settings, "SECURE_PROXY_SSL_HEADER", None)
    if proxy:
        header, secure_value = proxy
        name = header.removeprefix("HTTP_").lower().replace("_", "-").encode()
        forwarded = _header(scope, name)
        if forwarded is not None:
            return "https" if forwarded.split(",")[0].strip() == secure_value else "http"
    return "https" if scope.get("scheme") in ("wss", "https") else "http"


def own_origin(scope: dict) -> tuple[str, str, int] | None:
    """The origin the socket was reached at: its scheme and its Host header, if that host is allowed."""
    host_header = _header(scope, b"host")
    if not host_header:
        return None
    domain, port = split_domain_port(host_header)
    allowed_hosts = settings.ALLOWED_HOSTS
    if settings.DEBUG and not allowed_hosts:  # as Django's own host check does
        allowed_hosts = [".localhost", "127.0.0.1", "[::1]"]
    if not domain or not validate_host(domain, allowed_hosts):
        return None
    try:
        return _origin(_request_scheme(scope), domain, int(port) if port else None)
    except ValueError:
        return None


def trusted(origin: tuple[str, str, int]) -> bool:
    scheme, host, port = origin
    for pattern in settings.CSRF_TRUSTED_ORIGINS:
        wildcard = "://*." in pattern
        allowed = parse_origin(pattern.replace("://*.", "://", 1))
        if allowed is None or allowed[0] != scheme or allowed[2] != port:
            continue
        if host == allowed[1] or (wildcard and host.endswith("." + allowed[1])):
            return True
    return False


def origin_allowed(scope: dict) -> bool:
    value = _header(scope, b"origin")
    origin = parse_origin(value) if value else None
    if origin is None:
        return False
    return origin == own_origin(scope) or trusted(origin)


class SameOriginValidator:
    """ASGI middleware for WebSocket connections: refuses the handshake unless origin_allowed()."""

    def __init__(self, application):
        self.application = application

    async def __call__(self, scope, receive, send):
        if scope["type"] != "websocket":
            raise ValueError("SameOriginValidator only guards WebSocket connections.")
        if origin_allowed(scope):
            return await self.application(scope, receive, send)
        return await WebsocketDenier()(scope, receive, send)
