"""The notice socket opens only for a page of the platform's own origin (scheme, host and port as the request
reached us) or a configured trusted origin: another port or scheme on the same host is refused, which Channels'
AllowedHostsOriginValidator (host names only) let through. Through the real ASGI application and channel layer."""

from __future__ import annotations

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import Client, override_settings

from config.asgi import application
from config.origin import parse_origin
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


@database_sync_to_async
def signed_in_cookie() -> bytes:
    client = Client()
    client.force_login(UserFactory())
    return f"sessionid={client.cookies['sessionid'].value}".encode()


async def opens(origin: str | None, host: str = "127.0.0.1:8000", **headers: str) -> bool:
    sent = [(b"host", host.encode()), (b"cookie", await signed_in_cookie())]
    if origin is not None:
        sent.append((b"origin", origin.encode()))
    sent += [(k.replace("_", "-").encode(), v.encode()) for k, v in headers.items()]
    communicator = WebsocketCommunicator(application, "/ws/notices/", headers=sent)
    connected, _ = await communicator.connect()
    if connected:
        hello = await communicator.receive_json_from(timeout=2)  # the socket really works
        assert hello["type"]
    await communicator.disconnect()
    return connected


async def test_a_page_of_the_sockets_own_origin_connects():
    assert await opens("http://127.0.0.1:8000")


@pytest.mark.parametrize(
    "origin",
    [
        "http://127.0.0.1:9999",  # another port of the same host
        "http://127.0.0.1",  # port 80
        "https://127.0.0.1:8000",  # another scheme
        "http://localhost:5173",  # another host name, on a trusted origin's port
        "http://evil.example",
        "null",
        "http://127.0.0.1:8000/path",
    ],
)
async def test_a_page_of_another_origin_is_refused(origin):
    assert not await opens(origin)


async def test_a_handshake_without_an_origin_is_refused():
    assert not await opens(None)


async def test_a_host_that_is_not_allowed_is_refused_even_from_its_own_origin():
    assert not await opens("http://evil.example:8000", host="evil.example:8000")


async def test_a_trusted_origin_connects_from_another_port():
    # CSRF_TRUSTED_ORIGINS holds the Vite dev server
    assert await opens("http://127.0.0.1:5173")


@override_settings(CSRF_TRUSTED_ORIGINS=["https://*.placements.example.com"])
async def test_a_wildcard_trusted_origin_matches_subdomains_only_on_its_scheme_and_port():
    assert await opens("https://app.placements.example.com")
    assert not await opens("http://app.placements.example.com")
    assert not await opens("https://app.placements.example.com:8443")
    assert not await opens("https://placements.example.com.evil.example")


@override_settings(
    SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"), ALLOWED_HOSTS=["placements.example.com"]
)
async def test_behind_a_tls_proxy_the_socket_is_reached_over_https():
    assert await opens("https://placements.example.com", host="placements.example.com", x_forwarded_proto="https")
    assert not await opens("http://placements.example.com", host="placements.example.com", x_forwarded_proto="https")
    assert await opens("http://placements.example.com", host="placements.example.com")


async def test_origins_are_compared_with_default_ports_filled_in():
    assert parse_origin("https://Example.com") == ("https", "example.com", 443)
    assert parse_origin("https://example.com:443") == parse_origin("https://example.com")
    assert parse_origin("ftp://example.com") is None
    assert parse_origin("http://example.com:99999") is None
