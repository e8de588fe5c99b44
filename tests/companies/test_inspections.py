"""Site inspections are the school's records (issue 15, self-certification; COMPLIANCE.md rule 14): HR can no longer
certify its own base, a school records its on-site inspection with a written report, a school works with a base
only after inspecting it, and a post internship starts only while the base's latest inspection passed and is
current."""

from __future__ import annotations

from datetime import timedelta

import pytest

from companies.models import SiteInspection
from placements.rules import BASES
from tests import factories as f
from tests.media import media_root  # noqa: F401 (autouse: the reports land in a temporary folder)
from tests.placements.clock import on
from tests.placements.helpers import client_for, image_bytes, named

pytestmark = pytest.mark.django_db

INSPECTIONS = "/api/v1/site-inspections/"


def form(base, **overrides) -> dict:
    return {
        "base": base.pk,
        "inspected_on": f.days_from_today(-2).isoformat(),
        "findings": "消防通道畅通，用电设施完好，带教安排明确。",
        "outcome": "passed",
        "report": named(image_bytes(), "报告.png"),
        **overrides,
    }


def startable(world, slot):
    """A confirmed placement with every paper, its teacher, mentor and training: only the base is in question."""
    placement = f.PlacementFactory(student=world.student, slot=slot, status="confirmed")
    for kind in ("tripartite", "consent", "insurance"):
        f.PlacementDocumentFactory(placement=placement, kind=kind)
    return placement


@pytest.fixture
def slot(world):
    world.company.headcount = 1000
    world.company.save()
    world.base.inspections.all().delete()  # nobody has inspected the base yet
    return f.SlotFactory(company=world.company, base=world.base, majors=[world.major], mentor=world.mentor)


def test_hr_editing_the_base_no_longer_lets_a_post_internship_start(world, slot):
    placement = startable(world, slot)
    hr = client_for(world.hr.user)
    edited = hr.patch(
        f"/api/v1/bases/{world.base.pk}/",
        {"last_inspection_date": f.today().isoformat(), "inspection_note": "自查合格"},
        format="json",
    )
    assert edited.status_code == 200
    assert "last_inspection_date" not in edited.json()
    assert not SiteInspection.objects.filter(base=world.base).exists()
    with on(slot.start_date):  # a session signed in today has expired by then: sign in on the day
        refused = client_for(world.hr.user).post(f"/api/v1/placements/{placement.pk}/start/")
    assert (refused.status_code, refused.json()["code"]) == (409, "paperwork_missing")
    (missing,) = refused.json()["missing"]
    assert missing["code"] == "inspection"
    assert missing["basis"]["citation"] == str(BASES["inspection"].citation)


def test_hr_cannot_record_an_inspection_of_its_own_base(world, slot):
    response = client_for(world.hr.user).post(INSPECTIONS, form(world.base), format="multipart")
    assert response.status_code == 403
    assert not SiteInspection.objects.filter(base=world.base).exists()


def test_a_school_records_its_inspection_with_the_report_and_the_post_internship_starts(world, slot):
    placement = startable(world, slot)
    recorded = client_for(world.teacher.user).post(INSPECTIONS, form(world.base), format="multipart")
    assert recorded.status_code == 201, recorded.json()
    body = recorded.json()
    assert (body["institution"], body["outcome"], body["inspector_name"]) == (
        world.school.pk,
        "passed",
        world.teacher.user.display_name,
    )
    # The company reads its base's inspections and the report; another school's staff do not.
    hr = client_for(world.hr.user)
    assert [r["id"] for r in hr.get(INSPECTIONS, {"base": world.base.pk}).json()["results"]] == [body["id"]]
    report = hr.get(body["report_url"])
    assert report.status_code == 200
    assert report["Content-Type"] == "image/png"
    assert client_for(world.other_teacher.user).get(f"{INSPECTIONS}{body['id']}/").status_code == 404
    assert client_for(world.student.user).get(body["report_url"]).status_code == 404
    with on(slot.start_date):
        assert client_for(world.hr.user).post(f"/api/v1/placements/{placement.pk}/start/").json()["status"] == "active"


def test_the_report_is_a_real_document_and_the_date_is_in_the_past(world, slot):
    teacher = client_for(world.teacher.user)
    fake = teacher.post(INSPECTIONS, form(world.base, report=named(b"just text", "报告.pdf")), format="multipart")
    assert fake.status_code == 400
    assert fake.json()["fields"]["report"]
    tomorrow = teacher.post(
        INSPECTIONS, form(world.base, inspected_on=f.days_from_today(1).isoformat()), format="multipart"
    )
    assert tomorrow.status_code == 400
    assert "inspected_on" in tomorrow.json()["fields"]
    assert not SiteInspection.objects.filter(base=world.base).exists()


def test_a_failed_latest_inspection_stops_the_start_although_an_earlier_one_passed(world, slot):
    placement = startable(world, slot)
    f.SiteInspectionFactory(base=world.base, institution=world.school, inspected_on=f.days_from_today(-40))
    f.SiteInspectionFactory(
        base=world.base, institution=world.school, inspected_on=f.days_from_today(-5), outcome="failed"
    )
    with on(slot.start_date):
        refused = client_for(world.hr.user).post(f"/api/v1/placements/{placement.pk}/start/")
    assert [m["code"] for m in refused.json()["missing"]] == ["inspection"]


def test_another_schools_inspection_neither_clears_nor_blocks_the_base_for_our_student(world, slot):
    placement = startable(world, slot)
    f.SiteInspectionFactory(base=world.base, institution=world.other_school, inspected_on=f.days_from_today(-3))
    with on(slot.start_date):
        refused = client_for(world.hr.user).post(f"/api/v1/placements/{placement.pk}/start/")
    assert [m["code"] for m in refused.json()["missing"]] == ["inspection"]  # not our school's assessment

    f.SiteInspectionFactory(base=world.base, institution=world.school, inspected_on=f.days_from_today(-10))
    f.SiteInspectionFactory(
        base=world.base, institution=world.other_school, inspected_on=f.days_from_today(-2), outcome="failed"
    )
    with on(slot.start_date):
        started = client_for(world.hr.user).post(f"/api/v1/placements/{placement.pk}/start/")
    assert started.status_code == 200, started.content


def test_an_inspection_older_than_the_setting_is_not_current(world, slot, settings):
    placement = startable(world, slot)
    settings.PLACEMENT_RULES = {**settings.PLACEMENT_RULES, "INSPECTION_VALID_DAYS": 30}
    f.SiteInspectionFactory(base=world.base, inspected_on=slot.start_date - timedelta(days=31))
    with on(slot.start_date):
        refused = client_for(world.hr.user).post(f"/api/v1/placements/{placement.pk}/start/")
    assert [m["code"] for m in refused.json()["missing"]] == ["inspection"]


def test_a_school_works_with_a_base_only_after_inspecting_it_on_site(world):
    other_admin = client_for(world.other_admin.user)
    link = f"/api/v1/bases/{world.base.pk}/link/"
    refused = other_admin.post(link, {}, format="json")
    assert (refused.status_code, refused.json()["code"]) == (409, "inspection_missing")
    assert refused.json()["detail"].startswith(f"{BASES['inspection'].citation}: ")
    # Our school's inspection is not theirs.
    assert world.base.inspections.filter(institution=world.school).exists()
    assert other_admin.post(INSPECTIONS, form(world.base), format="multipart").status_code == 201
    # The inspection alone does not put the company on their school's list (companies.listing).
    assert other_admin.post(link, {}, format="json").json()["code"] == "company_not_listed"


def test_an_on_campus_base_is_inspected_by_its_host_school(world):
    response = client_for(world.other_admin.user).post(INSPECTIONS, form(world.campus_base), format="multipart")
    assert (response.status_code, response.json()["code"]) == (409, "not_host")
    assert (
        client_for(world.admin.user).post(INSPECTIONS, form(world.campus_base), format="multipart").status_code == 201
    )
