"""The Stay-in-Wuhan figures say when generated demo records are among them (issue 15, "demo data that tells the
truth"): the report, internship-to-hire and the talent points read the one demo flag (GraduateOutcome.is_demo,
Slot.is_demo), per row and for the whole page, and their downloads mark the same rows 演示数据."""

from __future__ import annotations

import io
from datetime import timedelta
from itertools import count

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from alumni.services import outcome_create
from tests import factories as f
from tests.access import client_for

pytestmark = pytest.mark.django_db

REPORT = "/api/v1/stay-report/"
CONVERSION = "/api/v1/stay-report/conversion/"
POINTS = "/api/v1/talent-points/"
MARK = "演示数据"
NUMBERS = count(1)


def last_year() -> int:
    return timezone.localdate().year - 1


def graduate(world, *, demo: bool, student=None, employer=None, institution=None, year=None):
    """A confirmed outcome of a graduate working in Wuhan (for `employer` when given)."""
    institution = institution or world.school
    year = year or last_year()
    n = f"{'D' if demo else 'R'}{next(NUMBERS):04d}"
    return outcome_create(
        institution=institution,
        student=student,
        student_number=student.student_number if student else n,
        full_name=student.full_name if student else "毕业生",
        graduation_year=year,
        status="employed",
        employer=employer,
        employer_name=employer.name if employer else "某公司",
        work_city="武汉",
        in_wuhan=True,
        district="wuchang",
        reported_on=timezone.localdate() - timedelta(days=30),
        is_demo=demo,
    )


def sheet_rows(response) -> list[list]:
    assert response.status_code == 200, response.content
    return [list(r) for r in load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True)]


# -- the report ------------------------------------------------------------------------------------------------


def test_the_report_flags_the_rows_and_links_that_count_demo_outcomes_and_so_does_its_download(world):
    graduate(world, demo=False)
    graduate(world, demo=False, institution=world.other_school)
    client = client_for(world.analyst)
    body = client.get(REPORT, {"by": "institution"}).json()
    assert body["includes_demo"] is False
    assert not any(r["demo"] for r in body["breakdown"] + body["trend"] + body["flow"])

    graduate(world, demo=True, institution=world.other_school)
    body = client.get(REPORT, {"by": "institution"}).json()
    assert body["includes_demo"] is True
    assert {r["name"]: r["demo"] for r in body["breakdown"]} == {
        world.school.name: False,
        world.other_school.name: True,
    }
    assert [r["demo"] for r in body["trend"]] == [True]
    assert {link["source"]: link["demo"] for link in body["flow"]} == {
        world.school.name: False,
        world.other_school.name: True,
    }

    rows = sheet_rows(client.get(REPORT, {"by": "institution", "format": "xlsx"}))
    assert {r[0]: r[-1] for r in rows[1:]} == {world.school.name: None, world.other_school.name: MARK}
    flow = sheet_rows(client.get(REPORT, {"format": "xlsx", "table": "flow"}))
    assert {r[0]: r[-1] for r in flow[1:]} == {world.school.name: None, world.other_school.name: MARK}


def test_a_filter_that_leaves_the_demo_outcomes_out_leaves_the_notice_out(world):
    graduate(world, demo=False)
    graduate(world, demo=True, institution=world.other_school)
    client = client_for(world.analyst)
    assert client.get(REPORT, {"institution": world.school.pk}).json()["includes_demo"] is False
    assert client.get(REPORT, {"institution": world.other_school.pk}).json()["includes_demo"] is True


# -- internship-to-hire ----------------------------------------------------------------------------------------


def intern_hired(world, *, slot, demo_outcome: bool):
    student = f.StudentFactory(institution=world.school, cohort=world.cohort)
    f.PlacementFactory(student=student, slot=slot, status="completed")
    graduate(world, demo=demo_outcome, student=student, employer=slot.company)
    return student


def test_conversion_says_when_a_demo_slots_placement_or_a_demo_outcome_is_counted(world):
    real_slot = f.SlotFactory(company=world.company, base=world.base)
    intern_hired(world, slot=real_slot, demo_outcome=False)
    body = client_for(world.analyst).get(CONVERSION).json()
    assert body["includes_demo"] is False
    assert [r["demo"] for r in body["companies"] + body["bases"]] == [False, False]

    demo_slot = f.SlotFactory(company=world.other_company, base=world.other_base, is_demo=True)
    intern_hired(world, slot=demo_slot, demo_outcome=False)
    body = client_for(world.analyst).get(CONVERSION).json()
    assert body["includes_demo"] is True
    assert {r["key"]: r["demo"] for r in body["companies"]} == {world.company.pk: False, world.other_company.pk: True}
    assert {r["key"]: r["demo"] for r in body["bases"]} == {world.base.pk: False, world.other_base.pk: True}

    rows = sheet_rows(client_for(world.analyst).get(CONVERSION, {"format": "xlsx", "table": "companies"}))
    assert {r[0]: r[-1] for r in rows[1:]} == {world.company.name: None, world.other_company.name: MARK}


def test_a_demo_outcome_of_a_real_intern_is_flagged_too(world):
    real_slot = f.SlotFactory(company=world.company, base=world.base)
    intern_hired(world, slot=real_slot, demo_outcome=True)
    body = client_for(world.analyst).get(CONVERSION).json()
    assert body["includes_demo"] is True
    assert [r["demo"] for r in body["companies"]] == [True]
    assert [r["demo"] for r in body["bases"]] == [True]


# -- talent points ---------------------------------------------------------------------------------------------


def test_the_talent_points_say_when_a_companys_counts_hold_demo_placements(world):
    year = timezone.localdate().year
    started = timezone.now()
    real_slot = f.SlotFactory(company=world.company, base=world.base)
    f.PlacementFactory(slot=real_slot, status="active", started_at=started)
    client = client_for(world.analyst)
    body = client.get(POINTS, {"year": year}).json()
    assert body["includes_demo"] is False
    assert not any(r["demo"] for r in body["rows"])

    demo_slot = f.SlotFactory(company=world.other_company, base=world.other_base, is_demo=True)
    f.PlacementFactory(slot=demo_slot, status="active", started_at=started)
    body = client.get(POINTS, {"year": year}).json()
    assert body["includes_demo"] is True
    assert {r["company"]: r["demo"] for r in body["rows"]} == {world.company.pk: False, world.other_company.pk: True}

    rows = sheet_rows(client.get(POINTS, {"year": year, "format": "xlsx"}))
    assert {r[1]: r[-1] for r in rows[1:]} == {world.company.name: None, world.other_company.name: MARK}
