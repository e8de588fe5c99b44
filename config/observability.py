"""What operations sees of a running platform: JSON log lines carrying the request id nginx sets, the health
probes load balancers call, and the Prometheus metrics that only loopback or a token may read."""

from __future__ import annotations

import contextvars
import datetime
import hmac
import ipaddress
import json
import logging
import re
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestIdMiddleware:
    """Takes the request id nginx sets (X-Request-ID), or makes one, for every log line of the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.headers.get("X-Request-ID", "")
        request_id = given if _REQUEST_ID.match(given) else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request_id
        return response


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line, for log shippers; the exception, if any, as one string."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = getattr(record, "request_id", "")
        if request_id:
            entry["request_id"] = request_id
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


# --- health -----------------------------------------------------------------------------------------------


@require_GET
@never_cache
def live(request: HttpRequest) -> JsonResponse:
    """The process answers: nothing else is checked (a load balancer restarts what fails this)."""
    return JsonResponse({"ok": True})


def _check_database() -> None:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")


def _check_migrations() -> None:
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending:
        raise RuntimeError(f"{len(pending)} unapplied migrations")


def _check_redis() -> None:
    if not settings.REDIS_URL:
        return
    cache.set("health:ready", "1", 10)
    if cache.get("health:ready") != "1":
        raise RuntimeError("the cache did not keep a value")


def _check_celery() -> None:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return  # tasks run inline: there is no worker to reach
    from config.celery import app

    replies = app.control.ping(timeout=1.0)
    if not replies:
        raise RuntimeError("no Celery worker answered")


CHECKS = {
    "database": _check_database,
    "migrations": _check_migrations,
    "redis": _check_redis,
    "celery": _check_celery,
}


@require_GET
@never_cache
def ready(request: HttpRequest) -> JsonResponse:
    """Ready for traffic: the database, Redis and a Celery worker answer and no migration is pending."""
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
            results[name] = "ok"
        except Exception as error:
            results[name] = f"failed: {error}"[:200]
    ok = all(value == "ok" for value in results.values())
    return JsonResponse({"ok": ok, "checks": results}, status=200 if ok else 503)


# --- metrics ----------------------------------------------------------------------------------------------


def _may_read_metrics(request: HttpRequest) -> bool:
    token = settings.METRICS_TOKEN
    header = request.headers.get("Authorization", "")
    if token and header.startswith("Bearer ") and hmac.compare_digest(header[7:].encode(), token.encode()):
        return True
    # Behind nginx the peer is always loopback: only a request that came through no proxy counts as local.
    if "X-Forwarded-For" in request.headers or "X-Real-IP" in request.headers:
        return False
    try:
        return ipaddress.ip_address(request.META.get("REMOTE_ADDR", "")).is_loopback
    except ValueError:
        return False


def _refresh_gauges() -> None:
    """Gauges read at scrape time: Celery's queue length and open sockets (from the cache, across workers)."""
    from prometheus_client import REGISTRY, Gauge

    if "placements_celery_queue_length" not in REGISTRY._names_to_collectors:
        Gauge("placements_celery_queue_length", "Jobs waiting in the Celery queue")
        Gauge("placements_open_websockets", "WebSockets open across all workers")
    queue = REGISTRY._names_to_collectors["placements_celery_queue_length"]
    sockets = REGISTRY._names_to_collectors["placements_open_websockets"]
    if settings.CELERY_BROKER_URL.startswith("redis") and not settings.CELERY_TASK_ALWAYS_EAGER:
        try:
            import redis

            queue.set(redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_timeout=1).llen("celery"))
        except Exception:
            queue.set(float("nan"))
    from notices.consumers import open_socket_count

    sockets.set(open_socket_count())


@require_GET
@never_cache
def metrics(request: HttpRequest) -> HttpResponse:
    if not _may_read_metrics(request):
        return HttpResponse(status=404)
    from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

    _refresh_gauges()
    return HttpResponse(generate_latest(), content_type=CONTENT_TYPE_LATEST)
