"""The city analyst's role is for aggregates: figures, reports and exports of figures. No personal record and no
file reaches them. The contract, one per endpoint: every list of personal records answers the analyst with an
empty list, every such record (and its file) with a 404, the placements export with a 403; the reports answer
with their figures as before; institutions, companies and bases stay readable for the reports' filters."""

from __future__ import annotations

import pytest

from alumni.services import outcome_create
from placements.models import BreachReport
from tests import factories as f
from tests.access import client_for, listed_ids

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(world):
    w = world
    slot = f.SlotFactory(company=w.company, base=w.base)
    placement = f.PlacementFactory(student=w.student, slot=slot, status="active")
    document = f.PlacementDocumentFactory(placement=placement, kind="tripartite")
    breach = BreachReport.objects.create(
        student=w.student, institution=w.school, placement=placement, company=w.company, kind="overtime",
        description="每天加班到晚上十点以后。",
    )  # fmt: skip
    certificate = f.StudentCertificateFactory(student=w.student)
    outcome = outcome_create(
        institution=w.school, student=w.student, student_number=w.student.student_number,
        full_name=w.student.full_name, graduation_year=2026, status="employed", work_city="武汉", in_wuhan=True,
        employer=w.company, employer_name=w.company.name, reported_on=f.today(), confirmed=True,
    )  # fmt: skip
    round_ = f.MatchRoundFactory(institution=w.school, slots=[slot], cohorts=[w.cohort])
    return {
        "students": w.student.pk,
        "teachers": w.teacher.pk,
        "cohorts": w.cohort.pk,
        "company-members": w.hr.pk,
        "placements": placement.pk,
        "breach-reports": breach.pk,
        "student-certificates": certificate.pk,
        "outcomes": outcome.pk,
        "match-rounds": round_.pk,
        "_document": document.pk,
    }


PERSONAL = [
    "students",
    "teachers",
    "cohorts",
    "company-members",
    "placements",
    "breach-reports",
    "student-certificates",
    "outcomes",
    "match-rounds",
]


@pytest.mark.parametrize("endpoint", PERSONAL)
def test_the_analyst_lists_no_personal_records(endpoint, world, records):
    assert listed_ids(world.analyst, f"/api/v1/{endpoint}/") == set()
    # The school's own staff still see theirs, so the list is not simply broken.
    staff = world.hr.user if endpoint == "company-members" else world.admin.user
    assert records[endpoint] in listed_ids(staff, f"/api/v1/{endpoint}/")


@pytest.mark.parametrize("endpoint", PERSONAL)
def test_a_personal_record_is_a_404_to_the_analyst(endpoint, world, records):
    assert client_for(world.analyst).get(f"/api/v1/{endpoint}/{records[endpoint]}/").status_code == 404


def test_no_file_reaches_the_analyst(world, records):
    analyst = client_for(world.analyst)
    certificate = records["student-certificates"]
    assert analyst.get(f"/api/v1/student-certificates/{certificate}/scan/").status_code == 404
    assert analyst.get(f"/api/v1/student-certificates/{certificate}/thumbnail/").status_code == 404
    assert analyst.get(f"/api/v1/placement-documents/{records['_document']}/file/").status_code == 404
    assert (
        client_for(world.teacher.user).get(f"/api/v1/placement-documents/{records['_document']}/file/").status_code
        == 200
    )


def test_the_analyst_does_not_export_placements(world, records):
    assert client_for(world.analyst).get("/api/v1/placements/export/").status_code == 403


def test_a_rounds_result_with_students_names_is_not_the_analysts(world, records):
    url = f"/api/v1/match-rounds/{records['match-rounds']}/"
    analyst = client_for(world.analyst)
    assert analyst.get(url + "result/").status_code == 404
    assert analyst.get(url + "verify/").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/stay-report/",
        "/api/v1/stay-report/?format=xlsx",
        "/api/v1/stay-report/conversion/",
        "/api/v1/talent-points/",
        "/api/v1/certificates/report/",
        "/api/v1/certificates/report/?format=xlsx",
        "/api/v1/institutions/",
        "/api/v1/companies/",
        "/api/v1/bases/",
    ],
)
def test_the_analyst_still_reads_figures_and_the_directory_behind_the_filters(url, world, records):
    assert client_for(world.analyst).get(url).status_code == 200


def test_the_stay_report_still_counts_every_school_for_the_analyst(world, records):
    summary = client_for(world.analyst).get("/api/v1/stay-report/").json()["summary"]
    assert summary["graduates"] == 1
    assert summary["stayed"] == 1
