"""The school's list of placement companies (issue 15): each school decides its own list on its on-site
assessment, records who decided and when, publishes it to everyone at the school, and the bases that serve a
school follow from it. The migration put the companies a school already worked with on its list."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps as global_apps

from companies.models import ListedCompany, SiteInspection
from tests import factories as f
from tests.access import FORBIDDEN, assert_access
from tests.media import media_root  # noqa: F401 (autouse: the reports land in a temporary folder)
from tests.placements.helpers import client_for

pytestmark = pytest.mark.django_db

LIST = "/api/v1/school-companies/"


def assessment(world, school, base=None, outcome="passed") -> SiteInspection:
    return f.SiteInspectionFactory(base=base or world.base, institution=school, outcome=outcome)


def test_a_school_admin_puts_a_company_on_the_list_with_who_when_and_the_assessment(world):
    inspection = assessment(world, world.school)
    response = client_for(world.admin.user).post(
        LIST, {"company": world.company.pk, "assessment": inspection.pk, "decision": "校企合作委员会2026年第3次会议"},
        format="json",
    )  # fmt: skip
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["institution"] == world.school.pk
    assert body["decided_by_name"] == world.admin.user.display_name
    assert body["decided_at"] and body["assessment_on"] == inspection.inspected_on.isoformat()
    assert body["decision"] == "校企合作委员会2026年第3次会议"
    # The assessed base serves the school from now on.
    assert list(world.base.institutions.all()) == [world.school]
    assert body["base_count"] == 1


def test_one_schools_decision_does_not_put_the_company_on_another_schools_list(world):
    inspection = assessment(world, world.school)
    client_for(world.admin.user).post(LIST, {"company": world.company.pk, "assessment": inspection.pk}, format="json")
    assert client_for(world.other_admin.user).get(LIST).json()["count"] == 0
    assert list(world.base.institutions.all()) == [world.school]
    # The other school cannot list it on our assessment either.
    refused = client_for(world.other_admin.user).post(
        LIST, {"company": world.company.pk, "assessment": inspection.pk}, format="json"
    )
    assert refused.status_code == 400 and "assessment" in refused.json()["fields"]


def test_a_company_joins_only_on_a_passing_assessment_of_its_own_base(world):
    client = client_for(world.admin.user)
    failed = assessment(world, world.school, outcome="failed")
    other_company = assessment(world, world.school, base=f.OffCampusBaseFactory())
    for inspection in (failed, other_company):
        refused = client.post(LIST, {"company": world.company.pk, "assessment": inspection.pk}, format="json")
        assert refused.status_code == 400 and "assessment" in refused.json()["fields"]
    assert not ListedCompany.objects.exists()


def test_a_company_under_review_does_not_join(world):
    inspection = assessment(world, world.school, base=world.pending_base)
    refused = client_for(world.admin.user).post(
        LIST, {"company": world.pending_base.company_id, "assessment": inspection.pk}, format="json"
    )
    assert refused.status_code == 400 and "company" in refused.json()["fields"]


def test_a_base_is_linked_only_while_its_company_is_on_the_list(world):
    client = client_for(world.admin.user)
    inspection = assessment(world, world.school)
    second = f.OffCampusBaseFactory(company=world.company)
    assessment(world, world.school, base=second)
    link = f"/api/v1/bases/{second.pk}/link/"
    assert client.post(link, {}, format="json").json()["code"] == "company_not_listed"
    listed = client.post(LIST, {"company": world.company.pk, "assessment": inspection.pk}, format="json").json()
    assert client.post(link, {}, format="json").status_code == 200
    world.base.institutions.add(world.other_school)  # another school's link stays
    removed = client.post(f"{LIST}{listed['id']}/remove/", {"reason": "复查发现夜班安排不合规。"}, format="json")
    assert removed.status_code == 200, removed.content
    assert removed.json()["removed_by_name"] == world.admin.user.display_name
    assert not removed.json()["is_current"]
    assert list(second.institutions.all()) == []
    assert list(world.base.institutions.all()) == [world.other_school]
    # Removed entries stay readable, off the current list.
    assert client.get(LIST).json()["count"] == 0
    assert client.get(LIST, {"current": "false"}).json()["count"] == 1


def test_removal_needs_a_reason_and_happens_once(world):
    inspection = assessment(world, world.school)
    client = client_for(world.admin.user)
    listed = client.post(LIST, {"company": world.company.pk, "assessment": inspection.pk}, format="json").json()
    url = f"{LIST}{listed['id']}/remove/"
    assert client.post(url, {}, format="json").status_code == 400
    assert client.post(url, {"reason": "合作终止"}, format="json").status_code == 200
    assert client.post(url, {"reason": "合作终止"}, format="json").status_code == 409
    assert (
        client.post(LIST, {"company": world.company.pk, "assessment": inspection.pk}, format="json").status_code == 201
    )


def test_the_list_is_published_to_everyone_at_the_school_and_only_there(world):
    inspection = assessment(world, world.school)
    ListedCompany.objects.create(
        institution=world.school, company=world.company, decided_by=world.admin.user, decided_at=inspection.created_at,
        assessment=inspection,
    )  # fmt: skip
    for user in (world.student.user, world.classmate.user, world.teacher.user, world.admin.user):
        rows = client_for(user).get(LIST).json()["results"]
        assert [r["company_name"] for r in rows] == [world.company.name], user
    for user in (world.other_admin.user, world.other_teacher.user, world.hr.user, world.analyst, world.outsider):
        assert client_for(user).get(LIST).json()["count"] == 0
    # Only admins record decisions: a teacher or a student is refused before the form is read.
    assert_access(
        LIST, method="post", data={}, allowed=[], denied=[world.teacher.user, world.student.user, world.hr.user],
        denied_status=FORBIDDEN,
    )  # fmt: skip


def test_the_migration_lists_the_companies_each_school_already_worked_with(world):
    world.base.institutions.add(world.school)
    f.OffCampusBaseFactory(company=world.company).institutions.add(world.school, world.other_school)
    world.campus_base.institutions.add(world.school)  # an on-campus base is no company's
    migration = importlib.import_module("companies.migrations.0010_school_company_list")
    migration.list_linked_companies(global_apps, None)
    rows = ListedCompany.objects.order_by("institution_id").values_list(
        "institution_id", "company_id", "source", "decided_by"
    )
    assert list(rows) == [
        (world.school.pk, world.company.pk, "migration", None),
        (world.other_school.pk, world.company.pk, "migration", None),
    ]
