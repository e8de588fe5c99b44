"""Behind nginx (FILES_X_ACCEL_PREFIX set) an uploaded file is handed over by X-Accel-Redirect, and only after
the same permission check as when the app streams it itself."""

from __future__ import annotations

import pytest

from tests.access import client_for
from tests.certificates.test_access import certificate_url, scene  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db


def test_behind_nginx_a_scan_is_handed_over_by_x_accel_redirect_after_the_check(world, scene, settings):  # noqa: F811
    settings.FILES_X_ACCEL_PREFIX = "/protected-media/"
    url = certificate_url(scene, "scan/")
    response = client_for(world.student.user).get(url)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/protected-media/" + scene.certificate.scan.name
    assert response["Cache-Control"] == "private, no-store"
    assert response.content == b""
    outsider = client_for(world.other_student.user).get(url)
    assert outsider.status_code == 404
    assert "X-Accel-Redirect" not in outsider


def test_without_nginx_the_app_streams_the_scan_itself(world, scene, settings):  # noqa: F811
    settings.FILES_X_ACCEL_PREFIX = ""
    response = client_for(world.student.user).get(certificate_url(scene, "scan/"))
    assert "X-Accel-Redirect" not in response
    assert b"".join(response.streaming_content)
