"""Graduate jobs in the staff search (issue 18): each role finds the jobs its jobs page lists it, and no more —
school staff and the city's analysts the open jobs, a company's staff their own company's jobs (drafts and closed
ones too), never another company's draft; the "more" link opens the jobs page with the search applied."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from careers.models import Job
from tests import factories as f
from tests.access import client_for

pytestmark = pytest.mark.django_db


def make_job(company, title: str, status: str = "open") -> Job:
    return Job.objects.create(
        company=company, title=title, district="hannan", salary_min=5000, salary_max=7000, headcount=2,
        closing_date=f.days_from_today(30), status=status,
    )  # fmt: skip


def found(user, q: str) -> dict:
    response = client_for(user).get("/api/v1/search/", {"q": q})
    assert response.status_code == 200, response.content
    return {g["kind"]: g for g in response.json()["groups"]}.get("jobs", {"total": 0, "results": []})


@pytest.fixture
def jobs(world):
    return {
        "open": make_job(world.company, "电池包装调技术员"),
        "draft": make_job(world.company, "电池检测技术员（草稿）", status="draft"),
        "other_open": make_job(world.other_company, "电池售后技师"),
        "other_draft": make_job(world.other_company, "电池工艺员（草稿）", status="draft"),
    }


def test_teacher_finds_open_jobs_of_every_company_and_no_draft(world, jobs):
    group = found(world.user("teacher"), "电池")
    assert {r["id"] for r in group["results"]} == {jobs["open"].pk, jobs["other_open"].pk}
    assert group["total"] == 2
    row = next(r for r in group["results"] if r["id"] == jobs["open"].pk)
    assert row["url"] == f"/careers/jobs/{jobs['open'].pk}"
    assert world.company.name in row["subtitle"] or (world.company.short_name or "") in row["subtitle"]
    more = urlsplit(group["more"])
    assert more.path == "/careers/jobs" and parse_qs(more.query) == {"search": ["电池"]}


def test_company_hr_finds_its_own_jobs_drafts_included_and_not_another_companys(world, jobs):
    group = found(world.user("hr"), "电池")
    assert {r["id"] for r in group["results"]} == {jobs["open"].pk, jobs["draft"].pk}
    assert parse_qs(urlsplit(group["more"]).query) == {"search": ["电池"], "mine": ["true"]}
    other = found(world.user("other_hr"), "电池")
    assert {r["id"] for r in other["results"]} == {jobs["other_open"].pk, jobs["other_draft"].pk}


def test_the_analyst_finds_open_jobs_by_company_name(world, jobs):
    group = found(world.user("analyst"), world.other_company.name)
    assert [r["id"] for r in group["results"]] == [jobs["other_open"].pk]


def test_a_closed_job_leaves_the_school_search_as_it_leaves_the_jobs_page(world, jobs):
    Job.objects.filter(pk=jobs["other_open"].pk).update(status="closed")
    assert {r["id"] for r in found(world.user("admin"), "电池")["results"]} == {jobs["open"].pk}


def test_students_still_get_no_header_search(world, jobs):
    assert client_for(world.student.user).get("/api/v1/search/", {"q": "电池"}).status_code == 403
