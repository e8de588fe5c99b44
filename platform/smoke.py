"""End-to-end check of a running platform, through nginx only (CI runs it after `make platform`):
plain HTTP redirects to HTTPS; health; a student signs in (allauth headless, session cookie, CSRF); an uploaded
file comes through X-Accel-Redirect while a guessed media URL is a 404; the student's socket on nginx's /ws/
receives a notice that a Celery worker delivered (`manage.py send_notice` only stores it and queues the job);
the school admin's student import over the job threshold runs as a background job on the Celery worker, its
progress and end arrive on the admin's socket, and its activation codes are handed over once.

Run with the env file loaded: `set -a; . var/platform/env; set +a; .venv/bin/python platform/smoke.py`."""

from __future__ import annotations

import asyncio
import http.cookiejar
import json
import os
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import websockets

APP_DIR = Path(__file__).resolve().parents[1]
BASE = f"https://127.0.0.1:{os.environ.get('HTTPS_PORT', '8443')}"
PLAIN = f"http://127.0.0.1:{os.environ.get('HTTP_PORT', '8080')}"
LOGIN, PASSWORD = "student@example.com", "Wuhan-2026-demo"
ADMIN = "schooladmin@example.com"
TLS = ssl.create_default_context()
TLS.check_hostname = False
TLS.verify_mode = ssl.CERT_NONE  # the certificate is self-signed here


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), urllib.request.HTTPSHandler(context=TLS))


def request(method: str, path: str, body: dict | None = None, *, base: str = BASE, opener=opener):
    headers = {"Accept": "application/json", "Referer": BASE + "/", "Origin": BASE}
    token = next((c.value for c in jar if c.name == "csrftoken"), None)
    if token:
        headers["X-CSRFToken"] = token
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    req = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    try:
        with opener.open(req, timeout=20) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def check(condition: bool, what: str) -> None:
    print(("ok   " if condition else "FAIL ") + what, flush=True)
    if not condition:
        sys.exit(1)


async def notice_over_socket(text: str) -> dict:
    cookies = "; ".join(f"{c.name}={c.value}" for c in jar)
    url = BASE.replace("https://", "wss://") + "/ws/notices/?lang=en"
    async with websockets.connect(url, ssl=TLS, additional_headers={"Cookie": cookies, "Origin": BASE}) as socket:
        first = json.loads(await asyncio.wait_for(socket.recv(), 10))
        check(first.get("type") == "unread", "the socket on /ws/ opens for the signed-in student")
        started = time.monotonic()
        sent = subprocess.run(
            [sys.executable, "manage.py", "send_notice", LOGIN, "--text", text],
            cwd=APP_DIR,
            capture_output=True,
            text=True,
        )
        check(sent.returncode == 0, f"a notice is stored and its delivery queued ({sent.stderr.strip()[-300:]})")
        while time.monotonic() - started < 30:
            message = json.loads(await asyncio.wait_for(socket.recv(), 30))
            if message.get("type") == "notice" and message["notice"].get("body") == text:
                return message["notice"]
        raise TimeoutError


def upload_scan() -> tuple[str, bytes]:
    """The student uploads a certificate scan (multipart, as the app does); returns its URL and the PNG sent."""
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(out, format="PNG")
    png = out.getvalue()
    _, _, body = request("GET", "/api/v1/certificate-programs/")
    program = json.loads(body)["results"][0]["id"]
    boundary = uuid.uuid4().hex
    fields = {"program": str(program), "level": "junior", "number": f"SMOKE-{boundary[:8]}", "issue_date": "2020-01-01"}
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode() for k, v in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="scan.png"\r\n'
        "Content-Type: image/png\r\n\r\n".encode()
        + png
        + f"\r\n--{boundary}--\r\n".encode()
    )
    token = next(c.value for c in jar if c.name == "csrftoken")
    req = urllib.request.Request(
        BASE + "/api/v1/student-certificates/",
        data=b"".join(parts),
        method="POST",
        headers={
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "X-CSRFToken": token,
            "Referer": BASE + "/",
            "Accept": "application/json",
        },
    )
    try:
        with opener.open(req, timeout=20) as response:
            created = json.loads(response.read())
    except urllib.error.HTTPError as error:
        check(False, f"the student uploads a certificate scan ({error.code} {error.read()[:300]!r})")
    check(bool(created.get("scan_url")), "the student uploads a certificate scan")
    return created["scan_url"], png


def import_sheet(rows: int, prefix: str = "SMOKE") -> bytes:
    """A student import of `rows` smoke students (the same numbers every run: a second run updates them);
    platform/load/faults.py imports its own (prefix FAULT)."""
    from datetime import date
    from io import BytesIO

    from openpyxl import Workbook

    today = date.today()
    entry = today.year if today.month >= 9 else today.year - 1
    book = Workbook()
    sheet = book.active
    sheet.append(["学号", "姓名", "性别", "出生日期", "入学年份", "班级", "指导教师邮箱"])
    for n in range(rows):
        sheet.append([f"{prefix}{n:05d}", f"冒烟测试{n}", "", f"{entry - 18}-05-01", entry, "", ""])
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def post_file(path: str, fields: dict, name: str, content: bytes):
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode() for k, v in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n".encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    token = next(c.value for c in jar if c.name == "csrftoken")
    req = urllib.request.Request(
        BASE + path,
        data=b"".join(parts),
        method="POST",
        headers={
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "X-CSRFToken": token,
            "Referer": BASE + "/",
            "Accept": "application/json",
        },
    )
    try:
        with opener.open(req, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, error.read()[:300]


async def import_job_over_socket(rows: int) -> dict:
    """The admin's large import: 202 with a queued job, then the Celery worker's progress and end on the
    admin's socket (through nginx, the channel layer in Redis)."""
    cookies = "; ".join(f"{c.name}={c.value}" for c in jar)
    url = BASE.replace("https://", "wss://").replace("http://", "ws://") + "/ws/notices/?lang=en"
    async with websockets.connect(url, ssl=TLS if url.startswith("wss") else None,
                                  additional_headers={"Cookie": cookies, "Origin": BASE}) as socket:  # fmt: skip
        await asyncio.wait_for(socket.recv(), 10)  # the unread count
        status, job = post_file("/api/v1/imports/students/", {"dry_run": "false"}, "students.xlsx", import_sheet(rows))
        check(status == 202, f"an import of {rows} rows becomes a background job ({status} {str(job)[:200]})")
        heard = []
        started = time.monotonic()
        while time.monotonic() - started < 120:
            message = json.loads(await asyncio.wait_for(socket.recv(), 120))
            if message.get("type") == "job" and message["job"]["id"] == job["id"]:
                heard.append(message["job"])
                if message["job"]["status"] in ("succeeded", "failed"):
                    break
        check(bool(heard) and heard[-1]["status"] == "succeeded", f"the job's progress and end arrive ({heard[-1:]})")
        return heard[-1]


def main() -> None:
    plain = urllib.request.build_opener(NoRedirect)
    status, headers, _ = request("GET", "/login?next=/", base=PLAIN, opener=plain)
    check(status == 301 and headers.get("Location", "").startswith(BASE + "/login"), "http redirects to https")

    status, _, body = request("GET", "/health/ready")
    check(status == 200 and json.loads(body)["ok"], f"ready: {body.decode()[:200]}")

    status, headers, _ = request("GET", "/")
    check(status == 200 and "max-age" in headers.get("Strict-Transport-Security", ""), "the app's shell, with HSTS")
    check(headers.get("Cache-Control") == "no-cache", "index.html is never cached")
    check(any(c.name == "csrftoken" and c.secure for c in jar), "the CSRF cookie is secure")

    status, _, body = request("POST", "/_allauth/browser/v1/auth/login", {"email": LOGIN, "password": PASSWORD})
    check(status == 200, f"the student signs in through nginx ({status} {body.decode()[:200]})")
    check(any(c.name == "sessionid" and c.secure for c in jar), "the session cookie is secure")
    status, _, body = request("GET", "/api/v1/me/")
    check(status == 200, "the API knows the student")

    scan, png = upload_scan()
    status, headers, content = request("GET", scan.replace(BASE, ""))
    check(status == 200 and content[:8] == png[:8], f"the scan comes back through X-Accel ({headers['Content-Type']})")
    check(headers.get("Cache-Control") == "private, no-store", "and is not cached")
    status, _, _ = request("GET", "/protected-media/certificates/guessed.jpg")
    check(status == 404, "a guessed media URL is a 404")

    text = f"platform smoke {uuid.uuid4().hex[:8]}"
    notice = asyncio.run(notice_over_socket(text))
    check(notice["body"] == text, "the notice, delivered by a Celery worker, arrives on the socket through nginx")

    # a background job end to end: the school admin's large import runs on the Celery worker
    request("DELETE", "/_allauth/browser/v1/auth/session")
    jar.clear()
    request("GET", "/api/v1/csrf/")
    status, _, body = request("POST", "/_allauth/browser/v1/auth/login", {"email": ADMIN, "password": PASSWORD})
    check(status == 200, f"the school admin signs in ({status} {body.decode()[:200]})")
    rows = int(os.environ.get("JOBS_IMPORT_THRESHOLD", "300")) + 1
    job = asyncio.run(import_job_over_socket(rows))
    status, _, body = request("GET", f"/api/v1/background-jobs/{job['id']}/")
    summary = json.loads(body)["summary"] if status == 200 else {}
    check(summary.get("rows") == rows, f"the job imported every row ({summary})")
    status, _, body = request("POST", f"/api/v1/background-jobs/{job['id']}/codes/")
    codes = json.loads(body).get("codes", []) if status == 200 else None
    check(codes is not None and len(codes) == summary.get("created"), f"its new codes are handed over ({status})")
    status, _, _ = request("POST", f"/api/v1/background-jobs/{job['id']}/codes/")
    check(status == 409, "and only once")
    print("platform smoke: all checks passed")


if __name__ == "__main__":
    main()
