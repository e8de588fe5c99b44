"""The project's shared surface: the OpenAPI schema and its docs page, the one error shape every endpoint
answers with, the health check, and the single-page app's fallback route."""

from __future__ import annotations

import json

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation
from rest_framework import serializers
from rest_framework.test import APIClient, APIRequestFactory
from rest_framework.views import APIView

from core.errors import DomainError
from tests.access import client_for

pytestmark = pytest.mark.django_db


# -- OpenAPI -------------------------------------------------------------------------------------------------


def test_the_openapi_schema_generates_and_validates_without_warnings(tmp_path):
    target = tmp_path / "schema.yaml"
    # --fail-on-warn turns any drf-spectacular warning or error (an unresolvable serializer, a missing type hint)
    # into an exception; --validate checks the result against the OpenAPI 3 JSON schema.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    text = target.read_text(encoding="utf-8")
    assert text.startswith("openapi: 3.")
    for path in (
        "/api/v1/me/",
        "/api/v1/students/{id}/activation-code/",
        "/api/v1/companies/{id}/vet/",
        "/api/v1/imports/students/",
        "/api/v1/bases/",
    ):
        assert f"  {path}:" in text, path


def test_a_signed_in_user_gets_the_schema_and_the_docs_page(world):
    client = client_for(world.student.user)
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    assert schema["Content-Type"].startswith("application/vnd.oai.openapi")
    assert b"/api/v1/companies/" in schema.content
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    assert b"swagger" in docs.content.lower()


def test_the_schema_can_be_asked_for_as_json(world):
    # ?format= is kept for the report downloads, so JSON is asked for by content negotiation.
    response = client_for(world.student.user).get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    assert json.loads(response.content)["info"]["version"] == "1.0.0"


# -- the error shape -----------------------------------------------------------------------------------------


class _Line(serializers.Serializer):
    name = serializers.CharField()
    capacity = serializers.IntegerField(min_value=1)


class _Batch(serializers.Serializer):
    title = serializers.CharField()
    rows = _Line(many=True)

    def validate(self, attrs):
        if attrs["title"] == "refuse":
            raise serializers.ValidationError("The whole batch is refused.")
        return attrs


class _BatchView(APIView):
    """A view with a nested serializer, to see nested errors through the project's exception handler."""

    authentication_classes: list = []
    permission_classes: list = []

    def post(self, request):
        _Batch(data=request.data).is_valid(raise_exception=True)
        return None  # pragma: no cover


def post_batch(data, **headers):
    request = APIRequestFactory().post("/batch/", data, format="json", **headers)
    response = _BatchView.as_view()(request)
    response.render()
    return response


def test_nested_validation_errors_are_flattened_with_dots():
    response = post_batch({"title": "", "rows": [{"name": "ok", "capacity": 3}, {"name": "", "capacity": 0}]})
    assert response.status_code == 400
    body = response.data
    assert set(body) == {"status", "code", "detail", "fields"}
    assert (body["status"], body["code"]) == (400, "invalid")
    assert body["detail"] == "输入有误，请查看标出的字段。"
    assert set(body["fields"]) == {"title", "rows.1.name", "rows.1.capacity"}
    assert all(isinstance(messages, list) and messages for messages in body["fields"].values())


def test_an_empty_choice_sent_as_null_reads_as_a_missing_value_not_as_null():
    # a form's cleared select or date picker sends null; "该字段不能为 null。" names a programmer's word
    zh = post_batch({"title": None, "rows": []}).data["fields"]["title"]
    with translation.override("en"):
        en = post_batch({"title": None, "rows": []}).data["fields"]["title"]
    assert (zh, en) == (["该字段是必填项。"], ["This field is required."])


def test_a_non_field_error_is_under_non_field_errors():
    response = post_batch({"title": "refuse", "rows": []})
    assert response.data["fields"] == {"non_field_errors": ["The whole batch is refused."]}


def test_a_400_from_a_real_endpoint_has_the_shape(world):
    response = client_for(world.hr.user).post(
        "/api/v1/bases/",
        {"name": "", "kind": "off_campus", "company": world.company.id, "capacity": 0, "job_clusters": ["nope"]},
        format="json",
    )
    assert response.status_code == 400
    body = response.json()
    assert (body["status"], body["code"]) == (400, "invalid")
    assert {"name", "capacity", "job_clusters"} <= set(body["fields"])
    english = client_for(world.hr.user).post(
        "/api/v1/bases/", {"kind": "off_campus"}, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert english.json()["detail"] == "The input is not valid; see the marked fields."


def test_someone_elses_object_is_a_404_in_the_shape(world):
    response = client_for(world.other_teacher.user).get(f"/api/v1/students/{world.student.id}/")
    assert response.status_code == 404
    body = response.json()
    assert set(body) == {"status", "code", "detail"}
    assert (body["status"], body["code"]) == (404, "not_found")
    assert body["detail"]


def test_a_refused_write_is_a_403_in_the_shape(world):
    response = client_for(world.mentor.user).patch(f"/api/v1/bases/{world.base.id}/", {"capacity": 1}, format="json")
    assert response.status_code == 403
    body = response.json()
    assert (body["status"], body["code"]) == (403, "permission_denied")
    assert "fields" not in body
    english = client_for(world.mentor.user).patch(
        f"/api/v1/bases/{world.base.id}/", {"capacity": 1}, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert english.json()["detail"] == "You may read this record but not change it."
    assert body["detail"] != english.json()["detail"]  # translated in Chinese by default


def test_a_method_not_allowed_is_a_405_in_the_shape(world):
    response = client_for(world.admin.user).delete(f"/api/v1/companies/{world.company.id}/")
    assert response.status_code == 405
    body = response.json()
    assert (body["status"], body["code"]) == (405, "method_not_allowed")
    assert "DELETE" in body["detail"]


def test_not_signed_in_is_a_401_in_the_shape(db):
    response = APIClient().get("/api/v1/bases/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 401
    assert response.json() == {
        "status": 401,
        "code": "not_authenticated",
        "detail": "Authentication credentials were not provided.",
    }


class _ConflictView(APIView):
    authentication_classes: list = []
    permission_classes: list = []

    def post(self, request):
        raise DomainError("The slot is full.", code="slot_full", extra={"capacity": 5})


def test_a_domain_conflict_is_a_409_with_its_code_and_extra_fields():
    response = _ConflictView.as_view()(APIRequestFactory().post("/conflict/"))
    assert response.status_code == 409
    assert response.data == {"status": 409, "code": "slot_full", "detail": "The slot is full.", "capacity": 5}


# -- health check and the single-page app --------------------------------------------------------------------


def test_the_health_check_answers_without_signing_in(db):
    response = APIClient().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"ok": True}


def test_a_deep_link_is_answered_with_the_apps_index_page(db, settings, tmp_path):
    (tmp_path / "index.html").write_text("<!doctype html><div id=app>测试</div>", encoding="utf-8")
    settings.FRONTEND_DIST = tmp_path
    response = APIClient().get("/placements/42/journal")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "测试" in response.content.decode()
    assert response["Cache-Control"] == "no-cache"
    assert "csrftoken" in response.cookies  # the app reads it to send X-CSRFToken


def test_without_a_built_app_a_deep_link_explains_how_to_build_it(db, settings, tmp_path):
    settings.FRONTEND_DIST = tmp_path / "missing"
    response = APIClient().get("/some/deep/link")
    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/plain")
    assert "make" in response.content.decode()


def test_the_built_app_is_served_for_deep_links(db):
    index = settings.FRONTEND_DIST / "index.html"
    if not index.exists():
        pytest.skip("frontend/dist is not built")
    response = APIClient().get("/some/deep/link")
    assert response.status_code == 200
    assert response.content == index.read_bytes()


def test_an_unknown_api_path_is_a_404_not_the_app(db, settings, tmp_path):
    (tmp_path / "index.html").write_text("<!doctype html>app", encoding="utf-8")
    settings.FRONTEND_DIST = tmp_path
    response = APIClient().get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert b"<!doctype html>app" not in response.content


def test_a_service_refusal_keeps_its_message_in_the_error_shape():
    """Services raise Django's PermissionDenied with a sentence saying who may act; the API keeps it."""
    from django.core.exceptions import PermissionDenied

    from config.api import exception_handler

    response = exception_handler(PermissionDenied("Only students apply to slots."), {})
    assert response.status_code == 403
    assert response.data == {"status": 403, "code": "permission_denied", "detail": "Only students apply to slots."}


def test_a_domain_error_keeps_its_status_code_and_facts():
    from config.api import exception_handler
    from core.errors import DomainError

    response = exception_handler(DomainError("Full.", code="slot_full", extra={"capacity": 3}), {})
    assert response.status_code == 409
    assert response.data == {"status": 409, "code": "slot_full", "detail": "Full.", "capacity": 3}


def test_no_service_module_imports_the_web_layer():
    """Services, rules and imports raise domain errors and Django's exceptions; only the API maps them to HTTP."""
    import pathlib

    root = pathlib.Path(__file__).resolve().parents[2]
    web_free = [
        *root.glob("*/services.py"),
        *root.glob("*/services/*.py"),
        *root.glob("*/imports.py"),
        *root.glob("*/rules.py"),
        *root.glob("*/transitions.py"),
        *root.glob("*/bases.py"),
        *root.glob("*/change_requests.py"),
        root / "config/importing.py",
        root / "core/errors.py",
    ]
    offenders = [str(p.relative_to(root)) for p in web_free if p.exists() and "rest_framework" in p.read_text()]
    assert offenders == []
