"""A school's placement policy exists from the day the school is created, so reading it never writes; a school
without one (none in practice) reads the defaults; its admins change it through the service."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from placements.choices import ApprovalOrder
from placements.models import SchoolPolicy
from placements.selectors import policy_for
from placements.services.policies import policy_update
from tests import factories as f
from tests.placements.helpers import actor, client_for

pytestmark = pytest.mark.django_db


def test_a_new_school_has_its_placement_policy_with_the_defaults():
    school = f.InstitutionFactory()
    policy = SchoolPolicy.objects.get(institution=school)
    assert (policy.approval_order, policy.max_choices) == (ApprovalOrder.TEACHER_FIRST, 8)


def test_reading_the_policies_writes_nothing(world):
    SchoolPolicy.objects.filter(institution=world.other_school).delete()  # as if it predated the policies
    with CaptureQueriesContext(connection) as queries:
        response = client_for(world.admin.user).get("/api/v1/school-policies/")
        assert client_for(world.other_admin.user).get("/api/v1/school-policies/").json()["results"] == []
    assert response.status_code == 200
    assert [p["institution"] for p in response.json()["results"]] == [world.school.pk]
    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert [w for w in writes if "placements_schoolpolicy" in w] == []
    assert not SchoolPolicy.objects.filter(institution=world.other_school).exists()


def test_a_school_without_a_saved_policy_reads_the_defaults_unsaved(world):
    SchoolPolicy.objects.filter(institution=world.other_school).delete()
    policy = policy_for(world.other_school.pk)
    assert policy.pk is None
    assert (policy.institution_id, policy.max_choices, policy.journal_min_count) == (world.other_school.pk, 8, 12)
    assert not SchoolPolicy.objects.filter(institution=world.other_school).exists()


def test_the_schools_admin_changes_its_policy_and_a_teacher_may_not(world):
    policy = policy_for(world.school.pk)
    with pytest.raises(PermissionDenied):
        policy_update(actor=actor(world.teacher.user), policy=policy, max_choices=3)
    policy_update(actor=actor(world.admin.user), policy=policy, max_choices=3, approval_order="company_first")
    policy.refresh_from_db()
    assert (policy.max_choices, policy.approval_order) == (3, "company_first")


def test_an_out_of_range_policy_is_refused_and_nothing_is_saved(world):
    policy = policy_for(world.school.pk)
    with pytest.raises(ValidationError):
        policy_update(actor=actor(world.admin.user), policy=policy, max_choices=3, journal_cadence_days=0)
    response = client_for(world.admin.user).patch(
        f"/api/v1/school-policies/{policy.pk}/", {"max_choices": 31}, format="json"
    )
    assert response.status_code == 400
    assert "max_choices" in response.json()["fields"]
    policy.refresh_from_db()
    assert (policy.max_choices, policy.journal_cadence_days) == (8, 7)
