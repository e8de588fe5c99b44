"""The installable app (issue 17): the service worker and the manifest are served at the site's root, next to the
app's page, and never cached (a phone would otherwise keep an old app after a release); nothing else of the build
is reachable at the root, and the catch-all still serves the app's page for every other path."""

from __future__ import annotations

import json

import pytest
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db

MANIFEST = {"name": "武汉新能源汽车校企实习平台", "start_url": "/", "scope": "/", "display": "standalone"}


@pytest.fixture
def build(tmp_path):
    """A build as vite-plugin-pwa writes it: index.html with sw.js and manifest.webmanifest beside it."""
    (tmp_path / "index.html").write_text('<!doctype html><link rel="manifest" href="/manifest.webmanifest">')
    (tmp_path / "sw.js").write_text("self.addEventListener('fetch', () => {})")
    (tmp_path / "manifest.webmanifest").write_text(json.dumps(MANIFEST, ensure_ascii=False))
    (tmp_path / "secret.txt").write_text("not for the root")
    with override_settings(SPA_INDEX=tmp_path / "index.html"):
        yield tmp_path


def test_the_service_worker_is_served_at_the_root_and_never_cached(build):
    response = Client().get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert "no-cache" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert response["Service-Worker-Allowed"] == "/"
    assert response.content == (build / "sw.js").read_bytes()


def test_the_manifest_is_served_at_the_root_and_never_cached(build):
    response = Client().get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    assert "no-cache" in response["Cache-Control"]
    assert json.loads(response.content)["scope"] == "/"


def test_the_csp_lets_the_page_register_a_worker_of_its_own_origin(build):
    policy = Client().get("/sw.js")["Content-Security-Policy"]
    assert "worker-src 'self'" in policy


def test_other_files_of_the_build_are_not_served_at_the_root(build):
    response = Client().get("/secret.txt")
    assert b"not for the root" not in response.content  # the catch-all answers with the app's page instead


def test_without_a_build_the_worker_is_a_404_not_a_500(tmp_path):
    with override_settings(SPA_INDEX=tmp_path / "index.html"):
        assert Client().get("/sw.js").status_code == 404
