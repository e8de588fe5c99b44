"""The Stay-in-Wuhan report on a small hand-made fixture: every definition computed by hand."""

from __future__ import annotations

from datetime import date

import pytest

from alumni.services import outcome_create
from tests.access import client_for

pytestmark = pytest.mark.django_db


def outcome(world, number, status, city="", year=2026, **extra):
    return outcome_create(
        institution=world.school, student_number=number, full_name=f"毕业生{number}", graduation_year=year,
        status=status, work_city=city, in_wuhan="武汉" in city, reported_on=date(year, 8, 31), **extra,
    )  # fmt: skip


def test_the_definitions_match_a_hand_count(world):
    outcome(world, "1", "employed", "武汉", district="hannan", employer_name="东风")
    outcome(world, "2", "employed", "深圳", employer_name="比亚迪")
    outcome(world, "3", "self_employed", "武汉", district="jiangxia")
    outcome(world, "4", "further_study")
    outcome(world, "5", "unknown")
    body = client_for(world.admin.user).get("/api/v1/stay-report/", {"by": "district"}).json()
    # 5 graduates, 4 known; 3 working, 2 of them in Wuhan.
    assert body["summary"] == {"graduates": 5, "known": 4, "working": 3, "stayed": 2, "knowledge_rate": 0.8,
                               "retention": 0.6667}  # fmt: skip
    by_district = {row["name"]: row["stayed"] for row in body["breakdown"]}
    assert by_district["汉南区"] == 1 and by_district["江夏区"] == 1
    assert [f["target"] for f in body["flow"]] == ["汉南区", "江夏区"]
    assert {d["key"] for d in body["definitions"]} >= {"knowledge_rate", "retention", "stayed"}


def test_a_school_admin_sees_only_their_school_and_students_are_refused(world):
    outcome(world, "1", "employed", "武汉", employer_name="东风")
    outcome_create(
        institution=world.other_school, student_number="9", full_name="他校", graduation_year=2026,
        status="employed", work_city="武汉", in_wuhan=True, reported_on=date(2026, 8, 31),
    )  # fmt: skip
    assert client_for(world.admin.user).get("/api/v1/stay-report/").json()["summary"]["graduates"] == 1
    assert client_for(world.analyst).get("/api/v1/stay-report/").json()["summary"]["graduates"] == 2
    assert client_for(world.student.user).get("/api/v1/stay-report/").status_code == 403
    response = client_for(world.analyst).get("/api/v1/stay-report/", {"format": "xlsx", "by": "institution"})
    assert response.status_code == 200 and response.content[:2] == b"PK"
    csv_text = (
        client_for(world.analyst).get("/api/v1/stay-report/", {"format": "csv", "table": "trend"}).content.decode()
    )
    assert csv_text.splitlines()[1].startswith("2026,2,")
