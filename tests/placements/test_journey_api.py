"""The whole journey through the API, as the three parties would click it."""

from __future__ import annotations

import io
from datetime import date

import pytest
from PIL import Image

from tests import factories as f
from tests.access import client_for
from tests.placements.clock import on

pytestmark = pytest.mark.django_db


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def upload(client, placement_id, kind, **fields):
    data = {"kind": kind, "file": io.BytesIO(png_bytes()), **fields}
    data["file"].name = "scan.png"
    return client.post(f"/api/v1/placements/{placement_id}/documents/", data, format="multipart")


def test_a_placement_goes_from_application_to_completion(world, slot, eligible_student):
    student, teacher, hr = client_for(world.student.user), client_for(world.teacher.user), client_for(world.hr.user)

    response = student.post("/api/v1/placements/", {"slot": slot.pk, "statement": "我想学习新能源汽车装调。"})
    assert response.status_code == 201, response.json()
    placement = response.json()
    assert placement["status"] == "pending"
    assert placement["actions"] == ["withdraw"]
    pid = placement["id"]

    assert teacher.post(f"/api/v1/placements/{pid}/approve/", {}).json()["status"] == "approved"
    body = hr.post(f"/api/v1/placements/{pid}/confirm/", {}).json()
    assert body["status"] == "confirmed"
    assert {m["code"] for m in body["missing"]} == {"safety_training", "tripartite", "consent", "insurance", "filing"}

    refused = teacher.post(f"/api/v1/placements/{pid}/start/")
    assert refused.status_code == 409
    assert refused.json()["code"] == "paperwork_missing"
    assert {m["code"] for m in refused.json()["missing"]} == {
        "safety_training", "tripartite", "consent", "insurance", "filing"
    }  # fmt: skip

    # The school admin records the filing with the education authority (备案).
    filing = {"placements": [pid], "filed_on": f.today().isoformat(), "authority": "武汉市教育局", "reference": "备-1"}
    assert client_for(world.admin.user).post("/api/v1/filings/", filing, format="json").status_code == 201

    # The company's mentor records the safety training the student passed (no start without it).
    trained = client_for(world.mentor.user).post(
        f"/api/v1/placements/{pid}/safety-training/",
        {"delivered_by": "企业安全主管", "delivered_on": f.today().isoformat(), "hours": "8",
         "content": "高压电安全与消防疏散", "passed": True},
    )  # fmt: skip
    assert trained.status_code == 201, trained.json()

    signed = f.today().isoformat()
    assert upload(hr, pid, "tripartite", signed_on=signed).status_code == 201
    consent = upload(student, pid, "consent", signed_on=signed)
    assert consent.status_code == 201
    response = upload(
        teacher,
        pid,
        "insurance",
        policy_number="PICC-2027-001",
        covers_from=slot.start_date.isoformat(),
        covers_to=slot.end_date.isoformat(),
    )
    assert response.status_code == 201
    assert [m["code"] for m in response.json()["missing"]] == ["consent_check"]
    # the student's consent form counts once the school checked it
    paper = next(d for d in consent.json()["documents"] if d["kind"] == "consent")
    assert teacher.post(f"/api/v1/placement-documents/{paper['id']}/check/").status_code == 200
    assert teacher.get(f"/api/v1/placements/{pid}/").json()["status"] == "ready"

    # Not before the slot's first day: the papers are in, the dates are not.
    early = hr.post(f"/api/v1/placements/{pid}/start/")
    assert (early.status_code, early.json()["code"]) == (409, "before_start_date")

    with on(slot.start_date):
        student, teacher, hr = (client_for(u) for u in (world.student.user, world.teacher.user, world.hr.user))
        assert hr.post(f"/api/v1/placements/{pid}/start/").json()["status"] == "active"
        journal = student.post(
            f"/api/v1/placements/{pid}/journals/", {"title": "第一周", "body": "学习了电池包拆装与高压安全规范。"}
        )
        assert journal.status_code == 201
        assert teacher.post(f"/api/v1/journals/{journal.json()['id']}/comment/", {"comment": "很好"}).status_code == 200

        assessed = teacher.post(f"/api/v1/placements/{pid}/assess/", {"role": "teacher", "grade": "excellent"})
        assert assessed.status_code == 200
        assert (
            client_for(world.mentor.user)
            .post(f"/api/v1/placements/{pid}/assess/", {"role": "company", "grade": "good"})
            .status_code
            == 200
        )

    # Completed on the slot's last day, not sooner, and not short of the school's journals unless a teacher says why.
    with on(slot.end_date):
        teacher = client_for(world.teacher.user)
        short = teacher.post(f"/api/v1/placements/{pid}/complete/")
        assert (short.status_code, short.json()["code"]) == (409, "journals_missing")
        waived = teacher.post(f"/api/v1/placements/{pid}/waive-journals/", {"reason": "企业保密，周记改为线下提交"})
        assert waived.status_code == 200, waived.json()
        done = teacher.post(f"/api/v1/placements/{pid}/complete/").json()
        assert done["status"] == "completed"
        assert done["final_grade"] == "good"
    actions = [e["action"] for e in done["events"]]
    assert actions[:3] == ["applied", "approved", "confirmed"]
    assert actions[-1] == "completed"
    assert all(e["actor_name"] for e in done["events"])
    assert date.fromisoformat(done["slot_detail"]["start_date"]) == slot.start_date


def test_every_party_opens_the_placement_page_with_its_timeline(world, slot, eligible_student):
    student = client_for(world.student.user)
    pid = student.post("/api/v1/placements/", {"slot": slot.pk}).json()["id"]
    client_for(world.teacher.user).post(f"/api/v1/placements/{pid}/approve/", {})
    for user in (world.student.user, world.teacher.user, world.hr.user, world.admin.user):
        response = client_for(user).get(f"/api/v1/placements/{pid}/")
        assert response.status_code == 200, (user.username, response.json())
        assert [e["action"] for e in response.json()["events"]] == ["applied", "approved"]
    # The city analyst reads figures, not a student's placement.
    assert client_for(world.analyst).get(f"/api/v1/placements/{pid}/").status_code == 404
