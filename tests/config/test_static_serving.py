"""How `make run` serves the app's files (config/settings/run.py, config/storage.py): collected and compressed, the
content-hashed names cached for good, the page itself never cached. What a phone on a slow network needs."""

from __future__ import annotations

import os
import stat

import pytest
from django.core.management import call_command
from django.test import Client, RequestFactory
from whitenoise.middleware import WhiteNoiseMiddleware

from config.settings import run

FOREVER = "max-age=315360000, public, immutable"
# Big enough to be worth compressing, like the real build's chunks.
SCRIPT = "export const message = 'placements';\n" * 200
STYLE = ".stat { color: #409eff; }\n" * 200


@pytest.fixture
def served(settings, tmp_path):
    """A fake Vite build collected with `make run`'s storage; returns a GET through WhiteNoise as `make run` has it."""
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text(
        '<!doctype html><div id="app"></div><script type="module" src="/static/assets/index-Ab1_x-Z9.js"></script>'
    )
    (dist / "assets" / "index-Ab1_x-Z9.js").write_text(SCRIPT)
    (dist / "assets" / "Login-C3po_R2d.css").write_text(STYLE)
    # and a file of Django's own, which the manifest storage names by its content
    (tmp_path / "admin" / "css").mkdir(parents=True)
    (tmp_path / "admin" / "css" / "base.css").write_text(STYLE)
    settings.DEBUG = False
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STATICFILES_DIRS = [dist, ("admin", tmp_path / "admin")]
    settings.STATIC_ROOT = str(tmp_path / "static")
    settings.STORAGES = run.STORAGES
    settings.WHITENOISE_IMMUTABLE_FILE_TEST = run.WHITENOISE_IMMUTABLE_FILE_TEST
    settings.SPA_INDEX = tmp_path / "static" / "index.html"
    call_command("collectstatic", interactive=False, verbosity=0)
    whitenoise = WhiteNoiseMiddleware(lambda request: None)

    def get(path: str, encoding: str = "gzip, deflate, br"):
        return whitenoise(RequestFactory().get(path, HTTP_ACCEPT_ENCODING=encoding))

    get.root = tmp_path / "static"
    return get


def test_the_apps_hashed_scripts_and_styles_are_cached_for_good(served):
    for path in ("/static/assets/index-Ab1_x-Z9.js", "/static/assets/Login-C3po_R2d.css"):
        response = served(path)
        assert response.status_code == 200
        assert response["Cache-Control"] == FOREVER


def test_a_phone_gets_the_apps_files_compressed_with_brotli_or_gzip(served):
    brotli = served("/static/assets/index-Ab1_x-Z9.js", "gzip, deflate, br")
    gzip = served("/static/assets/index-Ab1_x-Z9.js", "gzip, deflate")
    plain = served("/static/assets/index-Ab1_x-Z9.js", "identity")

    assert brotli["Content-Encoding"] == "br"
    assert gzip["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in plain
    assert int(brotli["Content-Length"]) < int(gzip["Content-Length"]) < len(SCRIPT) / 10
    assert "Accept-Encoding" in brotli["Vary"]


def test_the_apps_build_is_not_hashed_a_second_time(served):
    """Vite names files by their content already: no index-Ab1_x-Z9.<12 hex>.js copies beside them."""
    assets = sorted(p.name for p in (served.root / "assets").iterdir())
    assert assets == [
        "Login-C3po_R2d.css",
        "Login-C3po_R2d.css.br",
        "Login-C3po_R2d.css.gz",
        "index-Ab1_x-Z9.js",
        "index-Ab1_x-Z9.js.br",
        "index-Ab1_x-Z9.js.gz",
    ]


def test_djangos_own_files_are_hashed_cached_for_good_and_gzipped(served):
    from django.contrib.staticfiles.storage import staticfiles_storage

    hashed = staticfiles_storage.url("admin/css/base.css")
    assert hashed != "/static/admin/css/base.css"
    response = served(hashed)
    assert response["Cache-Control"] == FOREVER
    assert response["Content-Encoding"] == "gzip"  # brotli is kept for the app's own files
    # the name without a hash may change meaning: cached briefly
    assert "immutable" not in served("/static/admin/css/base.css")["Cache-Control"]


def test_the_apps_page_is_never_cached_and_names_the_collected_files(served, db):
    response = Client().get("/login")

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-cache"
    assert "/static/assets/index-Ab1_x-Z9.js" in response.content.decode()
    # and WhiteNoise does not hand it out as a static file with a long cache either
    assert "immutable" not in (served("/static/index.html")["Cache-Control"])


def test_the_apps_page_draws_a_loading_shell_before_any_script_runs():
    html = (run.BASE_DIR / "frontend" / "index.html").read_text(encoding="utf-8")
    shell = html.split('<div id="app">', 1)[1].split('<script type="module"', 1)[0]
    assert "正在加载" in shell
    assert "<script" not in shell


def test_make_run_makes_a_secret_key_once_and_keeps_it_private(tmp_path):
    path = tmp_path / "secret_key"

    first = run.local_secret_key(path)
    again = run.local_secret_key(path)

    assert first == again
    assert len(first) >= 50
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_make_run_serves_with_debug_off():
    assert run.DEBUG is False
    assert run.SECRET_KEY and not run.SECRET_KEY.startswith("dev-only")
    assert "127.0.0.1" in run.ALLOWED_HOSTS
