"""Query parameters are declared and bounded: an id or a year beyond 64 bits, or a year outside a plausible
window, is a translated 400 in the error shape on every list and report (never an OverflowError 500), and the
parameters appear in the OpenAPI schema."""

from __future__ import annotations

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from placements.api.rounds import PreferencesSerializer, PrioritiesSerializer
from tests.access import client_for

pytestmark = pytest.mark.django_db

HUGE = str(2**70)
FILTERS = [
    ("/api/v1/slots/", "major"),
    ("/api/v1/placements/", "cohort"),
    ("/api/v1/placements/", "company"),
    ("/api/v1/placements/", "advisor"),
    ("/api/v1/students/", "major"),
    ("/api/v1/cohorts/", "major"),
    ("/api/v1/stay-report/", "institution"),
    ("/api/v1/stay-report/", "year"),
    ("/api/v1/stay-report/", "employer"),
    ("/api/v1/stay-report/conversion/", "employer"),
    ("/api/v1/stay-report/conversion/", "cohort"),
    ("/api/v1/certificates/report/", "institution"),
    ("/api/v1/talent-points/", "year"),
]


def get(client: APIClient, url: str, params: dict):
    client.raise_request_exception = False
    return client.get(url, params, HTTP_ACCEPT_LANGUAGE="en")


def assert_refused(response, field: str):
    assert response.status_code == 400, (response.status_code, response.content[:300])
    body = response.json()
    assert (body["status"], body["code"]) == (400, "invalid")
    assert body["detail"] == "The input is not valid; see the marked fields."
    assert any(key == field or key.startswith(f"{field}.") for key in body["fields"]), body["fields"]


@pytest.mark.parametrize(("url", "param"), FILTERS)
@pytest.mark.parametrize("value", [HUGE, "-" + HUGE])
def test_an_integer_beyond_64_bits_in_a_filter_is_a_400(world, url, param, value):
    assert_refused(get(client_for(world.admin.user), url, {param: value}), param)


@pytest.mark.parametrize(("url", "param"), FILTERS)
def test_an_ordinary_value_of_the_same_filter_is_accepted(world, url, param):
    ids = {"major": world.major, "cohort": world.cohort, "company": world.company, "employer": world.company,
           "advisor": world.teacher, "institution": world.school}  # fmt: skip
    value = timezone.localdate().year if param == "year" else ids[param].pk
    response = get(client_for(world.admin.user), url, {param: value})
    assert response.status_code == 200, response.content[:300]


@pytest.mark.parametrize("year", ["0", "10000", "abc", "-1", str(2**64)])
def test_talent_points_refuse_a_year_outside_a_plausible_window(world, year):
    assert_refused(get(client_for(world.admin.user), "/api/v1/talent-points/", {"year": year}), "year")


def test_talent_points_default_to_this_year(world):
    response = get(client_for(world.admin.user), "/api/v1/talent-points/", {})
    assert response.status_code == 200
    assert response.json()["year"] == timezone.localdate().year


def test_the_stay_report_refuses_a_year_of_the_far_future_and_takes_several_years(world):
    this_year = timezone.localdate().year
    client = client_for(world.admin.user)
    assert_refused(get(client, "/api/v1/stay-report/", {"year": this_year + 500}), "year")
    assert get(client, "/api/v1/stay-report/", {"year": [this_year - 1, this_year]}).status_code == 200


@pytest.mark.parametrize(
    ("url", "params", "field"),
    [
        ("/api/v1/stay-report/", {"by": "gender"}, "by"),
        ("/api/v1/stay-report/", {"format": "pdf"}, "format"),
        ("/api/v1/stay-report/conversion/", {"table": "flow"}, "table"),
        ("/api/v1/certificates/report/", {"group_by": "gender"}, "group_by"),
        ("/api/v1/majors/", {"archived": "maybe"}, "archived"),
    ],
)
def test_a_value_that_is_not_one_of_the_choices_is_a_400(world, url, params, field):
    assert_refused(get(client_for(world.admin.user), url, params), field)


def test_a_blank_id_filter_means_no_filter(world):
    response = get(client_for(world.admin.user), "/api/v1/stay-report/", {"institution": ""})
    assert response.status_code == 200


@pytest.mark.parametrize("url", ["/api/v1/stay-report/", "/api/v1/stay-report/conversion/"])
def test_a_report_filter_that_is_not_a_boolean_is_a_400_not_ignored(world, url):
    assert_refused(get(client_for(world.admin.user), url, {"confirmed_only": "maybe"}), "confirmed_only")
    assert get(client_for(world.admin.user), url, {"confirmed_only": "true"}).status_code == 200


def test_one_400_names_a_bad_filter_and_a_bad_choice_of_the_report_together(world):
    response = get(client_for(world.admin.user), "/api/v1/stay-report/", {"year": "abc", "by": "gender"})
    assert_refused(response, "year")
    assert set(response.json()["fields"]) == {"year", "by"}


def test_a_report_filter_out_of_its_window_is_refused_in_chinese(world):
    client = client_for(world.admin.user)
    client.raise_request_exception = False
    response = client.get("/api/v1/stay-report/conversion/", {"year": 1800}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 400
    low, high = timezone.localdate().year - 80, timezone.localdate().year + 10
    assert response.json()["fields"]["year"] == [f"请输入 {low} 到 {high} 之间的年份。"]


def test_unread_notices_are_still_filtered_by_a_declared_filter(world):
    # (tests/notices/test_api.py checks which notices it lists)
    assert get(client_for(world.student.user), "/api/v1/notices/", {"unread": "true"}).status_code == 200


def test_match_round_bodies_refuse_ids_beyond_64_bits():
    assert not PrioritiesSerializer(data={"slot": 2**70, "students": []}).is_valid()
    assert not PrioritiesSerializer(data={"slot": 1, "students": [2**70]}).is_valid()
    assert not PreferencesSerializer(data={"slots": [2**70]}).is_valid()
    assert PrioritiesSerializer(data={"slot": 1, "students": [2, 3]}).is_valid()


def test_the_declared_parameters_appear_in_the_openapi_schema(world):
    schema = client_for(world.admin.user).get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()

    def parameters(path: str) -> dict:
        return {p["name"]: p for p in schema["paths"][path]["get"].get("parameters", [])}

    report = parameters("/api/v1/stay-report/")
    assert report["institution"]["schema"]["maximum"] == 2**63 - 1
    assert report["year"]["schema"]["type"] == "array"
    assert report["by"]["schema"]["enum"]
    assert "year" in parameters("/api/v1/talent-points/")
    assert "group_by" in parameters("/api/v1/certificates/report/")
    assert "slot" in parameters("/api/v1/match-rounds/{id}/priorities/")
    assert "unread" in parameters("/api/v1/notices/")
