"""The base services hold the ownership rules whoever calls them (the API's serializer only checks shapes): a
school admin manages their school's on-campus bases, a vetted company's HR their company's off-campus ones, and
the kind of a base never changes."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.actor import actor_for
from companies.bases import base_create, base_update
from companies.models import JobCluster, TrainingBase
from core.errors import DomainError

pytestmark = pytest.mark.django_db


def test_hr_creates_an_off_campus_base_of_their_company_with_its_job_clusters(world):
    clusters = list(JobCluster.objects.all()[:1])
    base = base_create(
        actor=actor_for(world.hr.user), name="新基地", kind="off_campus", company=world.company,
        district="jiangxia", capacity=20, job_clusters=clusters,
    )  # fmt: skip
    assert base.company == world.company
    assert list(base.job_clusters.all()) == clusters


def test_hr_cannot_create_a_base_for_another_company_even_through_the_service(world):
    with pytest.raises(ValidationError) as refused:
        base_create(
            actor=actor_for(world.hr.user), name="新基地", kind="off_campus", company=world.other_company,
            district="jiangxia", capacity=20,
        )  # fmt: skip
    assert "company" in refused.value.message_dict
    assert not TrainingBase.objects.filter(name="新基地").exists()


def test_a_company_under_review_adds_no_base(world):
    with pytest.raises(DomainError) as refused:
        base_create(
            actor=actor_for(world.pending_hr.user), name="新基地", kind="off_campus", company=world.pending_company,
            district="jiangxia", capacity=5,
        )  # fmt: skip
    assert refused.value.code == "company_not_approved"


def test_a_school_admin_cannot_host_a_base_at_another_school(world):
    with pytest.raises(ValidationError) as refused:
        base_create(
            actor=actor_for(world.admin.user), name="实训中心", kind="on_campus", host_institution=world.other_school,
            partner_brand="长安福特", capacity=40,
        )  # fmt: skip
    assert "host_institution" in refused.value.message_dict


def test_only_the_owner_changes_a_base_and_its_kind_never_changes(world):
    with pytest.raises(PermissionDenied):
        base_update(actor=actor_for(world.other_hr.user), base=world.base, capacity=1)
    with pytest.raises(ValidationError) as refused:
        base_update(actor=actor_for(world.hr.user), base=world.base, kind="on_campus")
    assert "kind" in refused.value.message_dict
    changed = base_update(actor=actor_for(world.hr.user), base=world.base, capacity=7)
    assert TrainingBase.objects.get(pk=world.base.pk).capacity == changed.capacity == 7
