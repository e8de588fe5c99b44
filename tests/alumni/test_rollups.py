"""The report's aggregates against the raw query: random outcomes (every dimension, with nulls and blanks,
demo and not, confirmed and not), written, changed and deleted through the outcome writer, then random filter
combinations: every number of the report (summary, each breakdown from every rollup that can answer it, trend,
flow, conversion by company and by base) equals the raw query's; and the drift check and rebuild."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alumni import report, rollups
from alumni.models import GraduateOutcome, OutcomeStatus
from alumni.services import outcome_create, outcome_delete, outcome_store
from tests import factories as f
from tests.access import client_for

pytestmark = pytest.mark.django_db

YEARS = [2024, 2025, 2026]
DISTRICTS = ["", "hannan", "hongshan"]
ZONES = ["", "wedz"]
INDUSTRIES = ["", "汽车制造业", "a|b", "a"]  # '|' in a value must not make two keys one

outcomes_st = st.fixed_dictionaries({
    "institution": st.integers(0, 1),
    "major": st.sampled_from([None, 0, 1, 2]),
    "cohort": st.sampled_from([None, 0, 1]),
    "graduation_year": st.sampled_from(YEARS),
    "status": st.sampled_from(OutcomeStatus.values),
    "in_wuhan": st.booleans(),
    "district": st.sampled_from(DISTRICTS),
    "zone": st.sampled_from(ZONES),
    "industry": st.sampled_from(INDUSTRIES),
    "employer": st.sampled_from([None, 0, 1]),
    "student": st.sampled_from([None, 0, 1, 2, 3]),
    "confirmed": st.booleans(),
    "is_demo": st.booleans(),
})  # fmt: skip
filters_st = st.fixed_dictionaries(
    {},
    optional={
        "year": st.lists(st.sampled_from(YEARS), min_size=1, max_size=2, unique=True),
        "institution": st.integers(0, 1),
        "major": st.integers(0, 2),
        "cohort": st.integers(0, 1),
        "employer": st.integers(0, 1),
        "district": st.sampled_from(DISTRICTS[1:]),
        "zone": st.just("wedz"),
        "industry": st.sampled_from(INDUSTRIES[1:]),
    },
)
# Changes after the first write: (which outcome, new values or None to delete it).
changes_st = st.lists(st.tuples(st.integers(0, 30), st.one_of(st.none(), outcomes_st)), max_size=6)


@pytest.fixture
def dims(world):
    """The things outcomes point at: two schools, three majors, two classes, two employers, four students on
    the platform, and completed placements (some at the employers that hire them, one at the other)."""
    a, b = world.school, world.other_school
    majors = [world.major, f.MajorFactory(institution=a, code="510201"), f.MajorFactory(institution=b, code="460701")]
    cohorts = [world.cohort, f.CohortFactory(major=majors[2])]
    companies = [world.company, world.other_company]
    students = [world.student, world.classmate, f.StudentFactory(institution=b, cohort=cohorts[1])]
    students.append(f.StudentFactory(institution=a, cohort=world.cohort))
    slots = [f.SlotFactory(company=world.company, base=world.base), f.SlotFactory(company=world.other_company,
                                                                                   base=world.other_base)]  # fmt: skip
    for student, slot in zip(students, [slots[0], slots[0], slots[1], slots[1]], strict=True):
        f.PlacementFactory(student=student, slot=slot, status="completed")
    return {"institution": [a, b], "major": majors, "cohort": cohorts, "employer": companies, "student": students}


def write(dims: dict, number: int, values: dict, outcome: GraduateOutcome | None = None) -> GraduateOutcome:
    fields = dict(values)
    for name in ("institution", "major", "cohort", "employer", "student"):
        index = fields.pop(name)
        fields[name] = None if index is None else dims[name][index]
    if outcome is None:
        return outcome_create(student_number=f"N{number}", full_name=f"毕业生{number}", reported_on=date(2026, 8, 31),
                              **fields)  # fmt: skip
    for name, value in fields.items():
        setattr(outcome, name, value)
    return outcome_store(outcome=outcome)


def params_of(dims: dict, filters: dict) -> dict:
    params = dict(filters)
    for name in ("institution", "major", "cohort", "employer"):
        if name in params:
            params[name] = dims[name][params[name]].pk
    return params


def assert_report_matches(dims: dict, params: dict, school_ids) -> None:
    raw = GraduateOutcome.objects.filter(confirmed=True)
    if school_ids is not None:
        raw = raw.filter(institution_id__in=school_ids)
    raw = report.apply_filters(raw, params)
    wanted = report.filtered_dims(params) | ({"institution"} if school_ids is not None else set())
    for by in report.BREAKDOWNS:
        expected = report.breakdown(raw, by)
        for table in rollups.ROLLUPS:
            if wanted | {by} <= table.dims:
                qs = table.model.objects.all()
                if school_ids is not None:
                    qs = qs.filter(institution_id__in=school_ids)
                assert report.breakdown(report.apply_filters(qs, params), by) == expected, (by, table.model, params)
        figures = report.stay_figures(params=params, by=by, school_ids=school_ids)
        assert figures["breakdown"] == expected
        assert figures["trend"] == report.breakdown(raw, "year")
        assert report.summary_from(figures["trend"]) == report.summary(raw)
        assert figures["flow"] == report.flow(raw)
        assert figures["includes_demo"] == raw.filter(is_demo=True).exists()


def assert_conversion_matches(dims: dict, params: dict, scope: str) -> None:
    raw = GraduateOutcome.objects.filter(confirmed=True)
    school_ids = company_ids = None
    if scope == "school":
        school_ids = {dims["institution"][0].pk}
        raw = raw.filter(institution_id__in=school_ids)
    elif scope == "company":
        company_ids = {dims["employer"][0].pk}
    expected = report.conversion(report.apply_filters(raw, params), company_ids=company_ids, school_ids=school_ids)
    got = report.conversion_figures(params=params, school_ids=school_ids, company_ids=company_ids)
    assert got == expected, (params, scope)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    outcomes=st.lists(outcomes_st, max_size=25),
    changes=changes_st,
    filters=st.lists(filters_st, min_size=1, max_size=3),
    scope=st.sampled_from(["analyst", "school", "company"]),
)
def test_every_figure_from_the_aggregates_equals_the_raw_query(dims, outcomes, changes, filters, scope):
    with transaction.atomic():
        written = [write(dims, n, values) for n, values in enumerate(outcomes)]
        for index, values in changes:
            if not written:
                break
            outcome = written[index % len(written)]
            if outcome.pk is None:
                continue
            if values is None:
                outcome_delete(outcome=outcome)
            else:
                write(dims, 0, values, GraduateOutcome.objects.get(pk=outcome.pk))
        assert rollups.drift() == {table.model.__name__: [] for table in rollups.TABLES}
        school_ids = {dims["institution"][0].pk} if scope == "school" else None
        for chosen in filters:
            params = params_of(dims, chosen)
            assert_report_matches(dims, params, school_ids)
            assert_conversion_matches(dims, params, scope)
        transaction.set_rollback(True)


def test_the_report_says_when_generated_demo_outcomes_are_among_its_figures(world):
    common = {
        "institution": world.school,
        "graduation_year": 2025,
        "status": "unknown",
        "reported_on": date(2025, 8, 31),
    }
    outcome_create(student_number="R1", full_name="真实毕业生", **common)
    body = client_for(world.analyst).get("/api/v1/stay-report/").json()
    assert body["includes_demo"] is False
    outcome_create(student_number="D1", full_name="演示毕业生", is_demo=True, **common)
    body = client_for(world.analyst).get("/api/v1/stay-report/").json()
    assert body["includes_demo"] is True
    assert body["summary"]["graduates"] == 2
    other_school = client_for(world.other_admin.user).get("/api/v1/stay-report/").json()
    assert other_school["includes_demo"] is False


def test_the_drift_check_finds_a_change_made_around_the_writer_and_the_rebuild_mends_it(world, capsys):
    outcome = outcome_create(institution=world.school, student_number="X1", full_name="毕业生", graduation_year=2025,
                             status="employed", work_city="武汉", in_wuhan=True, district="hannan",
                             reported_on=date(2025, 8, 31))  # fmt: skip
    call_command("stay_rollups", "--check")
    assert "StayByCohort: no drift" in capsys.readouterr().out

    GraduateOutcome.objects.filter(pk=outcome.pk).update(status="seeking")  # not through the writer
    with pytest.raises(CommandError, match="drift"):
        call_command("stay_rollups", "--check")
    out = capsys.readouterr().out
    assert "StayByCohort: 1 keys drift" in out
    assert "StayHire: no drift" in out

    call_command("stay_rollups", "--rebuild")
    call_command("stay_rollups", "--check")
    body = client_for(world.analyst).get("/api/v1/stay-report/").json()
    assert (body["summary"]["working"], body["summary"]["stayed"]) == (0, 0)


def test_a_deleted_outcome_leaves_the_report_and_no_empty_rows_behind(world):
    outcome = outcome_create(institution=world.school, student_number="X1", full_name="毕业生", graduation_year=2025,
                             status="unknown", reported_on=date(2025, 8, 31))  # fmt: skip
    assert client_for(world.analyst).get("/api/v1/stay-report/").json()["summary"]["graduates"] == 1
    outcome_delete(outcome=outcome)
    assert client_for(world.analyst).get("/api/v1/stay-report/").json()["summary"]["graduates"] == 0
    for table in rollups.TABLES:
        assert not table.model.objects.exists()
