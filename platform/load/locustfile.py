"""The platform's load mix (locust), on the demo world, through whatever serves it: nginx on
https://127.0.0.1:8443 (self-signed: not verified) or `make run`'s daphne. Loopback only.

Who does what, each as the app does it (docs/API.md):
- students (one virtual user per account, platform/load/accounts.py): sign in through allauth headless (CSRF
  cookie, then the session cookie), read their to-do counts, browse and filter the slots, "eligible for me",
  open a slot with its eligibility, read the match round's slots and rank them, apply to a slot and later
  withdraw, read their placements and their notices; after LOAD_SESSION_REQUESTS requests they sign out and in
  again (no pre-made sessions: every session in the run comes from a real sign-in);
- the advisor (teacher@example.com) opens the applications awaiting the school and approves one;
- the company's HR (hr@example.com) opens the applications awaiting the company and confirms one while its slot
  has a place left;
- the city analyst opens the Stay-in-Wuhan report.
Staff act only on applications the load test made (ids above the baseline of accounts.py), so the next
configuration starts from the same world.

Each virtual user is its own client: it connects from its own loopback address (127.1.x.y), so allauth's
sign-in rate limit (30 a minute per client address, counted on the address nginx forwards) applies per student
as it does in a school, not to the whole test.

An error is any answer the app would not give a correct client: a 5xx, a timeout, a refused connection, or a
4xx other than a 409 on a state-machine move (two people acting on the same application at once: the server is
right to refuse the second; those are counted apart as "409 races").

Run alone: `locust -f platform/load/locustfile.py --host https://127.0.0.1:8443` (LOAD_ACCOUNTS names the JSON
accounts.py printed); bench.py runs it as a library."""

from __future__ import annotations

import itertools
import json
import os
import random
import threading
import time

from locust import HttpUser, events, task
from requests.adapters import HTTPAdapter

LOGIN_URL = "/_allauth/browser/v1/auth/login"
SESSION_URL = "/_allauth/browser/v1/auth/session"
SLOT_FILTERS = ["?job_cluster=production", "?kind=post", "?search=新能源", "?ordering=-created_at", "?zone=edz"]


class Pace:
    """The target arrival rate, shared by every virtual user: each one runs tasks at rate / users per second."""

    rate = 1.0  # tasks a second for the whole test
    users = 1

    @classmethod
    def interval(cls) -> float:
        return max(cls.users, 1) / max(cls.rate, 0.01)


class Accounts:
    data: dict = {}
    _next = itertools.count()
    _students = itertools.count()
    _lock = threading.Lock()

    @classmethod
    def load(cls) -> dict:
        if not cls.data:
            with open(os.environ["LOAD_ACCOUNTS"]) as f:
                cls.data = json.load(f)
        return cls.data

    @classmethod
    def next_index(cls) -> int:
        with cls._lock:
            return next(cls._next)

    @classmethod
    def next_student(cls) -> dict:
        students = cls.load()["students"]
        with cls._lock:
            return students[next(cls._students) % len(students)]

    @classmethod
    def reset(cls) -> None:
        cls.data = {}
        cls._next = itertools.count()
        cls._students = itertools.count()


class Counters:
    races = 0  # 409s on state-machine moves
    hashing_seconds = 0.0  # time spent in sign-in requests (PBKDF2 dominates them)
    sign_ins = 0
    signed_in = 0
    tasks = 0


@events.test_start.add_listener
def _reset_counters(**_kwargs):
    Counters.races = 0
    Counters.hashing_seconds = 0.0
    Counters.sign_ins = 0


class SourceAddressAdapter(HTTPAdapter):
    """Connections from one loopback address: each virtual user is a client of its own."""

    def __init__(self, address: str, **kwargs):
        self.address = address
        super().__init__(**kwargs)

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


class AppUser(HttpUser):
    abstract = True
    insecure = True  # the self-signed certificate of the platform on this machine
    login: dict = {}
    session_requests = int(os.environ.get("LOAD_SESSION_REQUESTS", "150"))

    def wait_time(self) -> float:
        # constant throughput at the shared pace: the time left of this user's interval
        elapsed = time.monotonic() - getattr(self, "_started", 0.0)
        return max(0.0, Pace.interval() - elapsed)

    def on_start(self) -> None:
        index = Accounts.next_index()
        self.address = f"127.1.{index // 250}.{index % 250 + 1}"
        self.client.trust_env = False  # no proxy and no CA bundle from the environment: loopback, self-signed
        self.client.verify = False
        self.client.mount("https://", SourceAddressAdapter(self.address))
        self.client.mount("http://", SourceAddressAdapter(self.address))
        self.client.headers.update({"Accept": "application/json", "Referer": self.host + "/", "Origin": self.host})
        self.requests_left = 0
        self.sign_in()

    # -- helpers --------------------------------------------------------------------------------------------
    def call(self, method: str, path: str, name: str | None = None, *, ok=(200,), race=False, timeout=30, **kwargs):
        """One request; a status outside `ok` is a failure (a 409 with race=True is counted apart)."""
        token = self.client.cookies.get("csrftoken")
        headers = {"X-CSRFToken": token} if token and method != "GET" else {}
        with self.client.request(
            method, path, name=name or path, headers=headers, catch_response=True, timeout=timeout, **kwargs
        ) as response:
            self.requests_left -= 1
            if response.status_code in ok:
                response.success()
            elif race and response.status_code == 409:
                Counters.races += 1
                response.success()
            else:
                response.failure(f"{response.status_code}: {response.text[:160]}")
            return response

    def json(self, response, default=None):
        try:
            return response.json()
        except ValueError:
            return default

    def sign_in(self) -> None:
        login = self.login or self.pick_login()
        self.client.cookies.clear()
        self.call("GET", "/api/v1/csrf/", "/api/v1/csrf/ (sign-in)")
        started = time.monotonic()
        data = Accounts.load()
        # a sign-in waits for its password hash behind every other one in the queue: a longer timeout
        response = self.call(
            "POST", LOGIN_URL, "sign-in", json={login["key"]: login["login"], "password": data["password"]}, timeout=90
        )
        Counters.hashing_seconds += time.monotonic() - started
        Counters.sign_ins += 1
        self.signed_in = response.status_code == 200
        if self.signed_in:
            Counters.signed_in += 1
            self.call("GET", "/api/v1/me/")
        self.requests_left = self.session_requests

    def pick_login(self) -> dict:
        return {}

    def tick(self) -> None:
        """Start of a task: pace from here; sign out and in again once the session has done its share."""
        self._started = time.monotonic()
        Counters.tasks += 1
        if not getattr(self, "signed_in", False):
            self.sign_in()  # the last one failed (counted as an error): a person tries again
        elif self.requests_left <= 0:
            self.call("DELETE", SESSION_URL, "sign-out", ok=(401,))  # allauth answers 401: no longer signed in
            self.sign_in()

    def one_awaiting(self, awaiting: str, action: str) -> dict | None:
        """One of the placements the load test made that wait on this user and offer `action`, at random."""
        response = self.call("GET", f"/api/v1/placements/?awaiting={awaiting}", "/api/v1/placements/?awaiting=")
        baseline = Accounts.load()["baseline"]
        waiting = [
            p
            for p in (self.json(response, {}) or {}).get("results", [])
            if p["id"] > baseline and action in (p.get("actions") or [])
        ]
        return random.choice(waiting) if waiting else None

    def move(self, placement: dict, action: str) -> None:
        """The move; a 409 from two people acting on it at once is a race, not an error."""
        self.call("POST", f"/api/v1/placements/{placement['id']}/{action}/", f"/api/v1/placements/{{id}}/{action}/",
                  json={}, race=True)  # fmt: skip


class Student(AppUser):
    """A student of the demo round's classes, each virtual student with an account of their own."""

    weight = 20

    def pick_login(self) -> dict:
        if not hasattr(self, "_login"):
            self._login = Accounts.next_student()
        return self._login

    def on_start(self) -> None:
        super().on_start()
        self.round = Accounts.load()["round"]
        self.baseline = Accounts.load()["baseline"]
        self.call("GET", "/api/v1/me/todo/")

    @task(14)
    def browse_slots(self):
        self.tick()
        self.call("GET", "/api/v1/slots/", "/api/v1/slots/")

    @task(8)
    def filter_slots(self):
        self.tick()
        self.call("GET", "/api/v1/slots/" + random.choice(SLOT_FILTERS), "/api/v1/slots/?<filter>")

    @task(8)
    def eligible_for_me(self):
        self.tick()
        response = self.call("GET", "/api/v1/slots/?eligible=true", "/api/v1/slots/?eligible=true")
        self.eligible = [s["id"] for s in (self.json(response, {}) or {}).get("results", [])]

    @task(12)
    def slot_detail(self):
        self.tick()
        slot = random.choice(getattr(self, "eligible", None) or [1, 3, 5, 7, 9, 10, 11, 12])
        self.call("GET", f"/api/v1/slots/{slot}/", "/api/v1/slots/{id}/", ok=(200, 404))
        self.call("GET", f"/api/v1/slots/{slot}/eligibility/", "/api/v1/slots/{id}/eligibility/", ok=(200, 404))

    @task(6)
    def rank_in_round(self):
        """The round's page (ranking is offered while the student takes part: open, and not yet placed in its
        term), its slots with eligibility and fit, then the ranked list saved."""
        self.tick()
        round_ = self.json(self.call("GET", f"/api/v1/match-rounds/{self.round}/", "/api/v1/match-rounds/{id}/"), {})
        if not (round_ or {}).get("taking_part"):
            return
        response = self.call("GET", f"/api/v1/match-rounds/{self.round}/slots/", "/api/v1/match-rounds/{id}/slots/")
        listed = self.json(response, [])
        offered = [s["id"] for s in listed if s.get("eligible")] if isinstance(listed, list) else []
        if offered:
            ranked = random.sample(offered, min(len(offered), random.randint(1, 5)))
            self.call(
                "PUT",
                f"/api/v1/match-rounds/{self.round}/preferences/",
                "/api/v1/match-rounds/{id}/preferences/ (rank)",
                json={"slots": ranked},
            )

    @task(4)
    def apply_or_withdraw(self):
        """Apply to an eligible slot when the student has no open application of the test's, else withdraw."""
        self.tick()
        response = self.call("GET", "/api/v1/placements/", "/api/v1/placements/ (mine)")
        mine = (self.json(response, {}) or {}).get("results", [])
        open_ = [p for p in mine if p["id"] > self.baseline and "withdraw" in (p.get("actions") or [])]
        if open_:
            placement = open_[0]["id"]
            self.call(
                "POST",
                f"/api/v1/placements/{placement}/withdraw/",
                "/api/v1/placements/{id}/withdraw/",
                json={},
                race=True,
            )
            return
        if any(p["status"] in ("confirmed", "ready", "active") for p in mine):
            return  # placed: nothing more to apply for
        eligible = getattr(self, "eligible", None)
        if eligible:
            self.call("POST", "/api/v1/placements/", "/api/v1/placements/ (apply)", ok=(201,), race=True,
                      json={"slot": random.choice(eligible)})  # fmt: skip
            self.eligible = None  # look again before the next application

    @task(10)
    def notices(self):
        self.tick()
        response = self.call("GET", "/api/v1/notices/", "/api/v1/notices/")
        unread = [n["id"] for n in (self.json(response, {}) or {}).get("results", []) if not n.get("read_at")]
        if unread and random.random() < 0.3:
            self.call("GET", "/api/v1/notices/?page=2", "/api/v1/notices/?page=", ok=(200, 404))

    @task(6)
    def todo(self):
        self.tick()
        self.call("GET", "/api/v1/me/todo/")


class Teacher(AppUser):
    """The demo class's advisor approves the applications the load test made."""

    fixed_count = 1
    login = {"login": "teacher@example.com", "key": "email"}

    @task
    def approve(self):
        self.tick()
        placement = self.one_awaiting("school&mine=true", "approve")
        if placement:
            self.call("GET", f"/api/v1/placements/{placement['id']}/", "/api/v1/placements/{id}/", ok=(200, 404))
            self.move(placement, "approve")


class HR(AppUser):
    """The company's HR confirms an approved application while its slot has a place left."""

    fixed_count = 1
    login = {"login": "hr@example.com", "key": "email"}

    @task
    def confirm(self):
        self.tick()
        placement = self.one_awaiting("company", "confirm")
        if placement:
            slot = self.json(self.call("GET", f"/api/v1/slots/{placement['slot']}/", "/api/v1/slots/{id}/"), {})
            if (slot or {}).get("places_left", 0) > 0:
                self.move(placement, "confirm")


class Analyst(AppUser):
    """The city analyst opens the Stay-in-Wuhan report."""

    fixed_count = 1
    login = {"login": "analyst@example.com", "key": "email"}

    @task
    def report(self):
        self.tick()
        self.call("GET", "/api/v1/stay-report/")
        if random.random() < 0.3:
            self.call("GET", "/api/v1/stay-report/conversion/")
