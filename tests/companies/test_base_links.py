"""Which schools a base serves is the schools' decision: HR cannot set a base's linked schools (its slot notices
would reach students of schools that never chose the base); a school admin links or unlinks their own school
only, and a slot's notice reaches the students of the linked schools only."""

from __future__ import annotations

import pytest
from django.utils import timezone

from companies.models import ListedCompany
from notices.models import Notice
from tests import factories as f
from tests.access import FORBIDDEN, NOT_FOUND, assert_access, client_for
from tests.placements.helpers import make_slot

pytestmark = pytest.mark.django_db


def base_url(base, action: str = "") -> str:
    return f"/api/v1/bases/{base.pk}/{action}"


def test_hr_cannot_link_schools_to_their_base_by_editing_it(world):
    response = client_for(world.hr.user).patch(
        base_url(world.base), {"institutions": [world.school.pk, world.other_school.pk]}, format="json"
    )
    assert response.status_code == 200
    assert list(world.base.institutions.all()) == []
    created = client_for(world.hr.user).post(
        "/api/v1/bases/",
        {"name": "新基地", "kind": "off_campus", "company": world.company.pk, "district": "jiangxia", "capacity": 5,
         "institutions": [world.school.pk]},
        format="json",
    )  # fmt: skip
    assert created.status_code == 201
    assert created.json()["institutions"] == []


def test_a_school_admin_links_and_unlinks_their_own_school(world):
    ListedCompany.objects.create(institution=world.school, company=world.company, decided_at=timezone.now())
    client = client_for(world.admin.user)
    linked = client.post(base_url(world.base, "link/"), {}, format="json")
    assert linked.status_code == 200, linked.content
    assert linked.json()["institutions"] == [world.school.pk]
    assert client.post(base_url(world.base, "link/"), {}, format="json").status_code == 409
    unlinked = client.post(base_url(world.base, "unlink/"), {"institution": world.school.pk}, format="json")
    assert unlinked.status_code == 200
    assert unlinked.json()["institutions"] == []


def test_a_school_admin_cannot_link_or_unlink_another_school(world):
    world.base.institutions.add(world.school)
    for action in ("link/", "unlink/"):
        response = client_for(world.other_admin.user).post(
            base_url(world.base, action), {"institution": world.school.pk}, format="json"
        )
        assert response.status_code == 403, action
    assert list(world.base.institutions.all()) == [world.school]


def test_only_school_admins_link_schools_to_bases(world):
    for action in ("link/", "unlink/"):
        assert_access(
            base_url(world.base, action),
            method="post",
            data={"institution": world.school.pk},
            allowed=[],
            denied=[world.hr.user, world.mentor.user, world.teacher.user, world.student.user, world.analyst,
                    world.outsider],
            denied_status=FORBIDDEN,
        )  # fmt: skip
    # A base the admin does not see (a pending company's) is not even confirmed to exist.
    assert_access(
        base_url(world.pending_base, "link/"), method="post", allowed=[], denied=[world.admin.user],
        denied_status=NOT_FOUND,
    )  # fmt: skip
    assert list(world.base.institutions.all()) == []


def test_an_on_campus_base_is_not_linked(world):
    response = client_for(world.admin.user).post(base_url(world.campus_base, "link/"), {}, format="json")
    assert response.status_code == 409


def test_slot_notices_reach_only_the_students_of_the_linked_schools(world, django_capture_on_commit_callbacks):
    client_for(world.hr.user).patch(
        base_url(world.base), {"institutions": [world.school.pk, world.other_school.pk]}, format="json"
    )
    # Rule 14: assessed on site first, and put on the other school's list on that assessment (which links it).
    inspection = f.SiteInspectionFactory(base=world.base, institution=world.other_school)
    listed = client_for(world.other_admin.user).post(
        "/api/v1/school-companies/", {"company": world.company.pk, "assessment": inspection.pk}, format="json"
    )
    assert listed.status_code == 201
    world.other_student.cohort.major.category = world.major.category
    world.other_student.cohort.major.save()
    slot = make_slot(world, status="draft", majors=[world.major, world.other_student.cohort.major])
    with django_capture_on_commit_callbacks(execute=True):
        assert client_for(world.hr.user).post(f"/api/v1/slots/{slot.pk}/publish/").status_code == 200
    told = set(Notice.objects.filter(kind="slot_opened").values_list("recipient_id", flat=True))
    assert world.other_student.user_id in told
    assert world.student.user_id not in told  # their school never chose the base
