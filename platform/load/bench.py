"""The platform's load test (`make bench-platform`): locust as a library, loopback only, bounded in users and
time. Prints requests/s, p50/p95/p99 and errors.

  .venv/bin/python platform/load/bench.py                 # the benchmark: make run, then WORKERS=1, 2, 4
  .venv/bin/python platform/load/bench.py --configs run,2 --step 15      # a shorter trial
  .venv/bin/python platform/load/bench.py --smoke         # CI: 60 s of the mix on the running platform
  .venv/bin/python platform/load/bench.py --spike 1000 --configs 2       # the spring-round spike only

Sustained rate: the arrival rate is stepped up (--start, then x --factor); a step passes when --step seconds of
the mix (measured after the users are signed in and the new pace has settled) give 0 errors, p99 <= 300 ms and
at least 90 % of the target rate (locust's users wait for their answers: a server that cannot keep up shows as a
rate below target). The sustained rate is the measured requests/s of the highest step that passed.

Configurations: `run` is `make run`'s server (one daphne, config.settings.run, SQLite) started here on a free
port with a throwaway database of the demo world; a number n is the platform with n ASGI workers
(`make platform-stop; make platform WORKERS=n`, as root), through nginx on https://127.0.0.1:8443; the platform
is left running as the last configuration had it (`make platform-stop` stops it).

The spike (--spike N): N sign-ins, each followed by the round's slots and a ranking submitted, as fast as the
accounts allow (one virtual user per student account, no waiting); prints the rate, p99 and the share of the
server's CPU that went to password hashing (N x one PBKDF2 check timed here / (elapsed x cores))."""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from locust import events, task  # locust patches the standard library for gevent on import
from locust.env import Environment

HERE = Path(__file__).resolve().parent
APP_DIR = HERE.parents[1]
sys.path.insert(0, str(HERE))

import locustfile as mix  # noqa: E402

PY = str(APP_DIR / ".venv" / "bin" / "python")
PLATFORM_URL = "https://127.0.0.1:8443"
P99_LIMIT_MS = 300


def say(text: str) -> None:
    print(f"[bench] {text}", flush=True)


# --- servers -------------------------------------------------------------------------------------------------
def platform_env() -> dict:
    env = dict(os.environ)
    path = APP_DIR / "var" / "platform" / "env"
    for line in path.read_text().splitlines():
        if line and not line.startswith("#") and "=" in line:
            key, value = line.split("=", 1)
            env[key] = value
    return env


def platform_up(workers: int, log) -> tuple[str, dict]:
    """The platform with `workers` ASGI workers, restarted if it runs with another count."""
    status = subprocess.run(["make", "-s", "platform-status"], cwd=APP_DIR, capture_output=True, text=True)
    running = sum(1 for line in status.stdout.splitlines() if line.startswith("app:asgi-") and "RUNNING" in line)
    if running != workers:
        say(f"platform: stopping, then starting with WORKERS={workers}")
        subprocess.run(["make", "-s", "platform-stop"], cwd=APP_DIR, stdout=log, stderr=subprocess.STDOUT)
        subprocess.run(["make", "platform", f"WORKERS={workers}"], cwd=APP_DIR, stdout=log, stderr=subprocess.STDOUT,
                       check=True)  # fmt: skip
    return PLATFORM_URL, platform_env()


class MakeRun:
    """`make run`'s server: daphne with config.settings.run on a throwaway SQLite database of the demo world."""

    def __init__(self, log):
        self.log = log
        self.work = Path(tempfile.mkdtemp(prefix="bench-run-"))
        self.proc = None

    def __enter__(self) -> tuple[str, dict]:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.run",
            "DATABASE_URL": f"sqlite:///{self.work / 'db.sqlite3'}",
            "DJANGO_MEDIA_ROOT": str(self.work / "media"),
            "REDIS_URL": "",
            "CELERY_BROKER_URL": "",
        }
        for name in ("DJANGO_ALLOWED_HOSTS", "DATABASE_REPLICA_URL", "DJANGO_CSRF_TRUSTED_ORIGINS"):
            env.pop(name, None)
        say("make run: migrating and loading the demo world into a throwaway SQLite database")
        for args in (["migrate", "--noinput", "-v", "0"], ["seed_demo", "--quiet"]):
            subprocess.run([PY, "manage.py", *args], cwd=APP_DIR, env=env, check=True, stdout=self.log,
                           stderr=subprocess.STDOUT)  # fmt: skip
        if not (APP_DIR / "var" / "static" / "staticfiles.json").exists():
            subprocess.run([PY, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=APP_DIR, env=env,
                           check=True)  # fmt: skip
        import socket

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        self.proc = subprocess.Popen(
            [str(APP_DIR / ".venv" / "bin" / "daphne"), "-b", "127.0.0.1", "-p", str(port), "config.asgi:application"],
            cwd=APP_DIR,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        import urllib.request

        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{url}/healthz", timeout=2)
                break
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("daphne did not start (see the bench log)") from None
                time.sleep(0.3)
        return url, env

    def __exit__(self, *exc):
        if self.proc:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        shutil.rmtree(self.work, ignore_errors=True)


def prepare_accounts(env: dict, out: Path) -> dict:
    """accounts.py in the server's environment: the students' passwords, the world put back, the baseline."""
    result = subprocess.run([PY, str(HERE / "accounts.py")], cwd=APP_DIR, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"accounts.py failed: {result.stderr[-1500:]}")
    out.write_text(result.stdout)
    os.environ["LOAD_ACCOUNTS"] = str(out)
    mix.Accounts.reset()
    return json.loads(result.stdout)


# --- measuring -----------------------------------------------------------------------------------------------
def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def snapshot(env: Environment, seconds: float, target: float | None = None) -> dict:
    total = env.stats.total
    errors = sorted(env.stats.errors.values(), key=lambda e: -e.occurrences)
    return {
        "target": target,
        "seconds": round(seconds, 1),
        "requests": total.num_requests,
        "rps": round(total.num_requests / seconds, 1) if seconds else 0.0,
        "tasks_per_s": round(mix.Counters.tasks / seconds, 1) if seconds else 0.0,
        "p50": total.get_response_time_percentile(0.5) or 0,
        "p95": total.get_response_time_percentile(0.95) or 0,
        "p99": total.get_response_time_percentile(0.99) or 0,
        "errors": total.num_failures,
        "races": mix.Counters.races,
        "sign_ins": mix.Counters.sign_ins,
        "error_samples": [f"{e.occurrences}x {e.method} {e.name}: {str(e.error)[:120]}" for e in errors[:3]],
        "per_route": {
            name: (s.num_requests, s.get_response_time_percentile(0.5) or 0, s.get_response_time_percentile(0.99) or 0)
            for (name, _method), s in env.stats.entries.items()
        },
    }


def reset(env: Environment) -> None:
    env.stats.reset_all()
    mix.Counters.races = 0
    mix.Counters.sign_ins = 0
    mix.Counters.tasks = 0


def start_users(env: Environment, students: int, rate: float, spawn_rate: float) -> None:
    users = students + 3  # the teacher, HR and the analyst (fixed_count 1 each)
    mix.Pace.users, mix.Pace.rate = users, rate
    mix.Counters.sign_ins = mix.Counters.signed_in = 0
    env.runner.start(users, spawn_rate=spawn_rate)
    deadline = time.monotonic() + 60 + users * 5  # every user's sign-in costs a password hash
    while (env.runner.user_count < users or mix.Counters.signed_in < users) and time.monotonic() < deadline:
        time.sleep(0.5)
    failed = env.stats.get("sign-in", "POST").num_failures
    say(f"{env.runner.user_count} users, {mix.Counters.signed_in} signed in ({failed} sign-ins failed on the way)")


def line(name: str, s: dict) -> str:
    target = f"target {s['target']:>6.1f}/s  " if s.get("target") else ""
    return (
        f"{name:<14} {target}{s['rps']:>7.1f} req/s  p50 {s['p50']:>5.0f}  p95 {s['p95']:>5.0f}  "
        f"p99 {s['p99']:>5.0f} ms  errors {s['errors']}  409-races {s['races']}  sign-ins {s['sign_ins']}"
    )


def stepped(host: str, accounts: dict, args) -> dict:
    """Steps of rising arrival rate until one fails; returns every step and the sustained rate."""
    env = Environment(user_classes=[mix.Student, mix.Teacher, mix.HR, mix.Analyst], host=host, events=events)
    env.create_local_runner()
    students = min(len(accounts["students"]), args.students)
    rate = args.start
    start_users(env, students, rate, args.spawn_rate)
    steps, sustained = [], None
    try:
        for _ in range(args.max_steps):
            mix.Pace.rate = rate
            time.sleep(args.settle)
            reset(env)
            began, cpu = time.monotonic(), cpu_seconds()
            time.sleep(args.step)
            s = snapshot(env, time.monotonic() - began, rate)
            s["bench_cpu"] = round((cpu_seconds() - cpu) / s["seconds"], 2)
            s["passed"] = s["errors"] == 0 and s["p99"] <= P99_LIMIT_MS and s["tasks_per_s"] >= 0.9 * rate
            steps.append(s)
            verdict = "pass" if s["passed"] else "FAIL"
            say(f"{line('step', s)}  load-generator CPU {s['bench_cpu']:.2f} core  {verdict}")
            for sample in s["error_samples"]:
                say(f"    {sample}")
            if not s["passed"]:
                break
            sustained = s
            rate = round(rate * args.factor, 1)
    finally:
        env.runner.quit()
    return {"steps": steps, "sustained": sustained}


class SpikeStudent(mix.AppUser):
    """The spring round's spike: sign in, read the round, submit a ranking, sign out; again, without waiting."""

    abstract = False
    target = 0
    done = 0  # started
    completed = 0  # signed in, ranked and signed out

    def wait_time(self) -> float:
        return 0.0

    def on_start(self) -> None:
        index = mix.Accounts.next_index()
        self.address = f"127.2.{index // 250}.{index % 250 + 1}"
        self.client.trust_env = False
        self.client.verify = False
        self.client.mount("https://", mix.SourceAddressAdapter(self.address))
        self.client.mount("http://", mix.SourceAddressAdapter(self.address))
        self.client.headers.update({"Accept": "application/json", "Referer": self.host + "/", "Origin": self.host})
        self._login = mix.Accounts.next_student()
        self.round = mix.Accounts.load()["round"]
        self.requests_left = 0

    @task
    def spike(self):
        if SpikeStudent.done >= SpikeStudent.target:
            time.sleep(0.5)
            return
        SpikeStudent.done += 1
        self.login = self._login
        self.sign_in()
        round_ = self.json(self.call("GET", f"/api/v1/match-rounds/{self.round}/", "/api/v1/match-rounds/{id}/"), {})
        response = self.call("GET", f"/api/v1/match-rounds/{self.round}/slots/", "/api/v1/match-rounds/{id}/slots/")
        listed = self.json(response, [])
        offered = [s["id"] for s in listed if s.get("eligible")] if isinstance(listed, list) else []
        if (round_ or {}).get("taking_part"):  # a student already placed this term is shown no ranking
            self.call("PUT", f"/api/v1/match-rounds/{self.round}/preferences/",
                      "/api/v1/match-rounds/{id}/preferences/ (rank)", json={"slots": offered[:5]})  # fmt: skip
        self.call("DELETE", mix.SESSION_URL, "sign-out", ok=(401,))
        SpikeStudent.completed += 1


def hash_seconds() -> float:
    """One check of the demo password against its real hash (the server's hasher, here in this process)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from django.conf import settings

    if not settings.configured:
        import django

        sys.path.insert(0, str(APP_DIR))
        django.setup()
    from django.contrib.auth.hashers import check_password, make_password

    encoded = make_password("Wuhan-2026-demo")
    began = time.process_time()
    check_password("Wuhan-2026-demo", encoded)
    return time.process_time() - began


def spike(host: str, accounts: dict, n: int) -> dict:
    SpikeStudent.target, SpikeStudent.done, SpikeStudent.completed = n, 0, 0
    env = Environment(user_classes=[SpikeStudent], host=host, events=events)
    env.create_local_runner()
    users = min(len(accounts["students"]), n)
    reset(env)
    began = time.monotonic()
    env.runner.start(users, spawn_rate=users)
    deadline = began + max(600, n * 3)
    while SpikeStudent.completed < n and time.monotonic() < deadline:
        time.sleep(0.2)
    elapsed = time.monotonic() - began
    s = snapshot(env, elapsed)
    env.runner.quit()
    sign_in = s["per_route"].get("sign-in", (0, 0, 0))
    one_hash = hash_seconds()
    s.update(
        students=n,
        sign_ins_per_s=round(mix.Counters.sign_ins / elapsed, 2),
        sign_in_p50=sign_in[1],
        sign_in_p99=sign_in[2],
        hash_ms=round(one_hash * 1000),
        hashing_share=round(min(1.0, mix.Counters.sign_ins * one_hash / (elapsed * (os.cpu_count() or 1))), 2),
    )
    return s


# --- main ----------------------------------------------------------------------------------------------------
def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--configs", default="run,1,2,4", help="comma-separated: run and/or worker counts")
    parser.add_argument("--step", type=float, default=60, help="seconds measured per step (the issue: 60)")
    parser.add_argument("--settle", type=float, default=5, help="seconds at a new pace before measuring")
    parser.add_argument("--start", type=float, default=5, help="first step's arrival rate (tasks/s)")
    parser.add_argument("--factor", type=float, default=1.3, help="each step's rate is the last one's x this")
    parser.add_argument("--max-steps", type=int, default=14, help="0: no stepped test (e.g. the spike alone)")
    parser.add_argument("--students", type=int, default=60, help="virtual students (at most one per account)")
    parser.add_argument("--spawn-rate", type=float, default=4, help="users started a second")
    parser.add_argument("--spike", type=int, default=0, help="also the spike: N sign-ins and rankings")
    parser.add_argument("--spike-on", default="2", help="the configuration the spike runs on")
    parser.add_argument("--smoke", action="store_true", help="CI: the mix on the running platform, fail on any error")
    parser.add_argument("--duration", type=float, default=60, help="--smoke: seconds of the mix")
    parser.add_argument("--rate", type=float, default=4, help="--smoke: arrival rate (tasks/s)")
    parser.add_argument("--host", default=PLATFORM_URL, help="--smoke: the server")
    args = parser.parse_args()
    if os.environ.get("LOAD_SESSION_REQUESTS") is None:
        mix.AppUser.session_requests = 150
    work = APP_DIR / "var" / "load"
    work.mkdir(parents=True, exist_ok=True)
    accounts_file = work / "accounts.json"

    if args.smoke:
        return smoke(args, accounts_file)

    log = open(work / "bench.log", "a")  # noqa: SIM115  (child processes write to it until the end)
    results: dict[str, dict] = {}
    spike_result = None
    for config in [c.strip() for c in args.configs.split(",") if c.strip()]:
        name = "make run" if config == "run" else f"platform x{config}"
        say(f"== {name}")
        if config == "run":
            server = MakeRun(log)
            host, env = server.__enter__()
        else:
            server = None
            host, env = platform_up(int(config), log)
        try:
            accounts = prepare_accounts(env, accounts_file)
            say(f"{len(accounts['students'])} student accounts (1 demo login + generated demo students); "
                f"{accounts['reset_rows']} rows of the last run put back")  # fmt: skip
            if args.max_steps > 0:
                results[name] = stepped(host, accounts, args)
            if args.spike and config == args.spike_on:
                accounts = prepare_accounts(env, accounts_file)
                say(f"spike: {args.spike} sign-ins and rankings")
                spike_result = spike(host, accounts, args.spike)
                say(f"spike: {json.dumps({k: v for k, v in spike_result.items() if k != 'per_route'})}")
        finally:
            if server:
                server.__exit__(None, None, None)

    print()
    print(f"== sustained rate (p99 <= {P99_LIMIT_MS} ms, 0 errors, {args.step:.0f} s a step)")
    for name, result in results.items():
        s = result["sustained"]
        print(line(name, s) if s else f"{name:<14} none: the first step failed ({line('', result['steps'][0])})")
    base = (results.get("make run") or {}).get("sustained")
    two = (results.get("platform x2") or {}).get("sustained")
    if base and two:
        print(f"platform x2 / make run: {two['rps'] / base['rps']:.2f}")
    if spike_result:
        s = spike_result
        print(
            f"== spike: {s['students']} sign-ins + rankings in {s['seconds']} s: {s['sign_ins_per_s']} students/s, "
            f"{s['rps']} req/s, p99 {s['p99']:.0f} ms "
            f"(sign-in p50 {s['sign_in_p50']:.0f}, p99 {s['sign_in_p99']:.0f} ms), "
            f"errors {s['errors']}; one password check {s['hash_ms']} ms of CPU: hashing ~{s['hashing_share']:.0%} "
            f"of the machine's CPU during the spike"
        )
        for sample in s["error_samples"]:
            print(f"    {sample}")
    (work / "bench-result.json").write_text(json.dumps({"results": results, "spike": spike_result}, indent=1))
    print(f"(every step, per route: {work / 'bench-result.json'})")
    failed = any(not r["steps"] for r in results.values()) or bool(spike_result and spike_result["errors"])
    return 1 if failed else 0


def smoke(args, accounts_file: Path) -> int:
    """The mix on the running platform at a modest rate for --duration seconds: exit 1 on any error."""
    env_vars = platform_env() if args.host == PLATFORM_URL else dict(os.environ)
    accounts = prepare_accounts(env_vars, accounts_file)
    env = Environment(user_classes=[mix.Student, mix.Teacher, mix.HR, mix.Analyst], host=args.host, events=events)
    env.create_local_runner()
    students = min(len(accounts["students"]), max(2, math.ceil(args.rate)))
    mix.Counters.tasks = 0
    reset(env)
    began = time.monotonic()
    start_users(env, students, args.rate, args.spawn_rate)
    time.sleep(max(0.0, args.duration - (time.monotonic() - began)))
    s = snapshot(env, time.monotonic() - began, args.rate)
    env.runner.quit()
    say(line("smoke", s))
    for name, (count, p50, p99) in sorted(s["per_route"].items()):
        say(f"    {name:<48} {count:>5}  p50 {p50:>5.0f}  p99 {p99:>5.0f} ms")
    for sample in s["error_samples"]:
        say(f"    {sample}")
    ok = s["errors"] == 0 and s["requests"] > 0
    print(f"load smoke: {'ok' if ok else 'FAILED'}: {s['requests']} requests, {s['errors']} errors")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
