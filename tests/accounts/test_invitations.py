"""Staff invitations: adding a teacher or a colleague never attaches a role to an account that has not proved
control of the address and accepted (issue 12, account takeover)."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.actor import actor_for
from accounts.models import Invitation
from companies.models import CompanyMember
from core.errors import DomainError
from notices.models import Notice
from schools.models import Teacher
from tests import factories as f
from tests.access import FORBIDDEN, NOT_FOUND, assert_access, client_for, listed_ids
from tests.invitations import invite, token_from

User = get_user_model()
ACCEPT = "/api/v1/invitations/accept/"
LOOKUP = "/api/v1/invitations/lookup/"
SIGNUP = "/_allauth/browser/v1/auth/signup"
NEW_PASSWORD = "Ginkgo-Lantern-42"


def signed_up_stranger(email: str) -> User:
    """Someone who signs up through the app's own sign-up with an address they do not control."""
    client = APIClient()
    response = client.post(SIGNUP, {"email": email, "password": "Stranger-Pass-77"}, format="json")
    assert response.status_code == 200, response.content  # verification is optional here: signed in, unverified
    user = User.objects.get(email__iexact=email)
    assert not EmailAddress.objects.get(user=user).verified
    return user


def add_teacher(admin, email: str, full_name: str = "李老师", capture=None, **extra):
    data = {"institution": admin.teacher_roles.first().institution_id, "email": email, "full_name": full_name, **extra}
    return client_for(admin).post("/api/v1/teachers/", data, format="json")


# -- the takeover ---------------------------------------------------------------------------------------------


def test_a_stranger_who_signed_up_first_with_the_address_gets_no_role_when_the_school_adds_it(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    stranger = signed_up_stranger("new.colleague@test.example.com")
    with django_capture_on_commit_callbacks(execute=True):
        response = add_teacher(world.admin.user, "new.colleague@test.example.com", role="admin")
    assert response.status_code == 201, response.content
    assert not Teacher.objects.filter(user=stranger).exists()
    stranger.refresh_from_db()
    assert actor_for(stranger).roles == []
    assert client_for(stranger).get("/api/v1/me/").json()["roles"] == []
    # The invitee holds the token but not the stranger's password: the token alone attaches nothing.
    token = token_from(mailoutbox[-1])
    response = APIClient().post(ACCEPT, {"token": token, "full_name": "x", "password": NEW_PASSWORD}, format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "sign_in_required"
    assert not Teacher.objects.filter(user=stranger).exists()
    stranger.refresh_from_db()
    assert not stranger.check_password(NEW_PASSWORD)
    assert Invitation.objects.get().status == "pending"


def test_the_stranger_signed_in_cannot_accept_without_the_token(world):
    stranger = signed_up_stranger("new.colleague@test.example.com")
    invite(world.admin.user, institution=world.school, email="new.colleague@test.example.com")
    response = client_for(stranger).post(ACCEPT, {"token": "AAAA-BBBB-CCCC-DDDD"}, format="json")
    assert response.status_code == 400
    assert "token" in response.json()["fields"]
    assert not Teacher.objects.filter(user=stranger).exists()


def test_the_owner_of_an_existing_account_accepts_signed_in_and_the_address_becomes_verified(world):
    person = f.UserFactory(email="li.laoshi@test.example.com")
    EmailAddress.objects.filter(user=person).update(verified=False)
    invitation = invite(world.admin.user, institution=world.school, email="LI.laoshi@test.example.com", role="admin")
    response = client_for(person).post(ACCEPT, {"token": invitation.token}, format="json")
    assert response.status_code == 200, response.content
    assert response.json() == {"email": "li.laoshi@test.example.com", "created_account": False}
    teacher = Teacher.objects.get(user=person, institution=world.school)
    assert teacher.role == "admin"
    assert EmailAddress.objects.get(user=person).verified
    invitation.refresh_from_db()
    assert (invitation.status, invitation.accepted_by) == ("accepted", person)


def test_signed_in_as_another_account_the_token_does_not_attach_the_role(world):
    person = f.UserFactory(email="li.laoshi@test.example.com")
    invitation = invite(world.admin.user, institution=world.school, email=person.email)
    response = client_for(world.outsider).post(ACCEPT, {"token": invitation.token}, format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "wrong_account"
    assert not Teacher.objects.filter(institution=world.school, user__in=[person, world.outsider]).exists()
    invitation.refresh_from_db()
    assert invitation.status == "pending"


def test_a_signed_in_user_cannot_take_an_invitation_for_an_address_without_an_account(world):
    invitation = invite(world.admin.user, institution=world.school, email="nobody.yet@test.example.com")
    response = client_for(world.outsider).post(ACCEPT, {"token": invitation.token}, format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "sign_out_required"
    assert not Teacher.objects.filter(user=world.outsider).exists()


# -- a new person -----------------------------------------------------------------------------------------------


def test_a_new_person_sets_their_name_and_password_and_can_sign_in(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = add_teacher(world.admin.user, "wang.laoshi@test.example.com", full_name="王老师", title="讲师")
    assert response.status_code == 201, response.content
    assert not User.objects.filter(email="wang.laoshi@test.example.com").exists()  # nothing until accepted
    [mail] = mailoutbox
    assert mail.to == ["wang.laoshi@test.example.com"]
    token = token_from(mail)
    assert f"/invitations/accept?token={token}" in mail.body
    assert token in mail.body.split("?token=")[1].split("\n", 1)[1]  # the code, written out again
    assert token not in str(Invitation.objects.values_list().get())  # only its digest is stored

    anonymous = APIClient()
    response = anonymous.post(ACCEPT, {"token": token, "full_name": "王芳", "password": NEW_PASSWORD}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["created_account"] is True
    user = User.objects.get(email="wang.laoshi@test.example.com")
    assert user.full_name == "王芳"
    assert EmailAddress.objects.get(user=user).verified
    teacher = Teacher.objects.get(user=user)
    assert (teacher.institution, teacher.role, teacher.title) == (world.school, "teacher", "讲师")
    assert APIClient().login(username=user.username, password=NEW_PASSWORD)
    assert Notice.objects.get(recipient=world.admin.user, kind="invitation_accepted").link == "/teachers"


def test_a_weak_password_is_refused_in_the_error_shape_and_nothing_is_created(world):
    invitation = invite(world.admin.user, institution=world.school, email="wang.laoshi@test.example.com")
    response = APIClient().post(ACCEPT, {"token": invitation.token, "full_name": "", "password": "12345678"})
    assert response.status_code == 400
    fields = response.json()["fields"]
    assert "password" in fields and "full_name" in fields
    assert not User.objects.filter(email="wang.laoshi@test.example.com").exists()
    invitation.refresh_from_db()
    assert invitation.status == "pending"


def test_an_invitation_is_used_once(world):
    invitation = invite(world.admin.user, institution=world.school, email="wang.laoshi@test.example.com")
    body = {"token": invitation.token, "full_name": "王芳", "password": NEW_PASSWORD}
    assert APIClient().post(ACCEPT, body, format="json").status_code == 200
    again = APIClient().post(ACCEPT, body, format="json")
    assert again.status_code == 400
    assert "token" in again.json()["fields"]
    assert User.objects.filter(email="wang.laoshi@test.example.com").count() == 1


def test_an_expired_invitation_cannot_be_accepted(world):
    invitation = invite(world.admin.user, institution=world.school, email="wang.laoshi@test.example.com")
    later = timezone.now() + timedelta(days=settings.INVITATION_DAYS, hours=1)
    with time_machine.travel(later):
        body = {"token": invitation.token, "full_name": "王芳", "password": NEW_PASSWORD}
        response = APIClient().post(ACCEPT, body, format="json")
        assert response.status_code == 400
        assert "token" in response.json()["fields"]
        listed = client_for(world.admin.user).get("/api/v1/invitations/").json()["results"]
        assert [row["status"] for row in listed] == ["expired"]
    assert not User.objects.filter(email="wang.laoshi@test.example.com").exists()


def test_the_token_is_looked_up_without_revealing_any_account(world):
    person = f.UserFactory(email="li.laoshi@test.example.com", full_name="李真名")
    invitation = invite(world.admin.user, institution=world.school, email=person.email, full_name="李老师")
    response = APIClient().post(LOOKUP, {"token": invitation.token}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert body["organisation"] == world.school.name
    assert body["full_name"] == "李老师"
    assert (body["account_exists"], body["signed_in"], body["signed_in_as_invitee"]) == (True, False, False)
    assert "李真名" not in response.content.decode()
    assert client_for(person).post(LOOKUP, {"token": invitation.token}, format="json").json()["signed_in_as_invitee"]
    assert APIClient().post(LOOKUP, {"token": "nope"}, format="json").status_code == 400


# -- the inviter's side ---------------------------------------------------------------------------------------


def test_adding_a_teacher_answers_with_the_pending_invitation_and_the_name_typed_not_the_accounts(world):
    f.UserFactory(email="li.laoshi@test.example.com", full_name="李真名")
    response = add_teacher(world.admin.user, "li.laoshi@test.example.com", full_name="李老师")
    assert response.status_code == 201
    body = response.json()
    assert (body["email"], body["full_name"], body["status"]) == ("li.laoshi@test.example.com", "李老师", "pending")
    assert "李真名" not in response.content.decode()
    listed = client_for(world.admin.user).get("/api/v1/invitations/", {"open": "true"})
    assert "李真名" not in listed.content.decode()
    assert not Teacher.objects.filter(user__email="li.laoshi@test.example.com").exists()


def test_the_same_address_is_not_invited_twice_nor_someone_already_on_the_staff(world):
    assert add_teacher(world.admin.user, "wang.laoshi@test.example.com").status_code == 201
    twice = add_teacher(world.admin.user, "Wang.Laoshi@test.example.com")
    assert twice.status_code == 400
    assert "email" in twice.json()["fields"]
    staff = add_teacher(world.admin.user, world.teacher.user.email)
    assert staff.status_code == 400
    assert "email" in staff.json()["fields"]
    assert Invitation.objects.count() == 1


def test_the_inviter_resends_and_only_the_new_token_works(world, mailoutbox, django_capture_on_commit_callbacks):
    invitation = invite(world.admin.user, institution=world.school, email="wang.laoshi@test.example.com")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(world.admin.user).post(f"/api/v1/invitations/{invitation.pk}/resend/")
    assert response.status_code == 200, response.content
    fresh = token_from(mailoutbox[-1])
    assert fresh != invitation.token
    old = APIClient().post(ACCEPT, {"token": invitation.token, "full_name": "王芳", "password": NEW_PASSWORD})
    assert old.status_code == 400
    new = APIClient().post(ACCEPT, {"token": fresh, "full_name": "王芳", "password": NEW_PASSWORD})
    assert new.status_code == 200


def test_an_expired_invitation_is_sent_again_with_a_new_expiry(world):
    invitation = invite(world.admin.user, institution=world.school, email="wang.laoshi@test.example.com")
    with time_machine.travel(timezone.now() + timedelta(days=settings.INVITATION_DAYS + 2)):
        response = client_for(world.admin.user).post(f"/api/v1/invitations/{invitation.pk}/resend/")
        assert response.status_code == 200
        assert response.json()["status"] == "pending"


def test_a_revoked_invitation_cannot_be_accepted_nor_sent_again(world):
    invitation = invite(world.admin.user, institution=world.school, email="wang.laoshi@test.example.com")
    client = client_for(world.admin.user)
    assert client.post(f"/api/v1/invitations/{invitation.pk}/revoke/").json()["status"] == "revoked"
    response = APIClient().post(ACCEPT, {"token": invitation.token, "full_name": "王芳", "password": NEW_PASSWORD})
    assert response.status_code == 400
    assert client.post(f"/api/v1/invitations/{invitation.pk}/resend/").status_code == 409
    assert client.post(f"/api/v1/invitations/{invitation.pk}/revoke/").status_code == 409


def test_invitations_are_listed_for_the_schools_admins_and_the_companys_hr_only(world):
    school = invite(world.admin.user, institution=world.school, email="a@test.example.com")
    company = invite(world.hr.user, company=world.company, email="b@test.example.com", role="mentor")
    assert listed_ids(world.admin.user, "/api/v1/invitations/") == {school.pk}
    assert listed_ids(world.hr.user, "/api/v1/invitations/") == {company.pk}
    for user in [world.teacher.user, world.other_admin.user, world.mentor.user, world.other_hr.user,
                 world.pending_hr.user, world.student.user, world.analyst, world.outsider]:  # fmt: skip
        assert listed_ids(user, "/api/v1/invitations/") == set(), user.username


@pytest.mark.parametrize("action", ["resend", "revoke"])
def test_only_the_inviting_side_resends_or_revokes(world, action):
    invitation = invite(world.admin.user, institution=world.school, email="a@test.example.com")
    url = f"/api/v1/invitations/{invitation.pk}/{action}/"
    hidden = [
        world.teacher.user,
        world.other_admin.user,
        world.hr.user,
        world.student.user,
        world.analyst,
        world.outsider,
    ]
    assert_access(url, method="post", allowed=[], denied=hidden, denied_status=NOT_FOUND)
    assert_access(url, method="post", allowed=[world.admin.user], denied=[])


def test_invitations_are_not_created_directly_through_their_endpoint(world):
    data = {"institution": world.school.id, "email": "a@test.example.com", "full_name": "x", "role": "teacher"}
    assert client_for(world.admin.user).post("/api/v1/invitations/", data, format="json").status_code == 405
    assert not Invitation.objects.exists()


def test_accept_and_lookup_need_no_sign_in_but_a_valid_token(world):
    for url in (ACCEPT, LOOKUP):
        response = APIClient().post(url, {"token": "ABCD-EFGH-JKLM-NPQR"}, format="json")
        assert response.status_code == 400, url
        assert response.json()["fields"]["token"]
        assert APIClient().post(url, {}, format="json").status_code == 400


# -- companies ---------------------------------------------------------------------------------------------------


def test_a_new_account_cannot_enrol_anyone_as_hr_of_its_own_company(world):
    victim = world.student.user
    client = client_for(world.outsider)
    registered = client.post(
        "/api/v1/companies/",
        {"name": "自注册企业", "credit_code": f.CompanyFactory.build().credit_code, "segment": "parts",
         "headcount": 10, "district": "jiangxia"},
        format="json",
    )  # fmt: skip
    assert registered.status_code == 201, registered.content
    company_id = registered.json()["id"]
    data = {"company": company_id, "email": victim.email, "full_name": "随便", "role": "hr"}
    response = client.post("/api/v1/company-members/", data, format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "company_not_approved"
    assert victim.full_name not in response.content.decode()
    assert not CompanyMember.objects.filter(user=victim).exists()
    assert not Invitation.objects.exists()
    assert actor_for(User.objects.get(pk=victim.pk)).roles == ["student"]


def test_approved_company_hr_adding_an_existing_person_only_invites_them_and_learns_no_name(world):
    victim = world.student.user
    data = {"company": world.company.id, "email": victim.email, "full_name": "随便", "role": "hr"}
    response = client_for(world.hr.user).post("/api/v1/company-members/", data, format="json")
    assert response.status_code == 201
    assert response.json()["full_name"] == "随便"
    assert victim.full_name not in response.content.decode()
    assert not CompanyMember.objects.filter(user=victim).exists()
    members = client_for(world.hr.user).get("/api/v1/company-members/")
    assert victim.full_name not in members.content.decode()


def test_an_unvetted_company_adds_no_members_bases_or_slots(world):
    hr = client_for(world.pending_hr.user)
    member = hr.post(
        "/api/v1/company-members/",
        {"company": world.pending_company.id, "email": "c@test.example.com", "full_name": "x", "role": "mentor"},
        format="json",
    )
    assert (member.status_code, member.json()["code"]) == (409, "company_not_approved")
    base = hr.post(
        "/api/v1/bases/",
        {"name": "新基地", "kind": "off_campus", "company": world.pending_company.id, "capacity": 5,
         "district": "jiangxia"},
        format="json",
    )  # fmt: skip
    assert (base.status_code, base.json()["code"]) == (409, "company_not_approved")
    edit = hr.patch(f"/api/v1/bases/{world.pending_base.id}/", {"capacity": 99}, format="json")
    assert edit.status_code == 403
    world.pending_base.refresh_from_db()
    assert world.pending_base.capacity != 99
    assert not CompanyMember.objects.filter(user__email="c@test.example.com").exists()
    assert world.pending_company.bases.count() == 1
    # The service refuses as well, whoever calls it.
    with pytest.raises(DomainError) as refused:
        invite(world.pending_hr.user, company=world.pending_company, email="c@test.example.com")
    assert refused.value.code == "company_not_approved"


def test_once_approved_the_company_invites_and_the_colleague_joins_on_accepting(world):
    world.pending_company.vetting_status = "approved"
    world.pending_company.save()
    invitation = invite(world.pending_hr.user, company=world.pending_company, email="c@test.example.com", role="mentor")
    response = APIClient().post(ACCEPT, {"token": invitation.token, "full_name": "周工", "password": NEW_PASSWORD})
    assert response.status_code == 200, response.content
    member = CompanyMember.objects.get(user__email="c@test.example.com")
    assert (member.company, member.role) == (world.pending_company, "mentor")


def test_company_invitations_are_refused_to_mentors_and_other_companies(world):
    data = {"company": world.company.id, "email": "x@test.example.com", "full_name": "x", "role": "hr"}
    denied = [world.mentor.user, world.admin.user, world.student.user, world.analyst, world.outsider]
    assert_access(
        "/api/v1/company-members/", method="post", data=data, allowed=[], denied=denied, denied_status=FORBIDDEN
    )
    assert client_for(world.other_hr.user).post("/api/v1/company-members/", data, format="json").status_code == 400
    assert not Invitation.objects.exists()


# -- sign-up ---------------------------------------------------------------------------------------------------


def test_a_self_signed_up_account_holds_no_role_and_can_add_nothing(world):
    stranger = signed_up_stranger("someone@test.example.com")
    client = client_for(stranger)
    assert client.get("/api/v1/me/").json()["roles"] == []
    teacher = {"institution": world.school.id, "email": "a@test.example.com", "full_name": "x"}
    assert client.post("/api/v1/teachers/", teacher, format="json").status_code == 403
    member = {"company": world.company.id, "email": "a@test.example.com", "full_name": "x", "role": "hr"}
    assert client.post("/api/v1/company-members/", member, format="json").status_code == 403
    assert client.post("/api/v1/bases/", {"name": "x", "kind": "off_campus"}, format="json").status_code == 403
    assert listed_ids(stranger, "/api/v1/invitations/") == set()


def test_an_account_with_an_unconfirmed_address_cannot_register_a_company(world):
    stranger = signed_up_stranger("someone@test.example.com")
    response = client_for(stranger).post(
        "/api/v1/companies/",
        {"name": "未验证企业", "credit_code": f.CompanyFactory.build().credit_code, "segment": "parts",
         "headcount": 10, "district": "jiangxia"},
        format="json",
    )  # fmt: skip
    assert response.status_code == 409
    assert response.json()["code"] == "email_unverified"
    assert not CompanyMember.objects.filter(user=stranger).exists()


def test_sign_up_can_be_closed_by_a_setting(db, settings):
    settings.ACCOUNT_SIGNUP_OPEN = False
    response = APIClient().post(SIGNUP, {"email": "a@test.example.com", "password": "Stranger-Pass-77"}, format="json")
    assert response.status_code == 403
    assert not User.objects.filter(email="a@test.example.com").exists()


def test_the_invitation_list_runs_a_fixed_number_of_queries(world):
    from tests.config.test_query_counts import assert_fixed_queries

    counter = iter(range(1000))

    def make_rows(n: int) -> None:
        for _ in range(n):
            invite(world.admin.user, institution=world.school, email=f"p{next(counter)}@test.example.com")

    assert_fixed_queries(client_for(world.admin.user), "/api/v1/invitations/", make_rows, expected=7)


def test_guessing_tokens_is_throttled_per_address(db, monkeypatch):
    from django.core.cache import cache

    from accounts.api.views import InvitationThrottle

    cache.clear()
    monkeypatch.setattr(InvitationThrottle, "THROTTLE_RATES", {"invitation": "3/hour"})
    client = APIClient()
    codes = [client.post(ACCEPT, {"token": f"AAAA-BBBB-CCCC-DDD{i}"}, format="json").status_code for i in range(4)]
    assert codes == [400, 400, 400, 429]
    assert client.post(LOOKUP, {"token": "AAAA-BBBB-CCCC-DDDD"}, format="json").status_code == 429
    cache.clear()


def test_a_suspended_company_invites_no_one(world):
    world.company.vetting_status = "suspended"
    world.company.save()
    data = {"company": world.company.id, "email": "c@test.example.com", "full_name": "x", "role": "mentor"}
    response = client_for(world.hr.user).post("/api/v1/company-members/", data, format="json")
    assert (response.status_code, response.json()["code"]) == (409, "company_not_approved")
    assert not Invitation.objects.exists()


def test_someone_who_left_is_invited_back_and_returns_on_accepting(world):
    from django.utils import timezone as tz

    world.teacher.archived_at = tz.now()
    world.teacher.save(update_fields=["archived_at"])
    person = world.teacher.user
    invitation = invite(world.admin.user, institution=world.school, email=person.email, role="admin")
    assert client_for(person).post(ACCEPT, {"token": invitation.token}, format="json").status_code == 200
    world.teacher.refresh_from_db()
    assert (world.teacher.archived_at, world.teacher.role) == (None, "admin")
    assert Teacher.objects.filter(user=person, institution=world.school).count() == 1
