"""The load test's accounts, prepared in the database the server under test uses (run with that server's
environment: `.venv/bin/python platform/load/accounts.py`; bench.py does it before each configuration).

The demo world has six sign-ins, one per role, and only one of them is a student (student@example.com): every
generated student has an unusable password. A mix where many students rank and apply at once needs many
students, and one account shared by many simultaneous "students" would only measure that account's own
conflicts (two devices replacing the same ranked list at once). So this script gives the published demo password
to the generated students of the demo match round's classes who already have a user account (about sixty;
seed_demo itself is unchanged), with a verified address <username>@demo.example.com where they have none
(production settings refuse a password sign-in before the address is verified), and signs them in by e-mail. The hash
is the real PBKDF2 hash (core.demo.password_hash), so every sign-in costs what a real one costs.

It also puts the world back between configurations: the placements the previous run created (ids above the
baseline recorded the first time, kept in var/load/) are deleted, so every configuration starts from the same
applications. Prints one JSON object: the student usernames, the round, the staff logins."""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

APP_DIR = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(APP_DIR))
os.chdir(APP_DIR)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django  # noqa: E402

django.setup()

from allauth.account.models import EmailAddress  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import transaction  # noqa: E402

from accounts.demo import DEMO_PASSWORD  # noqa: E402
from core.demo import password_hash  # noqa: E402
from placements.models import MatchRound, Placement, PlacementEvent  # noqa: E402
from schools.models import Student  # noqa: E402

STUDENT_LOGIN = "student@example.com"


def baseline_file() -> Path:
    db = settings.DATABASES["default"]
    where = f"{db['ENGINE']}|{db.get('HOST', '')}|{db.get('PORT', '')}|{db['NAME']}"
    return APP_DIR / "var" / "load" / f"baseline-{hashlib.sha256(where.encode()).hexdigest()[:12]}.json"


def main() -> None:
    round_ = MatchRound.objects.filter(status="open", name__contains="演示").order_by("pk").first()
    if round_ is None:
        sys.exit("no open demo match round: load the demo world first (manage.py seed_demo)")
    students = (
        Student.objects.filter(cohort__in=round_.cohorts.all(), user__isnull=False)
        .select_related("user")
        .order_by("student_number")
    )
    hashed = password_hash(DEMO_PASSWORD)
    logins = []
    with transaction.atomic():
        for student in students:
            user = student.user
            if user.email == STUDENT_LOGIN:
                logins.insert(0, {"login": STUDENT_LOGIN, "key": "email"})
                continue
            if not user.username.startswith("demo-student-"):
                continue  # only generated demo students; never a real person's account
            changed = []
            if user.password != hashed:
                user.password = hashed
                changed.append("password")
            if not user.email:  # production settings want a verified address before a password sign-in
                user.email = f"{user.username}@demo.example.com"
                changed.append("email")
            if changed:
                user.save(update_fields=changed)
            verified = {"primary": True, "verified": True}
            EmailAddress.objects.get_or_create(user=user, email=user.email, defaults=verified)
            logins.append({"login": user.email, "key": "email"})
        path = baseline_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            baseline = json.loads(path.read_text())["placement_id"]
            PlacementEvent.objects.filter(placement__pk__gt=baseline).delete()
            removed, _ = Placement.objects.filter(pk__gt=baseline).delete()
        else:
            baseline = Placement.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
            path.write_text(json.dumps({"placement_id": baseline}))
            removed = 0
    print(
        json.dumps(
            {
                "students": logins,
                "round": round_.pk,
                "teacher": "teacher@example.com",
                "hr": "hr@example.com",
                "analyst": "analyst@example.com",
                "password": DEMO_PASSWORD,
                "baseline": baseline,
                "reset_rows": removed,
            }
        )
    )


if __name__ == "__main__":
    main()
