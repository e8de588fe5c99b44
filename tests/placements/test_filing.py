"""Filing (备案) with the education authority and cross-province approval (issue 15, rules still missing): the
school admin exports the arrangements of their own school, records the filing for a batch, and approves a
placement at a base outside Hubei; the start waits for both, and no one else records them."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from placements.models import CrossProvinceApproval, Filing
from tests import factories as f
from tests.companies.factories import SiteInspectionFactory
from tests.placements.clock import on
from tests.placements.helpers import client_for

pytestmark = pytest.mark.django_db

FILING = {"authority": "武汉市教育局", "reference": "武教职备〔2026〕12号"}


def ready_but_unfiled(world, slot=None, student=None):
    slot = slot or f.SlotFactory(company=world.company, base=world.base, majors=[world.major], mentor=world.mentor)
    placement = f.PlacementFactory(student=student or world.student, slot=slot, status="confirmed", filed=False)
    for kind in ("tripartite", "consent", "insurance"):
        f.PlacementDocumentFactory(placement=placement, kind=kind)
    return placement


def record(user, placements, **overrides):
    body = {"placements": [p.pk for p in placements], "filed_on": f.today().isoformat(), **FILING, **overrides}
    return client_for(user).post("/api/v1/filings/", body, format="json")


def start(world, placement):
    with on(placement.slot.start_date):  # sign in on the day
        return client_for(world.hr.user).post(f"/api/v1/placements/{placement.pk}/start/")


def test_a_post_internship_starts_only_after_its_filing_is_recorded(world):
    placement = ready_but_unfiled(world)
    refused = start(world, placement)
    assert refused.status_code == 409
    (missing,) = refused.json()["missing"]
    assert (missing["code"], missing["basis"]["key"], missing["basis"]["article"]) == ("filing", "filing", None)
    assert missing["basis"]["source"] == "regulation"

    recorded = record(world.admin.user, [placement])
    assert recorded.status_code == 201, recorded.json()
    assert recorded.json()["placement_count"] == 1
    placement.refresh_from_db()
    assert placement.status == "ready"
    assert start(world, placement).json()["status"] == "active"


def test_one_filing_covers_a_batch_and_the_list_shows_who_is_still_unfiled(world):
    slot = f.SlotFactory(company=world.company, base=world.base, majors=[world.major], mentor=world.mentor)
    classmates = [
        f.StudentFactory(institution=world.school, cohort=world.cohort, advisor=world.teacher) for _ in range(3)
    ]
    batch = [ready_but_unfiled(world, slot, s) for s in classmates]
    admin = client_for(world.admin.user)
    unfiled = admin.get("/api/v1/filings/arrangements/?unfiled=true").json()
    assert {row["id"] for row in unfiled} >= {p.pk for p in batch}
    assert record(world.admin.user, batch[:2]).status_code == 201
    unfiled = {row["id"] for row in admin.get("/api/v1/filings/arrangements/?unfiled=true").json()}
    assert batch[2].pk in unfiled and not ({batch[0].pk, batch[1].pk} & unfiled)
    rows = {row["id"]: row for row in admin.get("/api/v1/filings/arrangements/").json()}
    assert rows[batch[0].pk]["filing"]["reference"] == FILING["reference"]
    assert rows[batch[2].pk]["filing"] is None


def test_only_the_schools_own_admin_records_a_filing_for_its_own_placements(world):
    placement = ready_but_unfiled(world)
    for user in (world.teacher.user, world.hr.user, world.student.user):
        assert record(user, [placement]).status_code == 403
    assert record(world.other_admin.user, [placement]).status_code == 400  # not their school's
    assert not Filing.objects.exists()
    blank = record(world.admin.user, [placement], authority="", reference="")
    assert blank.status_code == 400
    assert {"authority", "reference"} <= blank.json()["fields"].keys()
    future = record(world.admin.user, [placement], filed_on=f.days_from_today(30).isoformat())
    assert future.status_code == 400


def test_an_observation_visit_needs_no_filing(world):
    slot = f.SlotFactory(
        company=world.company, base=world.base, majors=[world.major], mentor=world.mentor, kind="observation"
    )
    placement = f.PlacementFactory(student=world.student, slot=slot, status="confirmed", filed=False)
    f.PlacementDocumentFactory(placement=placement, kind="insurance")
    assert start(world, placement).json()["status"] == "active"
    assert record(world.admin.user, [placement]).status_code == 400  # not a post internship


def test_a_placement_outside_hubei_needs_the_schools_explicit_approval(world):
    base = f.OffCampusBaseFactory(company=world.company, province="44", district="", inspected=False)  # Guangdong
    base.institutions.add(world.school)
    SiteInspectionFactory(base=base, institution=world.school)
    slot = f.SlotFactory(company=world.company, base=base, majors=[world.major], mentor=world.mentor)
    placement = ready_but_unfiled(world, slot)
    record(world.admin.user, [placement])
    refused = start(world, placement)
    assert refused.status_code == 409
    codes = [m["code"] for m in refused.json()["missing"]]
    assert "cross_province" in codes
    admin = client_for(world.admin.user)
    row = next(r for r in admin.get("/api/v1/filings/arrangements/").json() if r["id"] == placement.pk)
    assert (row["cross_province"], row["cross_province_approved"]) == (True, False)

    body = {"placement": placement.pk, "reason": "广东总部定向培养岗位，已与家长沟通"}
    assert client_for(world.teacher.user).post("/api/v1/filings/approve-cross-province/", body).status_code == 403
    assert admin.post("/api/v1/filings/approve-cross-province/", {"placement": placement.pk}).status_code == 400
    approved = admin.post("/api/v1/filings/approve-cross-province/", body)
    assert approved.status_code == 201, approved.json()
    assert approved.json()["cross_province_approved"] is True
    assert CrossProvinceApproval.objects.filter(placement=placement, approved_by=world.admin.user).exists()
    again = start(world, placement)
    assert "cross_province" not in [m["code"] for m in again.json().get("missing", [])]


def test_a_hubei_placement_needs_no_cross_province_approval(world):
    placement = ready_but_unfiled(world)
    answer = client_for(world.admin.user).post(
        "/api/v1/filings/approve-cross-province/", {"placement": placement.pk, "reason": "x"}
    )
    assert answer.status_code == 409
    assert answer.json()["code"] == "not_cross_province"


def test_the_export_lists_the_schools_arrangements_for_the_authority_with_demo_rows_marked(world):
    placement = ready_but_unfiled(world)
    demo_slot = f.SlotFactory(company=world.company, base=world.base, majors=[world.major], is_demo=True)
    demo_student = f.StudentFactory(institution=world.school, cohort=world.cohort, advisor=world.teacher)
    ready_but_unfiled(world, demo_slot, demo_student)
    other_school_student = f.StudentFactory(institution=world.other_school)
    foreign = f.PlacementFactory(student=other_school_student, slot=demo_slot, status="confirmed")
    response = client_for(world.admin.user, language="zh-hans").get("/api/v1/filings/export/")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    header, *rows = list(sheet.values)
    assert len(header) == 22
    numbers = [row[0] for row in rows]
    assert placement.student.student_number in numbers
    assert demo_student.student_number in numbers
    assert foreign.student.student_number not in numbers  # another school's arrangement is not ours to file
    demo_row = rows[numbers.index(demo_student.student_number)]
    assert demo_row[-1]  # marked
    assert not rows[numbers.index(placement.student.student_number)][-1]
    assert client_for(world.teacher.user).get("/api/v1/filings/export/").status_code == 403


def test_the_admins_to_do_counts_what_the_unfiled_list_shows(world):
    ready_but_unfiled(world)
    filed = f.PlacementFactory(
        student=f.StudentFactory(institution=world.school, cohort=world.cohort, advisor=world.teacher),
        slot=f.SlotFactory(company=world.company, base=world.base, majors=[world.major], mentor=world.mentor),
        status="confirmed",
    )  # the factory files it
    admin = client_for(world.admin.user)
    items = {i["key"]: i for i in admin.get("/api/v1/me/todo/").json()["items"]}
    item = items["filings_to_record"]
    listed = admin.get("/api/v1/filings/arrangements/", item["route"]["query"]).json()
    assert item["count"] == len(listed) == 1
    assert filed.pk not in {r["id"] for r in listed}
    assert item["route"]["name"] == "filing"
    teacher = {i["key"] for i in client_for(world.teacher.user).get("/api/v1/me/todo/").json()["items"]}
    assert "filings_to_record" not in teacher
    other = {i["key"]: i for i in client_for(world.other_admin.user).get("/api/v1/me/todo/").json()["items"]}
    assert other["filings_to_record"]["count"] == 0


def test_a_company_names_a_base_outside_hubei_by_its_province(world):
    hr = client_for(world.hr.user)
    body = {"name": "广州研发中心", "kind": "off_campus", "company": world.company.pk, "province": "44", "capacity": 5}
    created = hr.post("/api/v1/bases/", body, format="json")
    assert created.status_code == 201, created.json()
    assert (created.json()["province"], created.json()["district"]) == ("44", "")  # no Wuhan district to name
    in_hubei = hr.post("/api/v1/bases/", {**body, "name": "武汉新基地", "province": "42"}, format="json")
    assert in_hubei.status_code == 400
    assert "district" in in_hubei.json()["fields"]
    provinces = {c["value"] for c in client_for(world.student.user).get("/api/v1/choices/").json()["provinces"]}
    assert {"42", "44"} <= provinces
