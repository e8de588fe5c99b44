"""In production (DEBUG off) no error page lists the URL patterns or shows a traceback: an unknown path or an
unhandled error under /api/ or /_allauth/ answers the API's error shape, translated; elsewhere a plain page. The
single-page app still owns every other path."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db

LEAKS = [b"Using the URLconf", b"urlpatterns", b"api/v1/", b"Traceback", b"SECRET-TRACEBACK-DETAIL", b"admin/"]


def assert_nothing_leaks(response):
    for leak in LEAKS:
        assert leak not in response.content, leak


@override_settings(DEBUG=False)
@pytest.mark.parametrize("path", ["/api/v1/no-such-thing/", "/api/nothing", "/_allauth/browser/v1/no-such-thing"])
def test_an_unknown_api_path_answers_the_error_shape_not_a_page(path):
    response = Client().get(path, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": 404, "code": "not_found", "detail": "Not found."}
    assert_nothing_leaks(response)


@override_settings(DEBUG=False)
def test_the_error_shape_is_translated():
    response = Client().get("/api/v1/no-such-thing/")  # Chinese by default
    assert response.json()["detail"] == "未找到。"


@override_settings(DEBUG=False, ROOT_URLCONF="tests.config.urls_that_fail")
def test_an_unhandled_error_in_the_api_answers_500_in_the_error_shape():
    client = Client(raise_request_exception=False)
    response = client.get("/api/v1/boom/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 500
    assert response.json() == {
        "status": 500,
        "code": "server_error",
        "detail": "Something went wrong on our side. Please try again later.",
    }
    assert_nothing_leaks(response)


@override_settings(DEBUG=False, ROOT_URLCONF="tests.config.urls_that_fail")
def test_an_unhandled_error_elsewhere_answers_a_plain_page():
    response = Client(raise_request_exception=False).get("/boom/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")
    assert b"Something went wrong on our side" in response.content
    assert_nothing_leaks(response)


@override_settings(DEBUG=False)
def test_an_unknown_static_file_is_a_plain_404_page():
    response = Client().get("/static/no-such-file.js", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert b"Not found." in response.content
    assert_nothing_leaks(response)


@override_settings(DEBUG=False)
@pytest.mark.parametrize("path", ["/", "/placements/12", "/account/verify-email/abc"])
def test_the_single_page_app_still_owns_every_other_path(path):
    response = Client().get(path)
    # 200 with the built app; 503 with the build hint where the app is not built yet. Never a 404.
    assert response.status_code in (200, 503)
