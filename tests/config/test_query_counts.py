"""List endpoints run a fixed number of queries whatever the page size: no query per row (N+1)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from companies.models import JobCluster
from tests import factories as f
from tests.access import client_for

pytestmark = pytest.mark.django_db


def queries_for(client: APIClient, url: str, page_size: int) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, {"page_size": page_size})
    assert response.status_code == 200, response.content
    assert len(response.json()["results"]) == page_size
    return len(captured.captured_queries)


def assert_fixed_queries(client: APIClient, url: str, make_rows: Callable[[int], None], expected: int) -> None:
    make_rows(5)
    client.get(url)  # warm the per-process caches (content types, translations) outside the count
    small = queries_for(client, url, 5)
    make_rows(25)
    large = queries_for(client, url, 30)
    assert (small, large) == (expected, expected)


@pytest.fixture
def school():
    return f.InstitutionFactory(name="查询学院")


@pytest.fixture
def admin_client(school) -> APIClient:
    admin = f.TeacherFactory(institution=school, role="admin")
    client = client_for(admin.user)
    return client


def test_the_base_list_runs_a_fixed_number_of_queries(school):
    clusters = list(JobCluster.objects.all())
    viewer = f.UserFactory()
    client = client_for(viewer)

    def make_rows(n: int) -> None:
        for i in range(n):
            if i % 2:
                base = f.OnCampusBaseFactory(host_institution=school)
            else:
                base = f.OffCampusBaseFactory(clusters=["production", "rd"])
            base.job_clusters.set(clusters[: 1 + i % 3])
            base.institutions.add(school)

    # session, user, 3 for the viewer's memberships, count, page, 2 prefetches (job clusters, institutions)
    assert_fixed_queries(client, "/api/v1/bases/", make_rows, expected=9)


def test_the_company_list_runs_a_fixed_number_of_queries():
    viewer = f.UserFactory()
    client = client_for(viewer)

    def make_rows(n: int) -> None:
        for _ in range(n):
            company = f.CompanyFactory()
            f.OffCampusBaseFactory(company=company)
            f.CompanyMemberFactory(company=company)

    assert_fixed_queries(client, "/api/v1/companies/", make_rows, expected=7)


def test_the_student_list_runs_a_fixed_number_of_queries_for_a_school_admin(school, admin_client):
    cohort = f.CohortFactory(major=f.MajorFactory(institution=school))
    advisor = f.TeacherFactory(institution=school)

    def make_rows(n: int) -> None:
        for i in range(n):
            f.StudentFactory(
                institution=school, cohort=cohort, advisor=advisor, user=f.UserFactory() if i % 2 else None
            )

    assert_fixed_queries(admin_client, "/api/v1/students/", make_rows, expected=7)


def test_the_teacher_list_runs_a_fixed_number_of_queries(school, admin_client):
    cohort = f.CohortFactory(major=f.MajorFactory(institution=school))

    def make_rows(n: int) -> None:
        for _ in range(n):
            teacher = f.TeacherFactory(institution=school)
            f.StudentFactory(institution=school, cohort=cohort, advisor=teacher)

    # The admin's own teacher record is listed too, so 5 + 1 rows exist for the first count.
    assert_fixed_queries(admin_client, "/api/v1/teachers/", make_rows, expected=7)


def test_the_cohort_list_runs_a_fixed_number_of_queries(school, admin_client):
    major = f.MajorFactory(institution=school)

    def make_rows(n: int) -> None:
        for _ in range(n):
            cohort = f.CohortFactory(major=major)
            f.StudentFactory(institution=school, cohort=cohort)

    assert_fixed_queries(admin_client, "/api/v1/cohorts/", make_rows, expected=7)
