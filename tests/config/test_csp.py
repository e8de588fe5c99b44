"""Every page carries a Content-Security-Policy that allows no inline or foreign script: the app's shell, the
API docs (whose start-up script is served from a URL) and the admin all load scripts from their own origin;
the notice socket of the page's own host is allowed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client, override_settings

from tests.access import client_for

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S | re.I)


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    out = {}
    for part in header.split(";"):
        name, *values = part.split()
        out[name] = values
    return out


def inline_scripts(html: str) -> list[str]:
    """The <script> elements that carry code instead of a src (JSON data blocks are not run, so they pass)."""
    found = []
    for attributes, body in SCRIPT_TAG.findall(html):
        if "src=" in attributes or "application/json" in attributes:
            continue
        if body.strip():
            found.append(body.strip()[:80])
    return found


def test_the_app_shell_is_served_with_a_policy_that_allows_no_inline_script(tmp_path):
    (tmp_path / "index.html").write_text(
        '<!doctype html><div id="app"></div><script type="module" src="/a.js"></script>'
    )
    with override_settings(FRONTEND_DIST=tmp_path):
        response = Client().get("/placements/12")

    assert response.status_code == 200
    policy = directives(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" in policy["style-src"]  # Element Plus sets style attributes
    assert "'self'" in policy["connect-src"]
    assert "ws://testserver" in policy["connect-src"]


def test_over_https_the_socket_source_is_wss(tmp_path):
    response = Client().get("/healthz", secure=True)
    assert "wss://testserver" in directives(response)["connect-src"]


@pytest.mark.parametrize("path", ["frontend/index.html", "frontend/dist/index.html"])
def test_the_apps_html_has_no_inline_script(path):
    file = ROOT / path
    if not file.exists():
        pytest.skip(f"{path} is not built here")
    html = file.read_text(encoding="utf-8")
    assert "<script" in html
    assert inline_scripts(html) == []
    assert not re.search(r"\son[a-z]+\s*=", html), "no inline event handlers"


def test_the_api_docs_load_their_start_up_script_from_a_url(world):
    client = client_for(world.student.user)
    page = client.get("/api/docs/")

    assert page.status_code == 200
    html = page.content.decode()
    assert inline_scripts(html) == []
    assert directives(page)["script-src"] == ["'self'"]
    sources = re.findall(r'<script src="([^"]+)"', html)
    assert all(src.startswith("/") for src in sources), sources  # served here, no CDN
    start_up = next(src for src in sources if "script" in src.split("?", 1)[-1])
    script = client.get(start_up.replace("&amp;", "&"))
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert b"SwaggerUIBundle" in script.content


def test_the_admin_and_the_api_carry_the_policy_too(world):
    assert "Content-Security-Policy" in Client().get("/admin/")
    assert "Content-Security-Policy" in client_for(world.student.user).get("/api/v1/me/")


def test_the_policy_is_configured_once_in_settings():
    assert settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["script-src"] == ["'self'"]
