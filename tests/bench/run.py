"""`make bench`: performance figures, printed (never asserted in tests).

- seed_demo on an empty database (target: under 30 s for about 2,000 students);
- seed_demo again (idempotent re-run);
- API list latency (median and p95 over repeated requests, in-process, no network) for the directory lists.
"""

from __future__ import annotations

import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def main() -> None:
    work = tempfile.mkdtemp(prefix="bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{work}/bench.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    os.environ["DJANGO_DEBUG"] = "0"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from accounts.models import User

    db = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(f"database: {db}")
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("seed_demo", quiet=True, stdout=io.StringIO())
    print(f"seed_demo, empty database: {time.perf_counter() - started:.2f} s (target < 30 s)")
    started = time.perf_counter()
    call_command("seed_demo", quiet=True, stdout=io.StringIO())
    print(f"seed_demo, second run (no changes): {time.perf_counter() - started:.2f} s")

    client = Client()
    for username, url in [
        ("student", "/api/v1/bases/?page_size=100"),
        ("student", "/api/v1/companies/?page_size=100"),
        ("schooladmin", "/api/v1/students/?page_size=100"),
        ("schooladmin", "/api/v1/students/?search=2024&page_size=20"),
        ("analyst", "/api/v1/bases/?district=hannan&job_cluster=production"),
    ]:
        client.force_login(User.objects.get(username=username))
        timings = []
        for _ in range(30):
            t = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - t) * 1000)
            assert response.status_code == 200, response.content[:200]
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(f"GET {url:<52} as {username:<12} median {statistics.median(timings):6.1f} ms   p95 {p95:6.1f} ms")


if __name__ == "__main__":
    main()
