"""What the production platform relies on from the app: health probes, metrics that only loopback or a token can
read, request ids in logs (X-Accel-Redirect for uploaded files: tests/certificates/test_served_by_nginx.py)."""

from __future__ import annotations

import json
import logging

import pytest
from django.test import Client

from config.observability import JsonFormatter, RequestIdFilter, request_id_var

pytestmark = pytest.mark.django_db


def test_liveness_answers_anyone_without_checking_anything():
    response = Client().get("/health/live")
    assert response.status_code == 200
    assert response.json() == {"ok": True}


def test_readiness_reports_each_check_and_is_ok_on_the_embedded_defaults():
    response = Client().get("/health/ready")
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "migrations": "ok", "redis": "ok", "celery": "ok"}


def test_readiness_fails_with_503_when_a_check_fails(monkeypatch):
    from config import observability

    def broken():
        raise RuntimeError("no Celery worker answered")

    monkeypatch.setitem(observability.CHECKS, "celery", broken)
    response = Client().get("/health/ready")
    assert response.status_code == 503
    assert response.json()["checks"]["celery"] == "failed: no Celery worker answered"


def test_metrics_are_read_from_loopback_only(settings):
    settings.METRICS_TOKEN = ""
    assert Client(REMOTE_ADDR="127.0.0.1").get("/metrics").status_code == 200
    assert Client(REMOTE_ADDR="10.1.2.3").get("/metrics").status_code == 404
    # through nginx the peer is loopback too: a forwarded request is not local
    assert Client(REMOTE_ADDR="127.0.0.1").get("/metrics", HTTP_X_FORWARDED_FOR="10.1.2.3").status_code == 404


def test_metrics_are_read_from_anywhere_with_the_token(settings):
    settings.METRICS_TOKEN = "a-long-scrape-token"
    remote = Client(REMOTE_ADDR="10.1.2.3")
    assert remote.get("/metrics", HTTP_AUTHORIZATION="Bearer a-long-scrape-token").status_code == 200
    assert remote.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 404
    body = remote.get("/metrics", HTTP_AUTHORIZATION="Bearer a-long-scrape-token").content.decode()
    assert "placements_open_websockets" in body


def test_a_response_carries_the_request_id_nginx_set_and_makes_one_otherwise(settings):
    settings.MIDDLEWARE = ["config.observability.RequestIdMiddleware", *settings.MIDDLEWARE]  # as in production
    assert Client().get("/health/live", HTTP_X_REQUEST_ID="abc123")["X-Request-ID"] == "abc123"
    made = Client().get("/health/live", HTTP_X_REQUEST_ID="not valid <script>")["X-Request-ID"]
    assert made != "not valid <script>"
    assert len(made) == 32


def test_json_log_lines_carry_the_request_id():
    token = request_id_var.set("rid-42")
    try:
        record = logging.LogRecord("placements", logging.WARNING, __file__, 1, "slot %s full", ("A",), None)
        RequestIdFilter().filter(record)
        line = json.loads(JsonFormatter().format(record))
    finally:
        request_id_var.reset(token)
    assert line["message"] == "slot A full"
    assert line["request_id"] == "rid-42"
    assert line["level"] == "WARNING"
