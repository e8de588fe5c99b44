from __future__ import annotations

import pytest

from tests.access import client_for

pytestmark = pytest.mark.django_db


def test_anonymous_gets_401_in_the_error_shape(api):
    response = api.get("/api/v1/me/")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert response.json()["detail"] == "身份认证信息未提供。"


def test_errors_are_translated_by_accept_language(api):
    response = api.get("/api/v1/me/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["detail"] == "Authentication credentials were not provided."


def test_me_lists_the_roles_from_memberships(world):
    client = client_for(world.student.user)
    body = client.get("/api/v1/me/").json()
    assert body["roles"] == ["student"]
    assert body["student"]["advisor"]["id"] == world.teacher.id

    body = client_for(world.admin.user).get("/api/v1/me/").json()
    assert body["roles"] == ["school_admin"]
    assert body["schools"] == [{"id": world.school.id, "name": world.school.name, "role": "admin"}]

    body = client_for(world.hr.user).get("/api/v1/me/").json()
    assert body["roles"] == ["company_hr"]
    assert client_for(world.analyst).get("/api/v1/me/").json()["roles"] == ["city_analyst"]
    # the city's recruitment staff are a role of their own: not the analyst, who only reads figures
    body = client_for(world.city_staff).get("/api/v1/me/").json()
    assert body["roles"] == ["city_staff"]
    assert body["is_city_staff"] and not body["is_city_analyst"]
    assert client_for(world.outsider).get("/api/v1/me/").json()["roles"] == []
