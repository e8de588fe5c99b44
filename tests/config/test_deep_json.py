"""A JSON body nested deeper than Python's parser can follow (`[[[[…]]]]`) is a translated 400 in the one error
shape everywhere a body is parsed: DRF's endpoints (through the project's parser) and allauth's headless views
and other plain Django views (through a middleware), never a 500."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory

from config.middleware import JsonBodyTooDeepMiddleware
from tests.access import client_for

pytestmark = pytest.mark.django_db

DEEP = "[" * 100_000 + "]" * 100_000
DEEP_OBJECT = '{"a":' * 50_000 + "1" + "}" * 50_000


def assert_nested_too_deeply(response):
    assert response.status_code == 400, response.content[:300]
    body = response.json()
    assert body["status"] == 400
    assert body["code"] == "parse_error"
    assert body["detail"] == "The request body is nested too deeply."


@pytest.mark.parametrize("payload", [DEEP, DEEP_OBJECT])
def test_student_activation_answers_a_deeply_nested_body_with_a_400(payload):
    response = Client().post("/api/v1/activation/", payload, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert_nested_too_deeply(response)


def test_a_signed_in_post_with_a_deeply_nested_body_is_a_400(world):
    response = client_for(world.student.user).post(
        "/api/v1/student-certificates/", DEEP, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert_nested_too_deeply(response)


@pytest.mark.parametrize("payload", [DEEP, DEEP_OBJECT])
def test_allauth_sign_in_answers_a_deeply_nested_body_with_a_400(payload):
    response = Client().post(
        "/_allauth/browser/v1/auth/login", payload, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert_nested_too_deeply(response)
    assert response.json()["errors"][0]["code"] == "parse_error"


def test_a_recursion_error_that_is_not_from_parsing_json_stays_an_error():
    def runaway(n):
        return runaway(n + 1)

    try:
        runaway(0)
    except RecursionError as exc:
        error = exc
    request = RequestFactory().post("/_allauth/browser/v1/auth/login", "{}", content_type="application/json")
    assert JsonBodyTooDeepMiddleware(lambda r: None).process_exception(request, error) is None
