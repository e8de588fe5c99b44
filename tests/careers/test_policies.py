"""Policy information (政策信息, issue 18): every signed-in user reads the city's talent policies with their source
and its date; only the city's staff add, edit and archive them; bad input is a translated 400 with nothing
written; the starting policies are the facts of WUHAN.md and the source document, with no invented application
route."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careers.models import Policy
from careers.policies import FACTS, seed_policies
from tests.access import FORBIDDEN, NOT_FOUND, assert_access, client_for

pytestmark = pytest.mark.django_db

URL = "/api/v1/policies/"


@pytest.fixture
def policy():
    return Policy.objects.create(
        title="小微企业吸纳毕业生补贴",
        offers="每吸纳一名高校毕业生，给予企业 1,000 元。",
        source="公开报道",
        source_date="2020",
    )


def test_every_signed_in_user_reads_the_policies_with_source_and_date(world, policy):
    readers = world.users("student", "teacher", "admin", "hr", "mentor", "analyst", "city_staff", "outsider")
    assert_access(URL, allowed=readers, denied=[])
    assert_access(f"{URL}{policy.pk}/", allowed=readers, denied=[])
    row = client_for(world.student.user).get(URL).json()["results"][0]
    assert (row["title"], row["source"], row["source_date"]) == (policy.title, "公开报道", "2020")
    assert row["can_edit"] is False


def test_city_staff_add_a_policy_and_others_may_not(world):
    body = {"title": "就业见习补贴", "offers": "见习单位按月获得补贴。", "source": "公开报道", "source_date": "2020"}
    others = world.users("student", "teacher", "admin", "hr", "analyst", "outsider")
    assert_access(URL, method="post", data=body, allowed=[], denied=others, denied_status=FORBIDDEN)
    assert not Policy.objects.exists()
    created = client_for(world.city_staff).post(URL, body, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["can_edit"] is True
    assert created.json()["updated_by_name"] == world.city_staff.full_name


def test_city_staff_edit_a_policy_and_a_teacher_is_refused(world, policy):
    url = f"{URL}{policy.pk}/"
    refused = client_for(world.teacher.user).patch(url, {"title": "改"}, format="json")
    assert refused.status_code == 403
    edited = client_for(world.city_staff).patch(url, {"eligibility": "小型和微型企业。"}, format="json")
    assert edited.status_code == 200, edited.content
    policy.refresh_from_db()
    assert policy.eligibility == "小型和微型企业。" and policy.updated_by == world.city_staff


def test_a_policy_without_its_source_is_refused_in_chinese_and_nothing_is_written(world):
    response = client_for(world.city_staff).post(URL, {"title": "无来源", "offers": "某项补贴"}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert "source" in str(body) and "source_date" in str(body)
    assert not Policy.objects.exists()


def test_an_archived_policy_leaves_the_page_but_the_city_staff_can_restore_it(world, policy):
    staff = client_for(world.city_staff)
    assert staff.post(f"{URL}{policy.pk}/archive/").status_code == 200
    assert client_for(world.student.user).get(URL).json()["count"] == 0
    assert_access(
        f"{URL}{policy.pk}/", allowed=[world.city_staff], denied=[world.student.user], denied_status=NOT_FOUND
    )
    assert client_for(world.analyst).post(f"{URL}{policy.pk}/restore/").status_code == 404
    assert staff.get(URL, {"archived": "true"}).json()["count"] == 1
    assert staff.post(f"{URL}{policy.pk}/restore/").status_code == 200
    assert client_for(world.student.user).get(URL).json()["count"] == 1


def test_the_starting_policies_are_sourced_and_dated_and_name_no_application_route():
    seed_policies()
    seed_policies()  # idempotent
    assert Policy.objects.count() == len(FACTS)
    for policy in Policy.objects.all():
        assert policy.source and policy.source_date
        assert policy.how_to_apply == ""  # none of the sources says where to apply


def test_the_policy_list_runs_the_same_queries_at_5_and_30_rows(world):
    def queries(size: int) -> int:
        client = client_for(world.student.user)
        client.get(URL)  # warm the per-process caches outside the count
        with CaptureQueriesContext(connection) as captured:
            response = client.get(URL, {"page_size": size})
        assert len(response.json()["results"]) == size
        return len(captured.captured_queries)

    for n in range(30):
        Policy.objects.create(
            title=f"政策{n}", offers="说明", source="来源", source_date="2020", updated_by=world.city_staff
        )
    assert queries(5) == queries(30)
