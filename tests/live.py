"""Real servers for tests that need them: daphne processes of the project's ASGI app on free ports, and a
Redis server when one is wanted (REDIS_URL, or a redis-server binary on this machine)."""

from __future__ import annotations

import contextlib
import http.cookiejar
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Debian's Chromium without its background traffic (updates, sync, QUIC), which would only add noise to a page's
# requests and timings (see shared/STACK.md).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def chromium(playwright):
    """A headless Chromium of this machine, launched the one way the browser tests and the benchmark use."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


STAY_ROWS = 5


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(work: Path, **extra) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DJANGO_DEBUG": "0",
        "DATABASE_URL": f"sqlite:///{work / 'db.sqlite3'}",
        "DJANGO_STATIC_ROOT": str(work / "static"),
        "DJANGO_MEDIA_ROOT": str(work / "media"),
        "ACCOUNT_RATE_LIMITS_ENABLED": "0",
        "ACTIVATION_RATE": "1000/hour",  # every browser test's new student activates from 127.0.0.1
        "JOBS_ARCHIVE_THRESHOLD": "0",
        # texts (a guardian's consent link and code) to a file the tests read: outside DEBUG the console keeps none
        "SMS_BACKEND": "core.sms.FileBackend",
        "SMS_FILE_PATH": str(work / "sms.log"),  # a class's archive is always its background job (test_archive's path)
        "REDIS_URL": "",
        # the Stay-in-Wuhan page's largest rows: few, so that the demo world's breakdowns leave some out
        "STAY_BREAKDOWN_ROWS": str(STAY_ROWS),
    }
    env.pop("DJANGO_ALLOWED_HOSTS", None)
    env.update(extra)
    return env


def manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


@contextlib.contextmanager
def daphne(env: dict, log: Path):
    """A daphne worker on a free port; yields its base URL."""
    port = free_port()
    with open(log, "w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port), "config.asgi:application"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    urllib.request.urlopen(f"{url}/healthz", timeout=1)
                    break
                except OSError:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(f"daphne did not start: {log.read_text()[-2000:]}") from None
                    time.sleep(0.2)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


@contextlib.contextmanager
def redis_url(work: Path):
    """REDIS_URL if set, else a redis-server of our own on a free port, else None."""
    if os.environ.get("REDIS_URL"):
        yield os.environ["REDIS_URL"]
        return
    binary = shutil.which("redis-server")
    if binary is None:
        yield None
        return
    port = free_port()
    # Redis only relays messages, so it keeps the real clock: under libfaketime (the clock-ahead CI run) its
    # allocator recurses into clock_gettime and it never starts.
    env = {k: v for k, v in os.environ.items() if k not in ("LD_PRELOAD", "FAKETIME")}
    proc = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(work)],
        stdout=subprocess.DEVNULL,
        env=env,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("redis-server did not start") from None
                time.sleep(0.1)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


class Browserless:
    """A plain HTTP client with cookies that signs in through allauth's headless browser API."""

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def cookie(self, name: str) -> str | None:
        return next((c.value for c in self.jar if c.name == name), None)

    def request(self, method: str, path: str, body: dict | None = None) -> tuple[int, dict]:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("Content-Type", "application/json")
        request.add_header("Origin", self.base)
        token = self.cookie("csrftoken")
        if token:
            request.add_header("X-CSRFToken", token)
        try:
            with self.opener.open(request, timeout=10) as response:
                return response.status, json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"{}")

    def sign_in(self, email: str, password: str) -> None:
        self.request("GET", "/api/v1/csrf/")
        status, body = self.request("POST", "/_allauth/browser/v1/auth/login", {"email": email, "password": password})
        if status != 200:
            raise RuntimeError(f"sign-in failed: {status} {body}")

    def session_cookie_header(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)
