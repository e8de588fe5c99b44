"""`make bench`, live notices: 1,000 WebSocket clients spread over two daphne workers joined by Redis.

The clients run in a process of their own (so their work does not slow the sender); the sender commits
notices in this process. Prints p50 / p99 delivery latency from commit to client, for one notice to each
client (sent one after another) and for one broadcast to all, messages lost, and the memory each idle
connection costs the workers (RSS growth / connections). Needs redis-server (or REDIS_URL)."""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

CLIENTS = int(os.environ.get("BENCH_WS_CLIENTS", "1000"))

SETUP = f"""
from django.contrib.auth import get_user_model, BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from datetime import date
from schools.models import Institution, Student
User = get_user_model()
User.objects.bulk_create([User(username=f"bench{{i}}", password="!") for i in range({CLIENTS})])
school = Institution.objects.create(name="基准测试学院", kind="higher_vocational")
users = list(User.objects.filter(username__startswith="bench").order_by("id"))
# Nine in ten are students of one school (so large sends fan out through its group); the rest belong nowhere.
Student.objects.bulk_create([
    Student(institution=school, student_number=str(u.pk), full_name="基准", birth_date=date(2005, 1, 1),
            entry_year=2024, user=u)
    for i, u in enumerate(users) if i % 10
])
for u in users:
    s = SessionStore()
    s[SESSION_KEY] = str(u.pk); s[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    s[HASH_SESSION_KEY] = u.get_session_auth_hash(); s.create()
    print("SESSION", u.pk, s.session_key)
"""


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


# --- the client process --------------------------------------------------------------------------------------
async def clients(sessions: list[tuple[int, str, str]], out: Path) -> None:
    import websockets

    received: list[tuple[int, float]] = []
    connected = 0
    ready = asyncio.Event()

    handshakes = asyncio.Semaphore(50)  # people do not all open the app in the same millisecond

    async def one(key: str, server: str):
        nonlocal connected
        url = server.replace("http", "ws") + "/ws/notices/?lang=en"
        headers = {"Cookie": f"sessionid={key}", "Origin": server}
        async with handshakes:
            socket = await websockets.connect(url, additional_headers=headers, max_queue=None, open_timeout=60)
            await socket.recv()  # the initial unread count
        async with socket:
            connected += 1
            if connected == len(sessions):
                ready.set()
            async for raw in socket:
                if raw.startswith('{"type": "notice"') or '"type": "notice"' in raw[:30]:
                    received.append((json.loads(raw)["notice"]["id"], time.time()))

    tasks = [asyncio.create_task(one(key, server)) for _uid, key, server in sessions]
    await asyncio.wait_for(ready.wait(), 120)
    print("READY", flush=True)
    loop = asyncio.get_running_loop()
    while True:
        line = await loop.run_in_executor(None, sys.stdin.readline)
        if not line or line.strip() == "DONE":
            break
        if line.strip() == "FLUSH":
            out.write_text(json.dumps(received))
            received.clear()
            print("FLUSHED", flush=True)
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


# --- the sender (this process) ---------------------------------------------------------------------------
def main() -> None:
    from tests import live

    work = Path(tempfile.mkdtemp(prefix="bench-ws-"))
    with live.redis_url(work) as redis:
        if redis is None:
            print("live notices: skipped (no redis-server and no REDIS_URL)")
            return
        env = live.server_env(work, REDIS_URL=redis)
        live.manage(env, "migrate", "--noinput", "-v", "0")
        lines = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", SETUP], cwd=ROOT, env=env, check=True, capture_output=True,
            text=True,
        ).stdout.splitlines()  # fmt: skip
        sessions = [(int(line.split()[1]), line.split()[2]) for line in lines if line.startswith("SESSION ")]
        os.environ.update({k: env[k] for k in ("DJANGO_SETTINGS_MODULE", "DJANGO_DEBUG", "DATABASE_URL", "REDIS_URL")})
        import django

        django.setup()
        with live.daphne(env, work / "one.log") as one, live.daphne(env, work / "two.log") as two:
            servers = [one, two]
            found = subprocess.run(["pgrep", "-f", "config.asgi"], capture_output=True, text=True).stdout.split()
            pids = [int(p) for p in found]
            measure(sessions, servers, pids, work)


def measure(sessions, servers, pids, work: Path) -> None:
    from django.db import transaction

    from notices.services import notice_send

    base_rss = sum(rss_kb(p) for p in pids)
    plan = work / "clients.json"
    plan.write_text(json.dumps([(uid, key, servers[i % len(servers)]) for i, (uid, key) in enumerate(sessions)]))
    results = work / "received.json"
    proc = subprocess.Popen(
        [sys.executable, __file__, "--clients", str(plan), str(results)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip
    assert proc.stdout.readline().strip() == "READY"
    time.sleep(1)
    idle_rss = sum(rss_kb(p) for p in pids)
    print(f"live notices: {len(sessions)} WebSocket clients on {len(servers)} daphne workers joined by Redis")
    print(
        f"  memory per idle connection: {(idle_rss - base_rss) / len(sessions):.1f} KB "
        f"(the workers' RSS grew {(idle_rss - base_rss) / 1024:.1f} MB)"
    )

    def collect() -> dict[int, float]:
        proc.stdin.write("FLUSH\n")
        proc.stdin.flush()
        assert proc.stdout.readline().strip() == "FLUSHED"
        return dict(json.loads(results.read_text()))

    committed: dict[int, float] = {}
    started = time.perf_counter()
    for uid, _ in sessions:
        stamp = [0.0]
        with transaction.atomic():
            # Registered before the notice's own delivery hook, so it runs first: the moment of commit.
            transaction.on_commit(lambda stamp=stamp: stamp.__setitem__(0, time.time()))
            (notice,) = notice_send(recipients=[uid], kind="approved", params={"student": "bench", "slot": "s"})
        committed[notice.pk] = stamp[0]
    elapsed = time.perf_counter() - started
    time.sleep(2)
    got = collect()
    latencies = [(got[nid] - at) * 1000 for nid, at in committed.items() if nid in got]
    print(
        f"  one notice to each client ({len(committed)} sends in {elapsed:.1f} s): "
        f"p50 {statistics.median(latencies):.1f} ms, p99 {pct(latencies, 0.99):.1f} ms, "
        f"lost {len(committed) - len(latencies)}   (target: p99 ≤ 100 ms, none lost)"
    )

    stamp = [0.0]
    with transaction.atomic():
        transaction.on_commit(lambda: stamp.__setitem__(0, time.time()))
        notices = notice_send(recipients=[uid for uid, _ in sessions], kind="slot_opened", params={})
    sent = time.time()
    time.sleep(3)
    got = collect()
    ids = [n.pk for n in notices]
    latencies = [(got[nid] - stamp[0]) * 1000 for nid in ids if nid in got]
    print(
        f"  one broadcast to all ({len(ids)} notices, handed to Redis {1000 * (sent - stamp[0]):.0f} ms after commit): "
        f"p50 {statistics.median(latencies):.1f} ms, p99 {pct(latencies, 0.99):.1f} ms, "
        f"lost {len(ids) - len(latencies)}   (target: p99 ≤ 1 s, none lost)"
    )
    proc.stdin.write("DONE\n")
    proc.stdin.flush()
    proc.wait(timeout=30)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--clients":
        plan = json.loads(Path(sys.argv[2]).read_text())
        asyncio.run(clients([tuple(p) for p in plan], Path(sys.argv[3])))
    else:
        main()
