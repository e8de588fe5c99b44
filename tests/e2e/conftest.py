"""Browser tests: a real server (daphne, the ASGI app with the built SPA) on its own SQLite database loaded
with the demo world, driven by Playwright through Debian's Chromium."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests import live

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = live.CHROMIUM
SCREENSHOTS = ROOT / "var" / "screenshots"
PASSWORD = "Wuhan-2026-demo"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}
# The people who use it are in Wuhan: their browsers' dates are Beijing time, whatever this machine's clock zone
# (a form's default date, such as a filing's, is the browser's today).
TIMEZONE = "Asia/Shanghai"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def server_url(tmp_path_factory):
    if not (ROOT / "frontend" / "dist" / "index.html").exists():
        pytest.fail("frontend/dist is missing: build the app first (make frontend)")
    work = tmp_path_factory.mktemp("e2e")
    env = live.server_env(work)
    for args in (
        ["migrate", "--noinput", "-v", "0"],
        ["seed_demo", "--quiet"],
        ["collectstatic", "--noinput", "-v", "0"],
    ):
        live.manage(env, *args)
    with live.daphne(env, work / "server.log") as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    """A Chromium for the module's tests. Per module, not per session: while Playwright's sync API is open its
    event loop counts as running in this thread, and after an error escaped that loop it stayed so, which made
    every later database test of the same pytest worker fail (SynchronousOnlyOperation). Closing it at the end
    of each module, and clearing a loop left marked as running, keeps the other tests of the worker apart."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM}: apt-get install -y chromium fonts-wqy-microhei")
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as p:
            browser = live.chromium(p)
            yield browser
            browser.close()
    finally:
        asyncio._set_running_loop(None)


@pytest.fixture
def new_page(browser, server_url):
    """new_page(viewport=PHONE, locale="zh-CN") -> a page in a fresh context (its own cookies)."""
    contexts = []

    def _new(viewport=None, locale="zh-CN"):
        context = browser.new_context(
            viewport=viewport or DESKTOP, locale=locale, timezone_id=TIMEZONE, base_url=server_url
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield _new
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
