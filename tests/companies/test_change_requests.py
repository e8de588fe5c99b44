"""An approved company no longer changes its name, credit code, headcount or district by editing itself: the
change is a request with evidence that a school decides, and until then the old values hold (the rule-8 caps
of live placements are computed from the headcount). A company still under review edits them directly.

Who decides: admins of the schools linked to the company's bases; any school admin while no school is linked."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from companies.credit_code import make_demo_credit_code
from companies.models import CompanyChangeRequest
from notices.models import Notice
from tests import factories as f
from tests.access import FORBIDDEN, NOT_FOUND, assert_access, client_for, listed_ids

pytestmark = pytest.mark.django_db

URL = "/api/v1/company-change-requests/"
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def evidence(content: bytes = PDF, name: str = "社保缴纳人数证明.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def ask(user, company, **changes):
    data = {"company": company.pk, "evidence": evidence(), **changes}
    return client_for(user).post(URL, data, format="multipart")


@pytest.fixture
def linked(world):
    """The world's school works with the company (linked to its base); the other school does not."""
    world.base.institutions.add(world.school)
    return world


def test_hr_cannot_change_an_approved_companys_vetted_facts_by_editing_it(world):
    client = client_for(world.hr.user)
    for field, value in (
        ("headcount", 20000),
        ("name", "改名汽车有限公司"),
        ("credit_code", make_demo_credit_code(4242)),
        ("district", "hannan"),
    ):
        response = client.patch(f"/api/v1/companies/{world.company.pk}/", {field: value}, format="json")
        assert response.status_code == 400, field
        assert list(response.json()["fields"]) == [field]
        assert URL in response.json()["fields"][field][0]
    world.company.refresh_from_db()
    assert (world.company.headcount, world.company.name) == (500, "东风汽车集团有限公司")
    # Other details stay the company's own to edit, and it stays approved.
    assert client.patch(f"/api/v1/companies/{world.company.pk}/", {"website": "https://www.dfmc.com.cn/"},
                        format="json").status_code == 200  # fmt: skip
    world.company.refresh_from_db()
    assert world.company.vetting_status == "approved"


def test_a_company_under_review_still_edits_its_details_directly(world):
    response = client_for(world.pending_hr.user).patch(
        f"/api/v1/companies/{world.pending_company.pk}/", {"headcount": 42, "name": "新名待审企业"}, format="json"
    )
    assert response.status_code == 200
    world.pending_company.refresh_from_db()
    assert (world.pending_company.headcount, world.pending_company.name) == (42, "新名待审企业")
    refused = ask(world.pending_hr.user, world.pending_company, headcount=50)
    assert refused.status_code == 403, refused.content  # may see its company, may not ask (the matrix: DENY)


def test_a_request_keeps_the_old_values_until_a_linked_school_approves_it(linked, django_capture_on_commit_callbacks):
    w = linked
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(w.hr.user, w.company, headcount=800, note="扩产后社保人数增加")
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["status"], body["headcount"], body["previous"]["headcount"]) == ("pending", 800, 500)
    w.company.refresh_from_db()
    assert w.company.headcount == 500  # the old value holds
    told = set(Notice.objects.filter(kind="company_change_requested").values_list("recipient_id", flat=True))
    assert told == {w.admin.user_id}  # the linked school's admin, not the other school's

    assert client_for(w.other_admin.user).post(f"{URL}{body['id']}/approve/").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        approved = client_for(w.admin.user).post(f"{URL}{body['id']}/approve/", {}, format="json")
    assert approved.status_code == 200
    assert approved.json()["status"] == "approved"
    w.company.refresh_from_db()
    assert (w.company.headcount, w.company.vetting_status) == (800, "approved")
    assert Notice.objects.filter(kind="company_change_decided", recipient=w.hr.user).exists()
    again = client_for(w.admin.user).post(f"{URL}{body['id']}/reject/", {"reason": "x"}, format="json")
    assert again.status_code == 409


def test_a_rejection_needs_a_reason_and_changes_nothing(linked):
    w = linked
    created = ask(w.hr.user, w.company, name="东风新名有限公司").json()
    no_reason = client_for(w.admin.user).post(f"{URL}{created['id']}/reject/", {}, format="json")
    assert no_reason.status_code == 400
    assert "reason" in no_reason.json()["fields"]
    rejected = client_for(w.admin.user).post(f"{URL}{created['id']}/reject/", {"reason": "证明材料不符"}, format="json")
    assert rejected.status_code == 200
    assert (rejected.json()["status"], rejected.json()["reason"]) == ("rejected", "证明材料不符")
    w.company.refresh_from_db()
    assert w.company.name == "东风汽车集团有限公司"


def test_any_school_admin_decides_while_no_school_works_with_the_company(world):
    created = ask(world.hr.user, world.company, headcount=600).json()
    assert created["id"] in listed_ids(world.other_admin.user, URL)
    assert client_for(world.other_admin.user).post(f"{URL}{created['id']}/approve/").status_code == 200


def test_one_pending_request_at_a_time(linked):
    assert ask(linked.hr.user, linked.company, headcount=700).status_code == 201
    second = ask(linked.hr.user, linked.company, headcount=900)
    assert second.status_code == 409
    assert CompanyChangeRequest.objects.count() == 1


def test_bad_requests_are_refused_whole(world):
    nothing = ask(world.hr.user, world.company, headcount=500)
    assert nothing.status_code == 400
    taken = ask(world.hr.user, world.company, name=world.other_company.name)
    assert taken.status_code == 400 and "name" in taken.json()["fields"]
    bad_code = ask(world.hr.user, world.company, credit_code="123")
    assert bad_code.status_code == 400 and "credit_code" in bad_code.json()["fields"]
    no_file = client_for(world.hr.user).post(URL, {"company": world.company.pk, "headcount": 700}, format="multipart")
    assert no_file.status_code == 400 and "evidence" in no_file.json()["fields"]
    not_a_pdf = client_for(world.hr.user).post(
        URL, {"company": world.company.pk, "headcount": 700, "evidence": evidence(b"MZ\x90\x00 not a document")},
        format="multipart",
    )  # fmt: skip
    assert not_a_pdf.status_code == 400 and "evidence" in not_a_pdf.json()["fields"]
    assert not CompanyChangeRequest.objects.exists()


def test_only_the_companys_hr_asks_for_a_change(world):
    assert APIClient().post(URL, {"company": world.company.pk}, format="multipart").status_code == 401
    for user in (world.mentor.user, world.other_hr.user, world.admin.user, world.teacher.user, world.student.user,
                 world.analyst, world.outsider):  # fmt: skip
        assert ask(user, world.company, headcount=700).status_code == 403, user.username
    assert not CompanyChangeRequest.objects.exists()


def test_a_request_and_its_evidence_are_seen_by_the_company_and_the_deciding_school_only(linked):
    w = linked
    created = ask(w.hr.user, w.company, headcount=700).json()
    detail = f"{URL}{created['id']}/"
    readers = [w.hr.user, w.mentor.user, w.admin.user]
    others = [w.other_hr.user, w.other_admin.user, w.teacher.user, w.student.user, w.analyst, w.outsider]
    assert_access(detail, allowed=readers, denied=others, denied_status=NOT_FOUND)
    assert_access(detail + "evidence/", allowed=readers, denied=others, denied_status=NOT_FOUND)
    assert client_for(w.hr.user).get(detail + "evidence/")["Cache-Control"] == "private, no-store"
    for user in readers:
        assert listed_ids(user, URL) == {created["id"]}, user.username
    for user in others:
        assert listed_ids(user, URL) == set(), user.username
    # The company sees its request but does not decide it.
    assert_access(detail + "approve/", method="post", allowed=[], denied=[w.hr.user], denied_status=FORBIDDEN)
    assert client_for(w.admin.user).get(detail).json()["can_decide"] is True
    assert client_for(w.hr.user).get(detail).json()["can_decide"] is False


def test_the_list_runs_the_same_queries_for_one_request_or_many(linked):
    def count() -> int:
        client = client_for(linked.admin.user)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        return len(queries)

    ask(linked.hr.user, linked.company, headcount=700)
    one = count()
    for n in range(3):
        company = f.CompanyFactory(name=f"企业{n}")
        member = f.CompanyMemberFactory(company=company)
        f.OffCampusBaseFactory(company=company).institutions.add(linked.school)
        assert ask(member.user, company, headcount=900 + n).status_code == 201
    assert count() == one
