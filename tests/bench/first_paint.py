"""`make bench`, first paint on a phone: the built app served the way `make run` serves it (daphne, DEBUG off,
collected and compressed static files), loaded cold by Debian's Chromium over a simulated slow 4G link
(150 ms latency, 1.6 Mbps down, 750 kbps up; CPU as is) in a 390 px wide window.

Prints, from the start of each navigation (figures, never asserted):
- first contentful paint of the sign-in page (the loading shell in index.html, before any script runs);
- the sign-in form usable: its script loaded and mounted, the inputs enabled (target <= 2.5 s);
- the demo student's home with its data shown after pressing 登录 (target <= 3.5 s);
- the JS and CSS bytes transferred for each (as sent on the wire, i.e. compressed), and a second visit's.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests import live  # noqa: E402

CHROMIUM = live.CHROMIUM
SLOW_4G = {
    "offline": False,
    "latency": 150,  # ms, added to every round trip
    "downloadThroughput": 1.6e6 / 8,  # bytes/s
    "uploadThroughput": 750e3 / 8,
}
PHONE = {"width": 390, "height": 844}
PASSWORD = "Wuhan-2026-demo"

FORM_USABLE = """() => {
  const i = document.querySelector('[data-test="login-identifier"]')
  const p = document.querySelector('[data-test="login-password"]')
  const b = document.querySelector('[data-test="login-submit"]')
  return i && p && b && !i.disabled && !p.disabled && !b.disabled ? performance.now() : false
}"""
# The greeting, the student's school and every count tile filled in (no skeleton left).
HOME_SHOWN = """() => {
  const section = document.querySelector('[data-test="home-student"]')
  if (!section || !section.querySelector('[data-test="home-student-school"]')) return false
  const tiles = section.querySelectorAll('.stat')
  if (!tiles.length || section.querySelector('.stat .el-skeleton')) return false
  return performance.now()
}"""


class Transfers:
    """Bytes on the wire per resource type, from the DevTools protocol's network events."""

    def __init__(self, cdp):
        self.types: dict[str, str] = {}
        self.bytes: dict[str, int] = {}
        self.count: dict[str, int] = {}
        cdp.on("Network.responseReceived", self._response)
        cdp.on("Network.loadingFinished", self._finished)

    def _response(self, event):
        self.types[event["requestId"]] = event["type"]

    def _finished(self, event):
        kind = self.types.get(event["requestId"], "Other")
        self.bytes[kind] = self.bytes.get(kind, 0) + int(event["encodedDataLength"])
        self.count[kind] = self.count.get(kind, 0) + 1

    def take(self) -> str:
        parts = [
            f"{kind} {self.bytes.get(kind, 0) / 1024:.1f} KB in {self.count.get(kind, 0)}"
            for kind in ("Script", "Stylesheet", "Document", "XHR", "Fetch")
            if self.count.get(kind)
        ]
        self.bytes.clear()
        self.count.clear()
        return ", ".join(parts) or "nothing"


def measure(base: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = live.chromium(p)
        context = browser.new_context(viewport=PHONE, locale="zh-CN", base_url=base)
        context.set_default_timeout(60_000)
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", SLOW_4G)
        transfers = Transfers(cdp)

        page.goto("/login", wait_until="commit")
        usable = page.wait_for_function(FORM_USABLE, polling="raf").json_value()
        to_usable = transfers.take()
        page.wait_for_load_state("networkidle")
        fcp = page.evaluate(
            "() => (performance.getEntriesByName('first-contentful-paint')[0] || {startTime: NaN}).startTime"
        )
        print(f"sign-in page, first contentful paint:  {fcp / 1000:5.2f} s")
        print(f"sign-in form usable:                   {usable / 1000:5.2f} s (target <= 2.5 s)")
        print(f"  transferred until then: {to_usable}")
        print(f"  then, while the form waits (the home page fetched ahead): {transfers.take()}")

        page.locator('[data-test="login-identifier"]').fill("student@example.com")
        page.locator('[data-test="login-password"]').fill(PASSWORD)
        pressed = page.evaluate("() => performance.now()")
        page.locator('[data-test="login-submit"]').click()
        shown = page.wait_for_function(HOME_SHOWN, polling="raf").json_value()
        page.wait_for_load_state("networkidle")
        print(f"student home's data shown after 登录:  {(shown - pressed) / 1000:5.2f} s (target <= 3.5 s)")
        print(f"  transferred: {transfers.take()}")

        # Same browser, a new tab: what the cache saves (hashed files are not asked for again).
        again = context.new_page()
        cdp2 = context.new_cdp_session(again)
        cdp2.send("Network.enable")
        cdp2.send("Network.emulateNetworkConditions", SLOW_4G)
        transfers2 = Transfers(cdp2)
        again.goto("/", wait_until="commit")
        home_again = again.wait_for_function(HOME_SHOWN, polling="raf").json_value()
        again.wait_for_load_state("networkidle")
        print(f"second visit, home's data shown:       {home_again / 1000:5.2f} s")
        print(f"  transferred: {transfers2.take()}")
        browser.close()


def main() -> None:
    if not Path(CHROMIUM).exists():
        print(f"skipped: Chromium is missing at {CHROMIUM} (apt-get install -y chromium fonts-wqy-microhei)")
        return
    if not (ROOT / "frontend" / "dist" / "index.html").exists():
        sys.exit("frontend/dist is missing: build the app first (make frontend)")
    with tempfile.TemporaryDirectory(prefix="bench-paint-") as work:
        serve_and_measure(Path(work))


def serve_and_measure(work: Path) -> None:
    # What `make run` does (Makefile): its settings, the demo world, collectstatic, daphne.
    env = live.server_env(work, DJANGO_SETTINGS_MODULE="config.settings.run")
    env.pop("DJANGO_DEBUG")
    started = time.perf_counter()
    for args in (["migrate", "--noinput", "-v", "0"], ["seed_demo", "--quiet"]):
        live.manage(env, *args)
    collect = time.perf_counter()
    live.manage(env, "collectstatic", "--noinput", "-v", "0")
    print(f"set-up: demo world {collect - started:.1f} s, collectstatic {time.perf_counter() - collect:.1f} s")
    with live.daphne(env, work / "server.log") as url:
        measure(url)


if __name__ == "__main__":
    main()
