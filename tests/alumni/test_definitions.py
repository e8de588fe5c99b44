"""The Stay-in-Wuhan report against a hand count: a small fixture of eleven confirmed outcomes over three years
and two schools, every figure of the report worked out by hand below and compared to what the API answers, to
its breakdowns, its filters, its trend and flow, and to the XLSX and CSV downloads."""

from __future__ import annotations

import csv
import io
from datetime import date
from types import SimpleNamespace

import pytest
from openpyxl import load_workbook

from alumni.models import GraduateOutcome
from alumni.services import outcome_create
from tests import factories as f
from tests.access import client_for

pytestmark = pytest.mark.django_db

URL = "/api/v1/stay-report/"

# The fixture, one graduate a line (all confirmed by their school):
#
#  name  year school major cohort status         city  district  zone              industry     employer
#  A1    2025 A      M1    C1     employed       武汉  hannan    wedz              汽车制造业   company
#  A2    2025 A      M1    C1b    employed       深圳  -         -                 汽车制造业   other_company
#  A3    2025 A      M2    C2     self_employed  武汉  jiangxia  -                 信息技术服务 -
#  A4    2025 A      M2    C2     further_study
#  A5    2025 A      M1    C1b    unknown
#  A6    2026 A      M1    C1     employed       武汉市 hannan   wedz              汽车制造业   company
#  A7    2026 A      M2    C2     seeking
#  B1    2026 B      M3    C3     employed       武汉  hongshan  east_lake_hitech  信息技术服务 other_company
#  B2    2026 B      M3    C3     employed       上海  -         -                 汽车制造业   (name only)
#  B3    2026 B      M3    C3     military
#  B4    2024 B      M3    C3     employed       武汉  hannan    wedz              汽车制造业   company
#
# Known: all but A5 (10 of 11). Working (employed or self-employed): A1 A2 A3 A6 B1 B2 B4 (7).
# Stayed (working in Wuhan): A1 A3 A6 B1 B4 (5). Knowledge rate 10/11 = 0.9091; retention 5/7 = 0.7143.


def counts(graduates: int, known: int, working: int, stayed: int) -> dict:
    """A row of the report as worked out by hand: the four counts and the two rates they give."""
    return {
        "graduates": graduates,
        "known": known,
        "working": working,
        "stayed": stayed,
        "knowledge_rate": round(known / graduates, 4) if graduates else None,
        "retention": round(stayed / working, 4) if working else None,
    }


def figures(row: dict) -> dict:
    return {k: row[k] for k in ("graduates", "known", "working", "stayed", "knowledge_rate", "retention")}


def make(institution, number, year, status, *, city="", **extra) -> GraduateOutcome:
    return outcome_create(
        institution=institution,
        student_number=number,
        full_name=f"毕业生{number}",
        graduation_year=year,
        status=status,
        work_city=city,
        in_wuhan="武汉" in city,
        reported_on=date(year, 8, 31),
        **extra,
    )


@pytest.fixture
def fx(world):
    a, b = world.school, world.other_school
    m1, c1 = world.major, world.cohort
    c1b = f.CohortFactory(major=m1, name="新能源汽车技术2024级2班")
    m2 = f.MajorFactory(institution=a, code="510201", name="计算机应用技术")
    c2 = f.CohortFactory(major=m2, name="计算机应用技术2024级1班")
    m3 = f.MajorFactory(institution=b, code="460701", name="汽车制造与试验技术")
    c3 = f.CohortFactory(major=m3, name="汽车制造与试验技术2024级1班")
    dongfeng, other = world.company, world.other_company
    car, it = "汽车制造业", "信息技术服务"
    make(
        a,
        "A1",
        2025,
        "employed",
        city="武汉",
        major=m1,
        cohort=c1,
        district="hannan",
        zone="wedz",
        industry=car,
        employer=dongfeng,
        employer_name=dongfeng.name,
    )
    make(
        a,
        "A2",
        2025,
        "employed",
        city="深圳",
        major=m1,
        cohort=c1b,
        industry=car,
        employer=other,
        employer_name=other.name,
    )
    make(a, "A3", 2025, "self_employed", city="武汉", major=m2, cohort=c2, district="jiangxia", industry=it)
    make(a, "A4", 2025, "further_study", major=m2, cohort=c2)
    make(a, "A5", 2025, "unknown", major=m1, cohort=c1b)
    make(
        a,
        "A6",
        2026,
        "employed",
        city="武汉市",
        major=m1,
        cohort=c1,
        district="hannan",
        zone="wedz",
        industry=car,
        employer=dongfeng,
        employer_name=dongfeng.name,
    )
    make(a, "A7", 2026, "seeking", major=m2, cohort=c2)
    make(
        b,
        "B1",
        2026,
        "employed",
        city="武汉",
        major=m3,
        cohort=c3,
        district="hongshan",
        zone="east_lake_hitech",
        industry=it,
        employer=other,
        employer_name=other.name,
    )
    make(b, "B2", 2026, "employed", city="上海", major=m3, cohort=c3, industry=car, employer_name="上海某汽车公司")
    make(b, "B3", 2026, "military", major=m3, cohort=c3)
    make(
        b,
        "B4",
        2024,
        "employed",
        city="武汉",
        major=m3,
        cohort=c3,
        district="hannan",
        zone="wedz",
        industry=car,
        employer=dongfeng,
        employer_name=dongfeng.name,
    )
    return SimpleNamespace(
        world=world, a=a, b=b, m1=m1, m2=m2, m3=m3, c1=c1, c1b=c1b, c2=c2, c3=c3, dongfeng=dongfeng, other=other
    )


def report(user, **params) -> dict:
    response = client_for(user).get(URL, params)
    assert response.status_code == 200, response.content
    return response.json()


def by_key(rows: list[dict]) -> dict:
    return {row["key"]: figures(row) for row in rows}


# -- the definitions ---------------------------------------------------------------------------------------------


def test_the_summary_gives_the_knowledge_rate_the_retention_and_the_stayed_head_count_of_a_hand_count(fx):
    body = report(fx.world.analyst)
    assert figures(body["summary"]) == counts(11, 10, 7, 5)
    assert body["summary"]["knowledge_rate"] == 0.9091
    assert body["summary"]["retention"] == 0.7143
    assert body["years"] == [2024, 2025, 2026]


def test_the_report_states_its_definitions_in_words(fx):
    definitions = {d["key"]: d for d in report(fx.world.analyst)["definitions"]}
    assert set(definitions) == {"knowledge_rate", "retention", "stayed", "conversion"}
    assert all(d["label"] and d["text"] for d in definitions.values())


def test_a_school_admin_gets_the_same_definitions_over_their_own_school_only(fx):
    # School A: A1–A7. Known 6 (not A5); working A1 A2 A3 A6; stayed A1 A3 A6.
    assert figures(report(fx.world.admin.user)["summary"]) == counts(7, 6, 4, 3)
    # School B: B1–B4, all known; working B1 B2 B4; stayed B1 B4.
    assert figures(report(fx.world.other_admin.user)["summary"]) == counts(4, 4, 3, 2)


def test_with_no_graduates_the_rates_are_empty_rather_than_zero(fx):
    body = report(fx.world.analyst, year=2019)
    assert figures(body["summary"]) == counts(0, 0, 0, 0)
    assert body["summary"]["knowledge_rate"] is None and body["summary"]["retention"] is None
    assert body["breakdown"] == [] and body["trend"] == [] and body["flow"] == [] and body["years"] == []


def test_with_graduates_but_nobody_working_the_retention_is_empty(fx):
    # M2 in 2026 is A7 alone, who is seeking work: known, but nobody to divide by.
    body = report(fx.world.analyst, major=fx.m2.pk, year=2026)
    assert figures(body["summary"]) == counts(1, 1, 0, 0)
    assert body["summary"]["retention"] is None


# -- the breakdowns ----------------------------------------------------------------------------------------------


def test_the_breakdown_by_year_matches_the_hand_count(fx):
    body = report(fx.world.analyst, by="year")
    assert body["by"] == "year"
    assert by_key(body["breakdown"]) == {
        2024: counts(1, 1, 1, 1),  # B4
        2025: counts(5, 4, 3, 2),  # A1–A5; A5 unknown; working A1 A2 A3; stayed A1 A3
        2026: counts(5, 5, 3, 2),  # A6 A7 B1 B2 B3; working A6 B1 B2; stayed A6 B1
    }
    assert [row["name"] for row in body["breakdown"]] == [2024, 2025, 2026]


def test_the_breakdown_by_institution_matches_the_hand_count(fx):
    body = report(fx.world.analyst, by="institution")
    assert by_key(body["breakdown"]) == {fx.a.pk: counts(7, 6, 4, 3), fx.b.pk: counts(4, 4, 3, 2)}
    assert {row["key"]: row["name"] for row in body["breakdown"]} == {fx.a.pk: fx.a.name, fx.b.pk: fx.b.name}


def test_the_report_is_broken_down_by_institution_unless_told_otherwise(fx):
    body = report(fx.world.analyst)
    assert body["by"] == "institution"
    assert by_key(body["breakdown"]) == by_key(report(fx.world.analyst, by="institution")["breakdown"])


def test_the_breakdown_by_major_matches_the_hand_count(fx):
    body = report(fx.world.analyst, by="major")
    assert by_key(body["breakdown"]) == {
        fx.m1.pk: counts(4, 3, 3, 2),  # A1 A2 A5 A6; working A1 A2 A6; stayed A1 A6
        fx.m2.pk: counts(3, 3, 1, 1),  # A3 A4 A7; A3 works in Wuhan
        fx.m3.pk: counts(4, 4, 3, 2),  # B1–B4
    }
    assert {row["name"] for row in body["breakdown"]} == {fx.m1.name, fx.m2.name, fx.m3.name}


def test_the_breakdown_by_cohort_matches_the_hand_count(fx):
    body = report(fx.world.analyst, by="cohort")
    assert by_key(body["breakdown"]) == {
        fx.c1.pk: counts(2, 2, 2, 2),  # A1 A6
        fx.c1b.pk: counts(2, 1, 1, 0),  # A2 (Shenzhen) A5 (unknown)
        fx.c2.pk: counts(3, 3, 1, 1),  # A3 A4 A7
        fx.c3.pk: counts(4, 4, 3, 2),  # B1–B4
    }
    assert by_key(body["breakdown"])[fx.c1b.pk]["retention"] == 0.0


def test_the_breakdown_by_district_matches_the_hand_count_and_names_the_districts(fx):
    body = report(fx.world.analyst, by="district")
    assert by_key(body["breakdown"]) == {
        "hannan": counts(3, 3, 3, 3),  # A1 A6 B4
        "jiangxia": counts(1, 1, 1, 1),  # A3
        "hongshan": counts(1, 1, 1, 1),  # B1
        "": counts(6, 5, 2, 0),  # A2 A4 A5 A7 B2 B3; working A2 B2, both outside Wuhan
    }
    names = {row["key"]: row["name"] for row in body["breakdown"]}
    assert names == {"hannan": "汉南区", "jiangxia": "江夏区", "hongshan": "洪山区", "": "—"}


def test_the_breakdown_by_zone_matches_the_hand_count(fx):
    body = report(fx.world.analyst, by="zone")
    assert by_key(body["breakdown"]) == {
        "wedz": counts(3, 3, 3, 3),  # A1 A6 B4
        "east_lake_hitech": counts(1, 1, 1, 1),  # B1
        "": counts(7, 6, 3, 1),  # A2 A3 A4 A5 A7 B2 B3; working A2 A3 B2; stayed A3
    }
    names = {row["key"]: row["name"] for row in body["breakdown"]}
    assert names == {"wedz": "武汉经济技术开发区", "east_lake_hitech": "东湖新技术开发区", "": "—"}


def test_the_breakdown_by_industry_matches_the_hand_count(fx):
    body = report(fx.world.analyst, by="industry")
    assert by_key(body["breakdown"]) == {
        "汽车制造业": counts(5, 5, 5, 3),  # A1 A2 A6 B2 B4; stayed A1 A6 B4
        "信息技术服务": counts(2, 2, 2, 2),  # A3 B1
        "": counts(4, 3, 0, 0),  # A4 A5 A7 B3: nobody working, so no retention
    }
    assert by_key(body["breakdown"])[""]["retention"] is None


def test_the_breakdown_by_employer_matches_the_hand_count(fx):
    body = report(fx.world.analyst, by="employer")
    assert by_key(body["breakdown"]) == {
        fx.dongfeng.pk: counts(3, 3, 3, 3),  # A1 A6 B4
        fx.other.pk: counts(2, 2, 2, 1),  # A2 (Shenzhen) B1 (Wuhan)
        None: counts(6, 5, 2, 1),  # no employer on the platform: A3 A4 A5 A7 B2 B3; working A3 B2
    }
    names = {row["key"]: row["name"] for row in body["breakdown"]}
    assert names == {fx.dongfeng.pk: fx.dongfeng.name, fx.other.pk: fx.other.name, None: "—"}


@pytest.mark.parametrize("by", ["year", "institution", "major", "cohort", "district", "zone", "industry", "employer"])
def test_every_breakdown_adds_up_to_the_summary(fx, by):
    body = report(fx.world.analyst, by=by)
    for name in ("graduates", "known", "working", "stayed"):
        assert sum(row[name] for row in body["breakdown"]) == body["summary"][name], name
    assert body["rest"] is None  # every row shown


def test_the_page_shows_the_largest_rows_and_sums_the_rest_while_the_export_has_every_row(fx, settings):
    settings.STAY_BREAKDOWN_ROWS = 1
    body = report(fx.world.analyst, by="employer")
    # The row with the most graduates (the six with no employer on the platform), then the two others summed.
    assert [row["key"] for row in body["breakdown"]] == [None]
    assert figures(body["rest"]) == counts(5, 5, 5, 4)  # Dongfeng's 3 and the other company's 2
    assert body["rest"]["rows"] == 2
    assert by_key(body["breakdown"])[None] == counts(6, 5, 2, 1)

    settings.STAY_BREAKDOWN_ROWS = 2
    body = report(fx.world.analyst, by="employer")
    assert [row["key"] for row in body["breakdown"]] == [None, fx.dongfeng.pk]  # the largest first
    assert figures(body["rest"]) == counts(2, 2, 2, 1) and body["rest"]["rows"] == 1

    settings.STAY_BREAKDOWN_ROWS = 3  # as many as there are: all of them, in key order, nothing summed
    body = report(fx.world.analyst, by="employer")
    assert len(body["breakdown"]) == 3 and body["rest"] is None

    settings.STAY_BREAKDOWN_ROWS = 1
    response = client_for(fx.world.analyst).get(URL, {"by": "employer", "format": "csv", "table": "breakdown"})
    assert response.status_code == 200
    lines = response.content.decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 1 + 3  # the header and every employer row


def test_an_unknown_breakdown_is_refused(fx):
    response = client_for(fx.world.analyst).get(URL, {"by": "gender"})
    assert response.status_code == 400
    assert "by" in response.json()["fields"]


# -- filters -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"year": [2024, 2025]}, counts(6, 5, 4, 3)),  # B4 + A1–A5
        ({"year": [2024, 2026]}, counts(6, 6, 4, 3)),  # B4 + A6 A7 B1 B2 B3
        ({"year": [2025, 2026], "institution": "A"}, counts(7, 6, 4, 3)),  # A1–A7
        ({"year": [2025, 2026], "institution": "A", "district": "hannan"}, counts(2, 2, 2, 2)),  # A1 A6
        ({"year": [2024, 2026], "industry": "汽车制造业"}, counts(3, 3, 3, 2)),  # A6 B2 B4
        ({"institution": "B", "zone": "wedz"}, counts(1, 1, 1, 1)),  # B4
        ({"major": "M1", "cohort": "C1b"}, counts(2, 1, 1, 0)),  # A2 A5
        ({"employer": "other", "year": [2026]}, counts(1, 1, 1, 1)),  # B1
        ({"employer": "dongfeng", "institution": "A", "year": [2024]}, counts(0, 0, 0, 0)),
        ({"district": "hannan", "zone": "wedz", "industry": "汽车制造业", "employer": "dongfeng"}, counts(3, 3, 3, 3)),
    ],
)
def test_filters_compose(fx, params, expected):
    ids = {
        "A": fx.a.pk,
        "B": fx.b.pk,
        "M1": fx.m1.pk,
        "C1b": fx.c1b.pk,
        "dongfeng": fx.dongfeng.pk,
        "other": fx.other.pk,
    }
    query = {k: ids.get(v, v) if isinstance(v, str) else v for k, v in params.items()}
    body = report(fx.world.analyst, **query)
    assert figures(body["summary"]) == expected
    # The breakdown, the trend and the flow are of the same filtered graduates.
    for table in (body["breakdown"], body["trend"]):
        assert sum(row["graduates"] for row in table) == expected["graduates"]
    assert sum(link["value"] for link in body["flow"]) == expected["stayed"]


def test_a_filtered_breakdown_counts_only_the_filtered_graduates(fx):
    body = report(fx.world.analyst, by="district", year=[2025, 2026], institution=fx.a.pk)
    assert by_key(body["breakdown"]) == {
        "hannan": counts(2, 2, 2, 2),  # A1 A6
        "jiangxia": counts(1, 1, 1, 1),  # A3
        "": counts(4, 3, 1, 0),  # A2 A4 A5 A7
    }
    assert body["years"] == [2025, 2026]


def test_a_school_admin_cannot_filter_their_way_into_another_school(fx):
    body = report(fx.world.admin.user, institution=fx.b.pk)
    assert figures(body["summary"]) == counts(0, 0, 0, 0)


# -- unconfirmed outcomes ----------------------------------------------------------------------------------------


def test_a_self_report_counts_only_once_the_school_confirms_it(fx):
    world = fx.world
    student = client_for(world.student.user)
    response = student.post(
        "/api/v1/outcomes/self-report/",
        {
            "graduation_year": 2026,
            "status": "employed",
            "employer_name": fx.dongfeng.name,
            "employer_credit_code": fx.dongfeng.credit_code,
            "work_city": "武汉",
            "district": "hannan",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    outcome_id = response.json()["id"]
    assert response.json()["confirmed"] is False

    # Unconfirmed: not in the summary, the breakdowns, the trend or the flow, for the analyst or the school.
    assert figures(report(world.analyst)["summary"]) == counts(11, 10, 7, 5)
    assert figures(report(world.admin.user)["summary"]) == counts(7, 6, 4, 3)
    body = report(world.analyst, by="employer")
    assert by_key(body["breakdown"])[fx.dongfeng.pk] == counts(3, 3, 3, 3)
    assert by_key(body["trend"])[2026] == counts(5, 5, 3, 2)
    flow = {(link["source"], link["target"]): link["value"] for link in body["flow"]}
    assert flow[(fx.a.name, "汉南区")] == 2

    confirmed = client_for(world.admin.user).post(f"/api/v1/outcomes/{outcome_id}/confirm/")
    assert confirmed.status_code == 200, confirmed.content

    assert figures(report(world.analyst)["summary"]) == counts(12, 11, 8, 6)
    body = report(world.analyst, by="employer")
    assert by_key(body["breakdown"])[fx.dongfeng.pk] == counts(4, 4, 4, 4)
    assert by_key(body["trend"])[2026] == counts(6, 6, 4, 3)
    flow = {(link["source"], link["target"]): link["value"] for link in body["flow"]}
    assert flow[(fx.a.name, "汉南区")] == 3


def test_an_unconfirmed_record_made_in_the_database_is_left_out_too(fx):
    make(
        fx.a,
        "U1",
        2026,
        "employed",
        city="武汉",
        district="hannan",
        employer=fx.dongfeng,
        confirmed=False,
        source="self",
    )
    assert figures(report(fx.world.analyst)["summary"]) == counts(11, 10, 7, 5)


# -- trend and flow ----------------------------------------------------------------------------------------------


def test_the_trend_runs_over_the_years_in_order_whatever_the_breakdown(fx):
    body = report(fx.world.analyst, by="district")
    assert [row["key"] for row in body["trend"]] == [2024, 2025, 2026]
    assert by_key(body["trend"]) == {
        2024: counts(1, 1, 1, 1),
        2025: counts(5, 4, 3, 2),
        2026: counts(5, 5, 3, 2),
    }
    assert [row["retention"] for row in body["trend"]] == [1.0, 0.6667, 0.6667]


def test_the_flow_runs_from_each_institution_to_the_districts_where_its_graduates_stayed(fx):
    flow = {(link["source"], link["target"]): link["value"] for link in report(fx.world.analyst)["flow"]}
    assert flow == {
        (fx.a.name, "汉南区"): 2,  # A1 A6
        (fx.a.name, "江夏区"): 1,  # A3
        (fx.b.name, "汉南区"): 1,  # B4
        (fx.b.name, "洪山区"): 1,  # B1
    }


def test_a_graduate_who_stayed_without_a_district_flows_to_district_unknown(fx):
    make(fx.b, "B5", 2026, "self_employed", city="武汉")
    flow = report(fx.world.analyst)["flow"]
    unknown = [link for link in flow if link["source"] == fx.b.name and link["target"] not in ("汉南区", "洪山区")]
    assert len(unknown) == 1 and unknown[0]["value"] == 1
    assert unknown[0]["target"]  # labelled, never blank


# -- the downloads -----------------------------------------------------------------------------------------------

# the last column marks a row that counts generated demo outcomes (演示数据); empty otherwise
COLUMNS = ["name", "graduates", "known", "knowledge_rate", "working", "stayed", "retention", "demo"]


def cells(row: dict) -> list:
    """A JSON row as its download holds it."""
    return [("演示数据" if row[c] else None) if c == "demo" else row[c] for c in COLUMNS]


def xlsx_rows(response) -> list[list]:
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response.content[:2] == b"PK"
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf"), "CSV starts with a UTF-8 byte order mark for Excel"
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def as_csv(value) -> str:
    return "" if value is None else str(value)


@pytest.mark.parametrize("by", ["year", "institution", "major", "cohort", "district", "zone", "industry", "employer"])
def test_the_xlsx_and_csv_breakdowns_hold_the_numbers_of_the_json(fx, by):
    client = client_for(fx.world.analyst)
    body = report(fx.world.analyst, by=by)
    expected = [cells(row) for row in body["breakdown"]]

    workbook = xlsx_rows(client.get(URL, {"by": by, "format": "xlsx"}))
    assert len(workbook[0]) == len(COLUMNS)
    assert [[None if v in (None, "") else v for v in row] for row in workbook[1:]] == [
        [None if v in (None, "") else v for v in row] for row in expected
    ]

    table = csv_rows(client.get(URL, {"by": by, "format": "csv"}))
    assert table[0] == [str(h) for h in workbook[0]]  # the same headers
    assert table[1:] == [[as_csv(v) for v in row] for row in expected]


def test_the_trend_downloads_hold_the_numbers_of_the_json_trend(fx):
    client = client_for(fx.world.analyst)
    expected = [cells(row) for row in report(fx.world.analyst)["trend"]]
    assert expected[0][:3] == [2024, 1, 1]
    assert xlsx_rows(client.get(URL, {"format": "xlsx", "table": "trend"}))[1:] == expected
    assert csv_rows(client.get(URL, {"format": "csv", "table": "trend"}))[1:] == [
        [as_csv(v) for v in row] for row in expected
    ]


def test_the_flow_downloads_hold_the_links_of_the_json_flow(fx):
    client = client_for(fx.world.analyst)
    expected = [[link["source"], link["target"], link["value"], None] for link in report(fx.world.analyst)["flow"]]
    assert len(expected) == 4
    assert xlsx_rows(client.get(URL, {"format": "xlsx", "table": "flow"}))[1:] == expected
    assert csv_rows(client.get(URL, {"format": "csv", "table": "flow"}))[1:] == [
        [as_csv(v) for v in row] for row in expected
    ]


def test_a_download_applies_the_same_filters_as_the_page(fx):
    client = client_for(fx.world.analyst)
    params = {"by": "district", "year": [2025, 2026], "institution": fx.a.pk}
    expected = [[as_csv(v) for v in cells(row)] for row in report(fx.world.analyst, **params)["breakdown"]]
    assert len(expected) == 3
    assert csv_rows(client.get(URL, {**params, "format": "csv"}))[1:] == expected


def test_a_school_admins_download_holds_their_school_only(fx):
    rows = xlsx_rows(client_for(fx.world.admin.user).get(URL, {"by": "institution", "format": "xlsx"}))[1:]
    assert rows == [[fx.a.name, 7, 6, round(6 / 7, 4), 4, 3, 0.75, None]]
