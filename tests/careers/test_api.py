"""The careers API end to end: HR posts and publishes a job, a final-year student applies, HR proposes an interview,
the student picks it and downloads the .ics, HR offers, the student accepts, the school confirms the outcome; an
illegal move is a translated 409; a company reads only the résumé parts shared with it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests import factories as f
from tests.access import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def finalist(world):
    return f.StudentFactory(
        institution=world.school, cohort=world.cohort, entry_year=f.entry_year(3), user=f.UserFactory()
    )


def post_job(world) -> dict:
    hr = client_for(world.hr.user)
    job = hr.post(
        "/api/v1/jobs/",
        {"title": "新能源汽车售后技师", "district": "jiangxia", "salary_min": 5000, "salary_max": 8000,
         "headcount": 2, "closing_date": f.days_from_today(20).isoformat(), "majors": [world.major.pk]},
        format="json",
    )  # fmt: skip
    assert job.status_code == 201, job.json()
    assert job.json()["status"] == "draft"
    published = hr.post(f"/api/v1/jobs/{job.json()['id']}/publish/")
    assert published.status_code == 200 and published.json()["status"] == "open"
    return published.json()


def test_the_whole_path_through_the_api(world, finalist):
    job = post_job(world)
    student, hr, admin = client_for(finalist.user), client_for(world.hr.user), client_for(world.admin.user)
    listed = student.get("/api/v1/jobs/").json()["results"]
    assert [j["id"] for j in listed] == [job["id"]]
    applied = student.post("/api/v1/job-applications/", {"job": job["id"], "note": "期待加入"}, format="json")
    assert applied.status_code == 201, applied.json()
    app_id = applied.json()["id"]
    assert applied.json()["moves"] == ["withdraw"]
    times = [(timezone.now() + timedelta(days=d)).isoformat() for d in (2, 3)]
    proposed = hr.post(
        f"/api/v1/job-applications/{app_id}/interview/", {"times": times, "location": "江夏区金港新区"}, format="json"
    )
    assert proposed.status_code == 201, proposed.json()
    assert proposed.json()["stage"] == "interview"
    interview = proposed.json()["interviews"][0]
    picked = student.post(f"/api/v1/interviews/{interview['id']}/pick/", {"slot": interview["slots"][0]["id"]})
    assert picked.status_code == 200 and picked.json()["status"] == "scheduled"
    ics = hr.get(f"/api/v1/interviews/{interview['id']}/ics/")
    assert ics.status_code == 200 and ics["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VEVENT" in ics.content
    offered = hr.post(
        f"/api/v1/job-applications/{app_id}/offer/", {"start_date": f.days_from_today(60).isoformat()}, format="json"
    )
    assert offered.status_code == 200 and offered.json()["stage"] == "offered"
    assert student.get(f"/api/v1/job-applications/{app_id}/").json()["moves"] == ["accept", "decline"]
    accepted = student.post(f"/api/v1/job-applications/{app_id}/accept/")
    assert accepted.status_code == 200 and accepted.json()["stage"] == "accepted"
    outcome_id = accepted.json()["outcome"]
    assert accepted.json()["outcome_confirmed"] is False
    waiting = admin.get("/api/v1/outcomes/", {"confirmed": "false"}).json()["results"]
    assert outcome_id in [o["id"] for o in waiting]
    confirmed = admin.post(f"/api/v1/outcomes/{outcome_id}/confirm/")
    assert confirmed.status_code == 200 and confirmed.json()["confirmed"] is True


def test_an_illegal_move_is_a_translated_conflict(world, finalist):
    job = post_job(world)
    student = client_for(finalist.user)
    app_id = student.post("/api/v1/job-applications/", {"job": job["id"]}, format="json").json()["id"]
    zh = student.post(f"/api/v1/job-applications/{app_id}/accept/")
    assert zh.status_code == 409 and zh.json()["code"] == "illegal_stage_move"
    en = client_for(finalist.user, language="en").post(f"/api/v1/job-applications/{app_id}/accept/")
    assert en.status_code == 409
    assert "Submitted" in str(en.json()) and "Offer accepted" in str(en.json())


def test_company_reads_only_the_shared_parts_of_the_resume(world, finalist):
    job = post_job(world)
    student = client_for(finalist.user)
    saved = student.patch(
        "/api/v1/resume/",
        {"statement": "三年电池检测经验", "phone": "13900000000", "skills": ["高压安全"], "visibility": "applied",
         "shared_sections": ["statement"]},
        format="json",
    )  # fmt: skip
    assert saved.status_code == 200, saved.json()
    app_id = student.post("/api/v1/job-applications/", {"job": job["id"]}, format="json").json()["id"]
    resume = client_for(world.hr.user).get(f"/api/v1/job-applications/{app_id}/").json()["resume"]
    assert resume["visible"] and resume["statement"] == "三年电池检测经验"
    assert "phone" not in resume and "skills" not in resume
    assert client_for(world.other_hr.user).get(f"/api/v1/job-applications/{app_id}/").status_code == 404
    student.patch("/api/v1/resume/", {"visibility": "hidden"}, format="json")
    hidden = client_for(world.hr.user).get(f"/api/v1/job-applications/{app_id}/").json()["resume"]
    assert not hidden["visible"] and "statement" not in hidden and hidden["full_name"] == finalist.full_name
    assert client_for(world.hr.user).get(f"/api/v1/job-applications/{app_id}/resume-pdf/").status_code == 403


def test_student_downloads_their_resume_as_a_pdf_with_an_embedded_cjk_font(world, finalist):
    response = client_for(finalist.user).get("/api/v1/resume/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and b"/FontFile2" in response.content


def test_bad_job_input_is_a_400_with_fields(world):
    response = client_for(world.hr.user).post(
        "/api/v1/jobs/", {"title": "", "district": "nowhere", "salary_min": -1}, format="json"
    )
    assert response.status_code == 400
    assert {"title", "district", "salary_min"} <= set(response.json()["fields"])
