"""Who may read and change companies, their members, training bases, the choices and the company import.

Approved companies and active bases are a public directory for signed-in users; pending companies are seen by
their staff, school admins (who vet them) and analysts; inactive bases by their owners and analysts."""

from __future__ import annotations

import pytest

from companies.credit_code import make_demo_credit_code
from companies.models import Company, CompanyMember, TrainingBase
from tests import factories as f
from tests.access import CREATED, FORBIDDEN, NOT_FOUND, assert_access, client_for, listed_ids
from tests.invitations import invite_and_accept

pytestmark = pytest.mark.django_db


def new_company(**overrides) -> dict:
    return {
        "name": "武汉新能源配件有限公司",
        "credit_code": make_demo_credit_code(777),
        "segment": "parts",
        "headcount": 300,
        "district": "jiangxia",
        **overrides,
    }


def new_off_campus_base(company, **overrides) -> dict:
    return {
        "name": "新基地",
        "kind": "off_campus",
        "company": company.id,
        "district": "jiangxia",
        "capacity": 20,
        "job_clusters": ["production"],
        **overrides,
    }


def new_on_campus_base(school, **overrides) -> dict:
    return {
        "name": "长安福特实训中心",
        "kind": "on_campus",
        "host_institution": school.id,
        "partner_brand": "长安福特",
        "capacity": 40,
        **overrides,
    }


# -- companies -------------------------------------------------------------------------------------------------


def test_approved_companies_are_public_to_signed_in_users(world):
    everyone = [
        world.student.user,
        world.teacher.user,
        world.admin.user,
        world.hr.user,
        world.other_hr.user,
        world.mentor.user,
        world.analyst,
        world.outsider,
    ]
    assert_access("/api/v1/companies/", allowed=everyone, denied=[])
    assert_access(f"/api/v1/companies/{world.company.id}/", allowed=everyone, denied=[])
    assert {world.company.id, world.other_company.id} <= listed_ids(world.student.user, "/api/v1/companies/")


def test_a_pending_company_is_seen_only_by_its_staff_school_admins_and_analysts(world):
    url = f"/api/v1/companies/{world.pending_company.id}/"
    allowed = [world.pending_hr.user, world.admin.user, world.other_admin.user, world.analyst]
    denied = [world.student.user, world.teacher.user, world.hr.user, world.mentor.user, world.outsider]
    assert_access(url, allowed=allowed, denied=denied, denied_status=NOT_FOUND)
    for user in allowed:
        assert world.pending_company.id in listed_ids(user, "/api/v1/companies/"), user.username
    for user in denied:
        assert world.pending_company.id not in listed_ids(user, "/api/v1/companies/"), user.username


def test_company_hr_edits_their_company(world):
    # The vetted facts (name, credit code, headcount, district) go through a change request instead:
    # tests/companies/test_change_requests.py.
    url = f"/api/v1/companies/{world.company.id}/"
    assert_access(url, method="patch", data={"description": "新能源整车"}, allowed=[world.hr.user], denied=[])
    world.company.refresh_from_db()
    assert world.company.description == "新能源整车"


def test_nobody_but_the_companys_hr_edits_it(world):
    url = f"/api/v1/companies/{world.company.id}/"
    denied = [
        world.mentor.user,
        world.other_hr.user,
        world.admin.user,
        world.teacher.user,
        world.student.user,
        world.analyst,
        world.outsider,
    ]
    assert_access(url, method="patch", data={"headcount": 1}, allowed=[], denied=denied, denied_status=FORBIDDEN)
    world.company.refresh_from_db()
    assert world.company.headcount == 500


def test_a_pending_companys_hr_edits_it_and_others_do_not_find_it(world):
    url = f"/api/v1/companies/{world.pending_company.id}/"
    assert_access(
        url,
        method="patch",
        data={"headcount": 42},
        allowed=[world.pending_hr.user],
        denied=[world.teacher.user, world.hr.user, world.outsider],
        denied_status=NOT_FOUND,
    )
    world.pending_company.refresh_from_db()
    assert world.pending_company.headcount == 42


def test_company_hr_cannot_approve_their_own_company_by_editing_it(world):
    response = client_for(world.pending_hr.user).patch(
        f"/api/v1/companies/{world.pending_company.id}/", {"vetting_status": "approved"}, format="json"
    )
    assert response.status_code == 200
    world.pending_company.refresh_from_db()
    assert world.pending_company.vetting_status == "pending"


def test_anyone_but_a_student_registers_a_company_and_becomes_its_hr(world):
    assert_access(
        "/api/v1/companies/",
        method="post",
        data=new_company(),
        allowed=[world.outsider],
        denied=[],
        allowed_status=CREATED,
    )
    company = Company.objects.get(name="武汉新能源配件有限公司")
    assert company.vetting_status == "pending"
    assert CompanyMember.objects.filter(company=company, user=world.outsider, role="hr").exists()
    me = client_for(world.outsider).get("/api/v1/me/").json()
    assert me["roles"] == ["company_hr"]


def test_a_student_cannot_register_a_company(world):
    assert_access(
        "/api/v1/companies/",
        method="post",
        data=new_company(),
        allowed=[],
        denied=[world.student.user],
        denied_status=FORBIDDEN,
    )
    assert not Company.objects.filter(name="武汉新能源配件有限公司").exists()


def test_a_school_admin_registering_a_company_does_not_become_its_hr(world):
    response = client_for(world.admin.user).post("/api/v1/companies/", new_company(), format="json")
    assert response.status_code == 201
    assert response.json()["vetting_status"] == "pending"
    assert not CompanyMember.objects.filter(company_id=response.json()["id"]).exists()


def test_companies_cannot_be_deleted_through_the_api(world):
    response = client_for(world.hr.user).delete(f"/api/v1/companies/{world.company.id}/")
    assert response.status_code == 405
    assert Company.objects.filter(pk=world.company.pk).exists()


def test_company_can_edit_flag_is_true_only_for_its_hr(world):
    url = f"/api/v1/companies/{world.company.id}/"
    assert client_for(world.hr.user).get(url).json()["can_edit"] is True
    assert client_for(world.mentor.user).get(url).json()["can_edit"] is False
    assert client_for(world.admin.user).get(url).json()["can_edit"] is False


# -- vetting ---------------------------------------------------------------------------------------------------


def test_school_admin_approves_a_pending_company_which_then_becomes_public(world):
    url = f"/api/v1/companies/{world.pending_company.id}/vet/"
    assert_access(url, method="post", data={"vetting_status": "approved"}, allowed=[world.admin.user], denied=[])
    world.pending_company.refresh_from_db()
    assert world.pending_company.vetting_status == "approved"
    assert world.pending_company.vetted_by == world.admin.user
    assert client_for(world.student.user).get(f"/api/v1/companies/{world.pending_company.id}/").status_code == 200


def test_vetting_is_for_school_admins_only(world):
    url = f"/api/v1/companies/{world.company.id}/vet/"
    denied = [world.hr.user, world.mentor.user, world.teacher.user, world.student.user, world.analyst, world.outsider]
    assert_access(
        url, method="post", data={"vetting_status": "suspended"}, allowed=[], denied=denied, denied_status=FORBIDDEN
    )
    world.company.refresh_from_db()
    assert world.company.vetting_status == "approved"


def test_a_pending_companys_hr_cannot_approve_it(world):
    url = f"/api/v1/companies/{world.pending_company.id}/vet/"
    assert_access(
        url,
        method="post",
        data={"vetting_status": "approved"},
        allowed=[],
        denied=[world.pending_hr.user],
        denied_status=FORBIDDEN,
    )
    assert_access(
        url,
        method="post",
        data={"vetting_status": "approved"},
        allowed=[],
        denied=[world.teacher.user, world.hr.user, world.outsider],
        denied_status=NOT_FOUND,
    )
    world.pending_company.refresh_from_db()
    assert world.pending_company.vetting_status == "pending"


def test_vetting_a_company_into_the_state_it_is_in_is_a_conflict(world):
    response = client_for(world.admin.user).post(
        f"/api/v1/companies/{world.company.id}/vet/", {"vetting_status": "approved"}, format="json"
    )
    assert response.status_code == 409
    assert response.json()["current_status"] == "approved"


def test_vetting_needs_a_known_status(world):
    response = client_for(world.admin.user).post(
        f"/api/v1/companies/{world.pending_company.id}/vet/", {"vetting_status": "banned"}, format="json"
    )
    assert response.status_code == 400
    assert "vetting_status" in response.json()["fields"]


def test_suspending_a_company_hides_it_and_its_bases_from_the_public(world):
    response = client_for(world.admin.user).post(
        f"/api/v1/companies/{world.company.id}/vet/", {"vetting_status": "suspended"}, format="json"
    )
    assert response.status_code == 200
    student = client_for(world.student.user)
    assert student.get(f"/api/v1/companies/{world.company.id}/").status_code == 404
    assert student.get(f"/api/v1/bases/{world.base.id}/").status_code == 404
    assert client_for(world.hr.user).get(f"/api/v1/bases/{world.base.id}/").status_code == 200


# -- company members -----------------------------------------------------------------------------------------


def test_a_companys_members_are_seen_by_its_staff_only(world):
    url = f"/api/v1/company-members/{world.mentor.id}/"
    denied = [
        world.analyst,  # names and e-mails are not figures
        world.other_hr.user,
        world.pending_hr.user,
        world.admin.user,
        world.teacher.user,
        world.student.user,
        world.outsider,
    ]
    assert_access(url, allowed=[world.hr.user, world.mentor.user], denied=denied, denied_status=NOT_FOUND)
    assert listed_ids(world.mentor.user, "/api/v1/company-members/") == {world.hr.id, world.mentor.id}
    assert listed_ids(world.other_hr.user, "/api/v1/company-members/") == {world.other_hr.id}
    assert listed_ids(world.admin.user, "/api/v1/company-members/") == set()
    assert listed_ids(world.analyst, "/api/v1/company-members/") == set()
    assert listed_ids(world.outsider, "/api/v1/company-members/") == set()


def test_company_hr_invites_a_colleague_by_email_who_joins_on_accepting(world):
    data = {"company": world.company.id, "email": "colleague@test.example.com", "full_name": "周工", "role": "mentor"}
    assert_access(
        "/api/v1/company-members/", method="post", data=data, allowed=[world.hr.user], denied=[], allowed_status=CREATED
    )
    assert not CompanyMember.objects.filter(user__email=data["email"]).exists()
    invite_and_accept(world.hr.user, company=world.company, email="colleague2@test.example.com", role="mentor")
    assert CompanyMember.objects.filter(company=world.company, user__email="colleague2@test.example.com").exists()


def test_mentors_and_outsiders_cannot_add_company_members(world):
    data = {"company": world.company.id, "email": "x@test.example.com", "full_name": "x", "role": "hr"}
    denied = [world.mentor.user, world.admin.user, world.student.user, world.analyst, world.outsider]
    assert_access(
        "/api/v1/company-members/", method="post", data=data, allowed=[], denied=denied, denied_status=FORBIDDEN
    )
    response = client_for(world.other_hr.user).post("/api/v1/company-members/", data, format="json")
    assert response.status_code == 400
    assert "company" in response.json()["fields"]
    assert not CompanyMember.objects.filter(user__email="x@test.example.com").exists()


def test_only_the_companys_hr_edits_and_removes_a_member(world):
    url = f"/api/v1/company-members/{world.mentor.id}/"
    hidden = [world.other_hr.user, world.admin.user, world.analyst, world.outsider]
    for method, path, data in (("patch", "", {"title": "x"}), ("post", "archive/", None)):
        assert_access(url + path, method=method, data=data, allowed=[], denied=[world.mentor.user],
                      denied_status=FORBIDDEN)  # fmt: skip
        assert_access(url + path, method=method, data=data, allowed=[], denied=hidden, denied_status=NOT_FOUND)
    assert_access(url, method="patch", data={"title": "带教师傅"}, allowed=[world.hr.user], denied=[])
    world.mentor.refresh_from_db()
    assert world.mentor.title == "带教师傅"
    assert client_for(world.hr.user).delete(url).status_code == 405
    # Removing a member ends the membership: the user and the record stay, the access goes.
    assert_access(url + "archive/", method="post", allowed=[world.hr.user], denied=[])
    world.mentor.refresh_from_db()
    assert world.mentor.archived_at is not None
    assert world.mentor.id not in listed_ids(world.hr.user, "/api/v1/company-members/")
    assert listed_ids(world.mentor.user, "/api/v1/company-members/") == set()
    assert client_for(world.hr.user).post(url + "restore/").status_code == 200
    assert world.mentor.id in listed_ids(world.mentor.user, "/api/v1/company-members/")


def test_company_hr_cannot_change_or_remove_their_own_membership(world):
    client = client_for(world.hr.user)
    url = f"/api/v1/company-members/{world.hr.id}/"
    assert client.patch(url, {"role": "mentor"}, format="json").status_code == 403
    assert client.post(url + "archive/").status_code == 403
    world.hr.refresh_from_db()
    assert world.hr.role == "hr"


# -- training bases --------------------------------------------------------------------------------------------


def test_active_bases_of_approved_companies_and_on_campus_bases_are_public(world):
    everyone = [
        world.student.user,
        world.teacher.user,
        world.admin.user,
        world.other_admin.user,
        world.hr.user,
        world.other_hr.user,
        world.mentor.user,
        world.analyst,
        world.outsider,
    ]
    assert_access("/api/v1/bases/", allowed=everyone, denied=[])
    for base in (world.base, world.other_base, world.campus_base):
        assert_access(f"/api/v1/bases/{base.id}/", allowed=everyone, denied=[])
    public = {world.base.id, world.other_base.id, world.campus_base.id}
    assert listed_ids(world.outsider, "/api/v1/bases/") == public
    assert listed_ids(world.student.user, "/api/v1/bases/") == public


def test_an_inactive_base_is_seen_only_by_its_owner_and_analysts(world):
    url = f"/api/v1/bases/{world.inactive_base.id}/"
    denied = [
        world.mentor.user,
        world.other_hr.user,
        world.admin.user,
        world.teacher.user,
        world.student.user,
        world.outsider,
    ]
    assert_access(url, allowed=[world.hr.user, world.analyst], denied=denied, denied_status=NOT_FOUND)
    assert world.inactive_base.id in listed_ids(world.hr.user, "/api/v1/bases/")
    assert world.inactive_base.id not in listed_ids(world.mentor.user, "/api/v1/bases/")


def test_an_inactive_on_campus_base_is_seen_by_its_host_schools_admin(world):
    closed = f.OnCampusBaseFactory(host_institution=world.school, is_active=False)
    url = f"/api/v1/bases/{closed.id}/"
    assert_access(
        url,
        allowed=[world.admin.user, world.analyst],
        denied=[world.teacher.user, world.other_admin.user, world.student.user],
        denied_status=NOT_FOUND,
    )


def test_a_pending_companys_base_is_seen_only_by_its_hr_and_analysts(world):
    url = f"/api/v1/bases/{world.pending_base.id}/"
    denied = [world.admin.user, world.hr.user, world.student.user, world.teacher.user, world.outsider]
    assert_access(url, allowed=[world.pending_hr.user, world.analyst], denied=denied, denied_status=NOT_FOUND)
    assert world.pending_base.id not in listed_ids(world.admin.user, "/api/v1/bases/")


def test_company_hr_edits_their_off_campus_base(world):
    url = f"/api/v1/bases/{world.base.id}/"
    assert_access(url, method="patch", data={"capacity": 55}, allowed=[world.hr.user], denied=[])
    world.base.refresh_from_db()
    assert world.base.capacity == 55


def test_mentors_other_companies_and_schools_cannot_edit_an_off_campus_base(world):
    url = f"/api/v1/bases/{world.base.id}/"
    denied = [
        world.mentor.user,
        world.other_hr.user,
        world.admin.user,
        world.teacher.user,
        world.student.user,
        world.analyst,
        world.outsider,
    ]
    assert_access(url, method="patch", data={"capacity": 1}, allowed=[], denied=denied, denied_status=FORBIDDEN)
    world.base.refresh_from_db()
    assert world.base.capacity == 30


def test_only_the_host_schools_admin_edits_an_on_campus_base(world):
    url = f"/api/v1/bases/{world.campus_base.id}/"
    denied = [world.other_admin.user, world.teacher.user, world.hr.user, world.student.user, world.analyst]
    assert_access(url, method="patch", data={"capacity": 1}, allowed=[], denied=denied, denied_status=FORBIDDEN)
    assert_access(url, method="patch", data={"capacity": 80}, allowed=[world.admin.user], denied=[])
    world.campus_base.refresh_from_db()
    assert world.campus_base.capacity == 80


def test_bases_are_never_deleted_only_retired(world):
    assert client_for(world.hr.user).delete(f"/api/v1/bases/{world.base.id}/").status_code == 405
    assert client_for(world.admin.user).delete(f"/api/v1/bases/{world.campus_base.id}/").status_code == 405
    retire = {"is_active": False}
    assert client_for(world.hr.user).patch(f"/api/v1/bases/{world.base.id}/", retire, format="json").status_code == 200
    assert TrainingBase.objects.filter(pk=world.base.pk, is_active=False).exists()
    assert TrainingBase.objects.filter(pk=world.campus_base.pk).exists()


def test_company_hr_adds_an_off_campus_base_for_their_company(world):
    data = new_off_campus_base(world.company)
    assert_access(
        "/api/v1/bases/", method="post", data=data, allowed=[world.hr.user], denied=[], allowed_status=CREATED
    )
    base = TrainingBase.objects.get(name="新基地")
    assert base.company == world.company
    assert list(base.job_clusters.values_list("code", flat=True)) == ["production"]


def test_company_hr_cannot_add_a_base_for_another_company(world):
    response = client_for(world.other_hr.user).post("/api/v1/bases/", new_off_campus_base(world.company), format="json")
    assert response.status_code == 400
    assert "company" in response.json()["fields"]
    assert not TrainingBase.objects.filter(name="新基地").exists()


def test_mentors_teachers_students_and_analysts_cannot_add_bases(world):
    data = new_off_campus_base(world.company)
    denied = [world.mentor.user, world.teacher.user, world.student.user, world.analyst, world.outsider]
    assert_access("/api/v1/bases/", method="post", data=data, allowed=[], denied=denied, denied_status=FORBIDDEN)
    assert not TrainingBase.objects.filter(name="新基地").exists()


def test_school_admin_adds_an_on_campus_base_for_their_school(world):
    assert_access(
        "/api/v1/bases/",
        method="post",
        data=new_on_campus_base(world.school),
        allowed=[world.admin.user],
        denied=[],
        allowed_status=CREATED,
    )
    base = TrainingBase.objects.get(name="长安福特实训中心")
    assert base.host_institution == world.school
    assert base.company is None


def test_school_admin_cannot_create_an_on_campus_base_for_another_school(world):
    response = client_for(world.admin.user).post(
        "/api/v1/bases/", new_on_campus_base(world.other_school), format="json"
    )
    assert response.status_code == 400
    assert "host_institution" in response.json()["fields"]
    assert not TrainingBase.objects.filter(name="长安福特实训中心").exists()


def test_company_hr_cannot_create_an_on_campus_base(world):
    response = client_for(world.hr.user).post("/api/v1/bases/", new_on_campus_base(world.school), format="json")
    assert response.status_code == 400
    assert "host_institution" in response.json()["fields"]


def test_company_hr_cannot_move_their_base_to_another_company(world):
    response = client_for(world.hr.user).patch(
        f"/api/v1/bases/{world.base.id}/", {"company": world.other_company.id}, format="json"
    )
    assert response.status_code == 400
    assert "company" in response.json()["fields"]
    world.base.refresh_from_db()
    assert world.base.company == world.company


def test_base_can_edit_flag_is_true_only_for_its_owner(world):
    url = f"/api/v1/bases/{world.base.id}/"
    assert client_for(world.hr.user).get(url).json()["can_edit"] is True
    assert client_for(world.mentor.user).get(url).json()["can_edit"] is False
    campus = f"/api/v1/bases/{world.campus_base.id}/"
    assert client_for(world.admin.user).get(campus).json()["can_edit"] is True
    assert client_for(world.other_admin.user).get(campus).json()["can_edit"] is False


# -- choices ---------------------------------------------------------------------------------------------------


def test_every_signed_in_user_reads_the_choices(world):
    everyone = [world.student.user, world.teacher.user, world.hr.user, world.analyst, world.outsider]
    assert_access("/api/v1/choices/", allowed=everyone, denied=[])
    body = client_for(world.outsider).get("/api/v1/choices/").json()
    assert {"value": "比亚迪", "label": "比亚迪"} in body["brands"]
    assert len(body["districts"]) == 13


def test_choices_are_read_only(world):
    assert client_for(world.admin.user).post("/api/v1/choices/", {}, format="json").status_code == 405


def test_job_cluster_choices_follow_the_request_language(world):
    client = client_for(world.student.user)
    zh = {c["value"]: c["label"] for c in client.get("/api/v1/choices/").json()["job_clusters"]}
    en = {
        c["value"]: c["label"] for c in client.get("/api/v1/choices/", HTTP_ACCEPT_LANGUAGE="en").json()["job_clusters"]
    }
    assert zh["production"] == "生产制造"
    assert en["production"] == "Production and manufacturing"


def test_district_choices_are_labelled_in_chinese_by_default(world):
    districts = {
        c["value"]: c["label"] for c in client_for(world.student.user).get("/api/v1/choices/").json()["districts"]
    }
    assert districts["jiangxia"] == "江夏区"


def test_district_choices_are_labelled_in_english_on_request(world):
    body = client_for(world.student.user).get("/api/v1/choices/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert {c["value"]: c["label"] for c in body["districts"]}["jiangxia"] == "Jiangxia"


# -- company import --------------------------------------------------------------------------------------------


def test_only_school_admins_download_the_company_template(world):
    denied = [world.teacher.user, world.student.user, world.hr.user, world.analyst, world.outsider]
    assert_access(
        "/api/v1/imports/companies/template/", allowed=[world.admin.user], denied=denied, denied_status=FORBIDDEN
    )


def test_only_school_admins_import_companies(world):
    denied = [world.teacher.user, world.student.user, world.hr.user, world.mentor.user, world.analyst, world.outsider]
    assert_access(
        "/api/v1/imports/companies/",
        method="post",
        data={"dry_run": True},
        allowed=[],
        denied=denied,
        denied_status=FORBIDDEN,
    )
    response = client_for(world.admin.user).post("/api/v1/imports/companies/", {"dry_run": "true"})
    assert response.status_code == 400
    assert "file" in response.json()["fields"]
