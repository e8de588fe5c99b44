"""Internship-to-hire (a student who completed a placement at a company and was then employed by it) and the
enterprise talent points, each rule counted by hand on a small fixture and compared to the API."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from alumni.services import outcome_create
from placements.models import BreachReport
from tests import factories as f
from tests.access import client_for

pytestmark = pytest.mark.django_db

CONVERSION = "/api/v1/stay-report/conversion/"
POINTS = "/api/v1/talent-points/"
WUHAN = ZoneInfo("Asia/Shanghai")


def at(year: int, month: int, day: int) -> datetime:
    return datetime(year, month, day, 10, 0, tzinfo=WUHAN)


def new_student(world, institution=None):
    institution = institution or world.school
    cohort = world.cohort if institution == world.school else f.CohortFactory(major__institution=institution)
    return f.StudentFactory(institution=institution, cohort=cohort)


def hire(student, company, *, year=2026, city="武汉", status="employed", reported_on=None, **extra):
    """The graduate's outcome: employed by `company` (None: by an employer not on the platform)."""
    return outcome_create(
        institution=student.institution,
        student=student,
        student_number=student.student_number,
        full_name=student.full_name,
        graduation_year=year,
        status=status,
        employer=company,
        employer_name=company.name if company else "某公司",
        work_city=city,
        in_wuhan="武汉" in city,
        reported_on=reported_on or date(year, 8, 31),
        **extra,
    )


def placement(student, slot, status="completed", **fields):
    return f.PlacementFactory(student=student, slot=slot, status=status, **fields)


# -- internship-to-hire ------------------------------------------------------------------------------------------


@pytest.fixture
def conv(world):
    """Company C (the world's company) with two bases, the other company O with one.

    student  placement                    outcome
    S1       completed at C, base 1       employed by C in Wuhan        → C hired, stayed
    S2       completed at C, base 1       employed by C in Shenzhen     → C hired
    S3       none                         employed by C in Wuhan        → nothing (not an intern)
    S4       active at C, base 1          employed by C in Wuhan        → nothing (not completed)
    S5       completed at C, base 1       employed by O in Wuhan        → an intern of C, not hired by C or O
    S6       completed at O               employed by O in Wuhan        → O hired, stayed
    S8       completed at C, base 1       further study (employer C)    → an intern of C, not hired
    S9       completed at C, base 2       employed by C in Wuhan        → C hired, stayed

    C: interns S1 S2 S5 S8 S9 = 5, hired S1 S2 S9 = 3, stayed S1 S9 = 2, rate 0.6.
    O: interns S6 = 1, hired 1, stayed 1, rate 1.0.
    Base 1: interns S1 S2 S5 S8 = 4, hired 2, stayed 1, rate 0.5. Base 2: 1, 1, 1, 1.0. O's base: 1, 1, 1, 1.0.
    """
    c, o = world.company, world.other_company
    base2 = f.OffCampusBaseFactory(company=c, name="东风第二基地")
    slot1 = f.SlotFactory(company=c, base=world.base)
    slot2 = f.SlotFactory(company=c, base=base2)
    slot_o = f.SlotFactory(company=o, base=world.other_base)
    s = SimpleNamespace(**{f"s{i}": new_student(world) for i in range(1, 10)})
    s.s1, s.s2 = world.student, world.classmate
    placement(s.s1, slot1)
    hire(s.s1, c)
    placement(s.s2, slot1)
    hire(s.s2, c, city="深圳")
    hire(s.s3, c)
    placement(s.s4, slot1, status="active")
    hire(s.s4, c)
    placement(s.s5, slot1)
    hire(s.s5, o)
    placement(s.s6, slot_o)
    hire(s.s6, o)
    placement(s.s8, slot1)
    hire(s.s8, c, status="further_study", city="")
    placement(s.s9, slot2)
    hire(s.s9, c)
    return SimpleNamespace(world=world, c=c, o=o, base1=world.base, base2=base2, slot1=slot1, slot_o=slot_o, s=s)


def conversion(user, **params) -> dict:
    response = client_for(user).get(CONVERSION, params)
    assert response.status_code == 200, response.content
    return response.json()


def row_of(rows: list[dict]) -> dict:
    return {r["key"]: {k: r[k] for k in ("name", "interns", "hired", "stayed", "rate")} for r in rows}


def test_an_intern_who_completed_a_placement_and_was_employed_by_the_company_counts_as_hired(conv):
    body = conversion(conv.world.analyst)
    assert row_of(body["companies"]) == {
        conv.c.pk: {"name": conv.c.name, "interns": 5, "hired": 3, "stayed": 2, "rate": 0.6},
        conv.o.pk: {"name": conv.o.name, "interns": 1, "hired": 1, "stayed": 1, "rate": 1.0},
    }
    assert [r["key"] for r in body["companies"]] == [conv.c.pk, conv.o.pk]  # most hires first


def test_a_graduate_employed_by_a_company_without_a_completed_placement_there_is_not_a_conversion(conv):
    before = row_of(conversion(conv.world.analyst)["companies"])[conv.c.pk]
    # Another graduate employed by C in Wuhan, whose placement at C was only confirmed: no change.
    late = new_student(conv.world)
    placement(late, conv.slot1, status="confirmed")
    hire(late, conv.c)
    assert row_of(conversion(conv.world.analyst)["companies"])[conv.c.pk] == before
    # Once that placement is completed, the graduate is an intern and a hire of C who stayed.
    late.placements.update(status="completed")
    after = row_of(conversion(conv.world.analyst)["companies"])[conv.c.pk]
    assert (after["interns"], after["hired"], after["stayed"]) == (6, 4, 3)


def test_a_completed_placement_at_one_company_is_not_a_conversion_for_another(conv):
    # S5 interned at C and went to O: O does not count them, and C counts them as an intern only.
    companies = row_of(conversion(conv.world.analyst)["companies"])
    assert companies[conv.o.pk]["hired"] == 1  # S6 only


def test_per_base_the_interns_and_hires_are_counted_through_the_slots_at_that_base(conv):
    bases = row_of(conversion(conv.world.analyst)["bases"])
    assert bases == {
        conv.base1.pk: {"name": conv.base1.name, "interns": 4, "hired": 2, "stayed": 1, "rate": 0.5},
        conv.base2.pk: {"name": conv.base2.name, "interns": 1, "hired": 1, "stayed": 1, "rate": 1.0},
        conv.world.other_base.pk: {
            "name": conv.world.other_base.name,
            "interns": 1,
            "hired": 1,
            "stayed": 1,
            "rate": 1.0,
        },
    }


def test_company_staff_see_only_their_companys_conversion_and_bases(conv):
    w = conv.world
    for user in (w.hr.user, w.mentor.user):
        body = conversion(user)
        assert set(row_of(body["companies"])) == {conv.c.pk}
        assert row_of(body["companies"])[conv.c.pk]["hired"] == 3
        assert set(row_of(body["bases"])) == {conv.base1.pk, conv.base2.pk}
    body = conversion(w.other_hr.user)
    assert set(row_of(body["companies"])) == {conv.o.pk}
    assert set(row_of(body["bases"])) == {w.other_base.pk}


def test_a_hire_counts_once_the_school_has_confirmed_it(conv):
    w = conv.world
    reporter = new_student(w)
    placement(reporter, conv.slot1)
    outcome = hire(reporter, conv.c, source="self", confirmed=False)
    assert row_of(conversion(w.analyst)["companies"])[conv.c.pk]["hired"] == 3
    client_for(w.admin.user).post(f"/api/v1/outcomes/{outcome.pk}/confirm/")
    assert row_of(conversion(w.analyst)["companies"])[conv.c.pk]["hired"] == 4


def test_per_base_an_unconfirmed_self_report_is_not_yet_a_hire(conv):
    reporter = new_student(conv.world)
    placement(reporter, conv.slot1)
    hire(reporter, conv.c, source="self", confirmed=False)
    body = conversion(conv.world.analyst)
    assert row_of(body["companies"])[conv.c.pk]["hired"] == 3
    assert row_of(body["bases"])[conv.base1.pk]["hired"] == 2


def test_a_school_admin_sees_the_conversion_of_their_own_schools_interns(conv):
    w = conv.world
    visitor = new_student(w, institution=w.other_school)
    placement(visitor, conv.slot1)
    hire(visitor, conv.c)
    # School A's own figures for C are the fixture's: 5 interns, 3 hired.
    mine = row_of(conversion(w.admin.user)["companies"])[conv.c.pk]
    assert (mine["interns"], mine["hired"]) == (5, 3)
    theirs = row_of(conversion(w.other_admin.user)["companies"])[conv.c.pk]
    assert (theirs["interns"], theirs["hired"]) == (1, 1)


def test_the_conversion_downloads_hold_the_rows_of_the_json(conv):
    client = client_for(conv.world.analyst)
    body = conversion(conv.world.analyst)
    for table in ("companies", "bases"):
        # the last column marks rows that count generated demo records: none here
        expected = [[r["name"], r["interns"], r["hired"], r["stayed"], r["rate"], None] for r in body[table]]
        xlsx = client.get(CONVERSION, {"format": "xlsx", "table": table})
        rows = [list(r) for r in load_workbook(io.BytesIO(xlsx.content)).worksheets[0].iter_rows(values_only=True)]
        assert rows[1:] == expected
        text = client.get(CONVERSION, {"format": "csv", "table": table}).content.decode("utf-8-sig")
        assert list(csv.reader(io.StringIO(text)))[1:] == [["" if v is None else str(v) for v in r] for r in expected]


# -- talent points -----------------------------------------------------------------------------------------------

RULES = ["placement_hosted", "placement_good", "intern_hired", "hire_stayed", "base_cobuilt", "mentor", "breach_upheld"]


def slot_starting(world, company, start: date, mentor=None):
    return f.SlotFactory(
        company=company,
        base=world.base if company == world.company else world.other_base,
        start_date=start,
        end_date=date(start.year, 12, 31),
        application_deadline=start,
        mentor=mentor,
    )


def breach(world, company, status, responded: datetime | None):
    return BreachReport.objects.create(
        student=world.student,
        institution=world.school,
        company=company,
        kind="overtime",
        description="加班",
        status=status,
        responded_at=responded,
        responded_by=world.admin.user if responded else None,
    )


@pytest.fixture
def pts(world):
    """What C (the world's company, short name 东风) and O (the other company) did, counted for 2026.

    placement_hosted  (2 each)  started in 2026, not merely confirmed or ready:
                                P1 active, P2 P3 P4 completed, P8 ended early = 5 → 10
                                (not P5 confirmed, P5b ready, P6 P7 started in 2025, P9 pending)
    placement_good    (3 each)  completed, excellent or good, ended in 2026: P2 P3 P6 = 3 → 9
                                (not P4 pass, P7 ended 2025)
    intern_hired     (10 each)  2026 graduates employed by C after completing a placement there: P2's and P3's
                                students (P3's works in Shenzhen: still a hire) = 2 → 20
                                (not P1's (active), a graduate with no placement, P6's (a 2025 graduate))
    hire_stayed       (5 each)  2025 graduates employed by C, in Wuhan, reported on or after 1 July 2026:
                                P6's student (reported 2026-08-01) and H5 (2026-07-01) = 2 → 10
                                (not H2 reported 2025-08-31, H3 in Shenzhen, H4 a 2024 graduate)
    base_cobuilt      (8 each)  active on-campus bases with partner brand 东风 = 1 → 8
                                (not the inactive one, not 比亚迪 of the world's campus base)
    mentor            (1 each)  distinct mentors of C's slots starting in 2026: the world's mentor (two slots)
                                and a second mentor = 2 → 2 (not the 2027 slot's mentor, not the slot without one)
    breach_upheld   (-10 each)  upheld reports answered in 2026 = 1 → -10 (not dismissed, not answered in 2025)
    C in all: 10 + 9 + 20 + 10 + 8 + 2 - 10 = 49, under the threshold of 60.

    O: three on-campus bases with partner brand 另一家企业 (its full name) = 24, one mentor = 1: 25.
    """
    w = world
    c, o = w.company, w.other_company
    c.short_name = "东风"
    c.save()
    slot = f.SlotFactory(company=c, base=w.base)

    def intern(status, started=None, ended=None, grade=""):
        return placement(new_student(w), slot, status=status, started_at=started, ended_at=ended, final_grade=grade)

    p1 = intern("active", at(2026, 3, 5))
    p2 = intern("completed", at(2026, 3, 5), at(2026, 8, 20), "good")
    p3 = intern("completed", at(2026, 2, 1), at(2026, 7, 1), "excellent")
    intern("completed", at(2026, 3, 5), at(2026, 8, 20), "pass")  # P4
    intern("confirmed", at(2026, 3, 5))  # P5
    intern("ready", at(2026, 3, 5))  # P5b
    p6 = intern("completed", at(2025, 9, 1), at(2026, 1, 10), "excellent")
    intern("completed", at(2025, 3, 1), at(2025, 8, 31), "good")  # P7
    intern("ended_early", at(2026, 4, 1), at(2026, 5, 1))  # P8
    intern("pending")  # P9

    hire(p2.student, c)
    hire(p3.student, c, city="深圳")
    hire(p1.student, c)
    hire(new_student(w), c)
    hire(p6.student, c, year=2025, reported_on=date(2026, 8, 1))
    hire(new_student(w), c, year=2025, reported_on=date(2025, 8, 31))  # H2
    hire(new_student(w), c, year=2025, city="深圳", reported_on=date(2026, 9, 1))  # H3
    hire(new_student(w), c, year=2024, reported_on=date(2026, 9, 1))  # H4
    hire(new_student(w), c, year=2025, reported_on=date(2026, 7, 1))  # H5

    f.OnCampusBaseFactory(host_institution=w.school, partner_brand="东风", name="东风实训中心")
    f.OnCampusBaseFactory(host_institution=w.school, partner_brand="东风", name="东风旧实训中心", is_active=False)
    for i in range(3):
        f.OnCampusBaseFactory(host_institution=w.school, partner_brand=o.name, name=f"另一家企业实训中心{i}")

    second_mentor = f.CompanyMemberFactory(company=c, role="mentor")
    slot_starting(w, c, date(2026, 3, 1), mentor=w.mentor)
    slot_starting(w, c, date(2026, 9, 1), mentor=w.mentor)
    slot_starting(w, c, date(2026, 5, 1), mentor=second_mentor)
    slot_starting(w, c, date(2027, 3, 1), mentor=f.CompanyMemberFactory(company=c, role="mentor"))
    slot_starting(w, c, date(2026, 4, 1))
    slot_starting(w, o, date(2026, 3, 1), mentor=f.CompanyMemberFactory(company=o, role="mentor"))

    breach(w, c, "upheld", at(2026, 5, 10))
    breach(w, c, "dismissed", at(2026, 5, 10))
    breach(w, c, "upheld", at(2025, 12, 1))
    breach(w, c, "open", None)
    return SimpleNamespace(world=w, c=c, o=o, slot=slot)


EXPECTED_C = {
    "placement_hosted": (5, 10),
    "placement_good": (3, 9),
    "intern_hired": (2, 20),
    "hire_stayed": (2, 10),
    "base_cobuilt": (1, 8),
    "mentor": (2, 2),
    "breach_upheld": (1, -10),
}


def board(user, year=2026) -> dict:
    response = client_for(user).get(POINTS, {"year": year})
    assert response.status_code == 200, response.content
    return response.json()


def rows_by_company(body) -> dict[int, dict]:
    return {r["company"]: r for r in body["rows"]}


def parts(row) -> dict[str, tuple[int, int]]:
    return {p["rule"]: (p["count"], p["points"]) for p in row["breakdown"]}


@pytest.mark.parametrize("rule", RULES)
def test_each_rule_counts_what_the_company_did_in_the_year_times_its_points(pts, rule):
    row = rows_by_company(board(pts.world.analyst))[pts.c.pk]
    assert parts(row)[rule] == EXPECTED_C[rule]


def test_the_total_is_the_sum_of_the_rules_and_the_threshold_marks_eligibility(pts):
    body = board(pts.world.analyst)
    assert body["year"] == 2026 and body["threshold"] == 60
    assert body["note"]  # the platform's own model, not official policy
    rows = rows_by_company(body)
    assert set(rows) == {pts.c.pk, pts.o.pk}
    c, o = rows[pts.c.pk], rows[pts.o.pk]
    assert [p["rule"] for p in c["breakdown"]] == RULES
    assert (c["name"], c["total"], c["eligible"], c["rank"]) == (pts.c.name, 49, False, 1)
    assert (o["name"], o["total"], o["eligible"], o["rank"]) == (pts.o.name, 25, False, 2)
    assert parts(o)["base_cobuilt"] == (3, 24) and parts(o)["mentor"] == (1, 1)


def test_another_year_counts_that_years_work(pts):
    # 2025: P6 and P7 started (2 → 4); P7 ended good (1 → 3); P6's student, a 2025 graduate, was hired by C after
    # completing P6 (1 → 10); H4, a 2024 graduate in Wuhan, was reported after 1 July 2025 (1 → 5); the co-built
    # base (1 → 8); no slot starting in 2025 has a mentor; the breach answered in December 2025 (1 → -10).
    row = rows_by_company(board(pts.world.analyst, year=2025))[pts.c.pk]
    assert parts(row) == {
        "placement_hosted": (2, 4),
        "placement_good": (1, 3),
        "intern_hired": (1, 10),
        "hire_stayed": (1, 5),
        "base_cobuilt": (1, 8),
        "mentor": (0, 0),
        "breach_upheld": (1, -10),
    }
    assert row["total"] == 20


def test_an_analyst_changing_the_points_of_a_rule_changes_the_leaderboard(pts):
    analyst = client_for(pts.world.analyst)
    assert analyst.patch("/api/v1/talent-rules/subsidy_threshold/", {"points": 40}, format="json").status_code == 200
    rows = rows_by_company(board(pts.world.analyst))
    assert rows[pts.c.pk]["eligible"] is True and rows[pts.o.pk]["eligible"] is False

    # Upheld breaches now cost 40: C falls to 49 + 10 - 40 = 19, below O's 25.
    response = analyst.patch("/api/v1/talent-rules/breach_upheld/", {"points": -40}, format="json")
    assert response.status_code == 200, response.content
    body = board(pts.world.analyst)
    assert [(r["company"], r["total"], r["rank"]) for r in body["rows"]] == [(pts.o.pk, 25, 1), (pts.c.pk, 19, 2)]
    assert parts(rows_by_company(body)[pts.c.pk])["breach_upheld"] == (1, -40)
    assert not any(r["eligible"] for r in body["rows"])


def test_company_staff_see_their_own_row_with_the_same_figures(pts):
    analysts = rows_by_company(board(pts.world.analyst))
    mine = board(pts.world.hr.user)["rows"]
    assert [r["company"] for r in mine] == [pts.c.pk]
    assert mine[0]["total"] == analysts[pts.c.pk]["total"] and mine[0]["breakdown"] == analysts[pts.c.pk]["breakdown"]
    # A company that did nothing this year still sees its own (empty) row.
    quiet_hr = f.CompanyMemberFactory(company=f.CompanyFactory(name="尚无积分企业"))
    quiet = board(quiet_hr.user)["rows"]
    assert [(r["company"], r["total"]) for r in quiet] == [(quiet_hr.company_id, 0)]
    # A company still under review does nothing but edit its profile: no leaderboard either.
    assert client_for(pts.world.pending_hr.user).get("/api/v1/talent-points/").status_code == 403


def test_the_talent_points_download_holds_the_leaderboard(pts):
    body = board(pts.world.analyst)
    response = client_for(pts.world.analyst).get(POINTS, {"year": 2026, "format": "xlsx"})
    rows = [list(r) for r in load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True)]
    assert len(rows[0]) == 4 + len(RULES) + 1  # and the demo column, empty: no generated records here
    expected = [
        [r["rank"], r["name"], r["total"], r["eligible"], *(p["points"] for p in r["breakdown"]), None]
        for r in body["rows"]
    ]
    assert rows[1:] == expected


def test_bases_co_built_under_the_full_name_and_under_the_short_name_both_count(pts):
    f.OnCampusBaseFactory(host_institution=pts.world.school, partner_brand=pts.c.name, name="东风汽车实训中心")
    row = rows_by_company(board(pts.world.analyst))[pts.c.pk]
    assert parts(row)["base_cobuilt"] == (2, 16)


def test_a_graduates_unconfirmed_report_earns_the_employer_no_points_until_the_school_confirms_it(pts):
    reporter = new_student(pts.world)
    placement(reporter, pts.slot, started_at=at(2025, 3, 1), ended_at=at(2025, 8, 31), final_grade="good")
    outcome = hire(reporter, pts.c, source="self", confirmed=False)
    assert parts(rows_by_company(board(pts.world.analyst))[pts.c.pk])["intern_hired"] == (2, 20)
    client_for(pts.world.admin.user).post(f"/api/v1/outcomes/{outcome.pk}/confirm/")
    assert parts(rows_by_company(board(pts.world.analyst))[pts.c.pk])["intern_hired"] == (3, 30)


@pytest.mark.parametrize("points", [1001, -1001, "many"])
def test_a_rule_takes_between_minus_and_plus_a_thousand_points(world, points):
    response = client_for(world.analyst).patch("/api/v1/talent-rules/mentor/", {"points": points}, format="json")
    assert response.status_code == 400
    assert "points" in response.json()["fields"]
    assert client_for(world.analyst).get("/api/v1/talent-rules/mentor/").json()["points"] == 1


def test_the_rules_list_every_rule_in_order_with_the_threshold_last(world):
    rules = client_for(world.hr.user).get("/api/v1/talent-rules/").json()
    assert [r["code"] for r in rules] == [*RULES, "subsidy_threshold"]
    assert {r["code"]: r["points"] for r in rules} == {
        "placement_hosted": 2,
        "placement_good": 3,
        "intern_hired": 10,
        "hire_stayed": 5,
        "base_cobuilt": 8,
        "mentor": 1,
        "breach_upheld": -10,
        "subsidy_threshold": 60,
    }
