"""The permission matrix: every operation of the API (read from the OpenAPI schema, so a new endpoint shows up by
itself) against every persona, each expectation declared in the tables next to this file from the role rules.

An operation without a row fails the suite: no endpoint is added without saying who may use it. Each request runs
in a savepoint that is rolled back, so every persona meets the same scene; all mismatches of an app are collected
and reported together."""

from __future__ import annotations

import functools
import logging
from urllib.parse import urlencode

import pytest
from django.db import transaction
from django.test import override_settings
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from tests.permissions import (
    accounts,
    alumni,
    careers,
    certificates,
    companies,
    core,
    fairs,
    fieldwork_care,
    notices,
    placements,
    schools,
    search,
)
from tests.permissions.fieldwork_daily import TABLE as FIELDWORK_DAILY
from tests.permissions.scene import Record, build_scene, collection_of, is_list, resolve
from tests.permissions.vocabulary import ALLOW, ANON, DENY, EMPTY, HIDE, OMIT, PERSONAS, Outcome, Row

APPS = {
    "accounts": accounts.TABLE,
    "schools": schools.TABLE,
    "companies": companies.TABLE,
    "placements": placements.TABLE,
    "certificates": certificates.TABLE,
    "alumni": alumni.TABLE,
    "careers": careers.TABLE,
    "fieldwork_care": fieldwork_care.TABLE,
    "fairs": fairs.TABLE,
    "notices": notices.TABLE,
    "core": core.TABLE,
    "search": search.TABLE,
    "fieldwork_daily": FIELDWORK_DAILY,
}
METHODS = ("get", "post", "put", "patch", "delete")
STATUS = {ANON: 401, DENY: 403, HIDE: 404}


@functools.cache
def schema_operations() -> frozenset[str]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return frozenset(
        f"{method.upper()} {path}" for path, item in schema["paths"].items() for method in item if method in METHODS
    )


def all_rows() -> dict[str, Row]:
    rows: dict[str, Row] = {}
    for table in APPS.values():
        rows.update(table)
    return rows


def test_every_operation_of_the_schema_says_who_may_use_it():
    missing = sorted(schema_operations() - all_rows().keys())
    assert not missing, (
        "These operations have no row in the permission tables (tests/permissions/<app>.py); say who may use "
        "them, from the role rules:\n  " + "\n  ".join(missing)
    )


def test_every_row_of_the_tables_is_an_operation_of_the_schema():
    stale = sorted(all_rows().keys() - schema_operations())
    assert not stale, "These rows name operations the API no longer has:\n  " + "\n  ".join(stale)


# Records with a history are archived, never deleted (docs/API.md): an operation that deletes is named here first.
DELETES: frozenset[str] = frozenset(
    {
        # A school's high-risk work term has no history: a slot keeps the words it was held for (hazard_matches).
        "DELETE /api/v1/hazard-terms/{id}/",
        # A photo taken out of a draft journal, before anyone else has read it (a submitted one keeps its photos).
        "DELETE /api/v1/journal-photos/{id}/",
    }
)


def test_nothing_with_a_history_is_deleted_through_the_api():
    deletes = sorted(op for op in schema_operations() if op.startswith("DELETE ") and op not in DELETES)
    assert not deletes, "Records are archived, not deleted; these operations delete:\n  " + "\n  ".join(deletes)


def test_no_operation_has_two_rows():
    seen: dict[str, str] = {}
    twice = []
    for app, table in APPS.items():
        for operation in table:
            if operation in seen:
                twice.append(f"{operation} ({seen[operation]} and {app})")
            seen[operation] = app
    assert not twice, twice


# -- playing the scene -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def scene(django_db_setup, django_db_blocker, tmp_path_factory):
    """The scene, built once for the module inside a transaction rolled back at its end; one signed-in client
    per persona (its session is part of the scene, so it outlives each request's savepoint)."""
    media = override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("media")))
    media.enable()
    quiet = logging.getLogger("django.request")  # thousands of refusals are the point, not news
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        built = build_scene()
        built.clients = {}
        for persona, user in built.users.items():
            client = APIClient()
            if user is not None:
                client.force_login(user)
            built.clients[persona] = client
    yield built
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)
    media.disable()
    quiet.setLevel(level)


def request(scene, persona: str, operation: str, row: Row):
    method, path = operation.split(" ", 1)
    url = resolve(scene, path)
    query = dict(row.query(scene)) if row.query else {}
    if is_list(path, method) and collection_of(path) in scene.records:
        query.setdefault("page_size", 100)
    if query:
        url = f"{url}?{urlencode(query)}"
    client = scene.clients[persona]
    call = getattr(client, method.lower())
    with transaction.atomic():
        try:
            if method == "GET":
                response = call(url)
            else:
                data = row.body(scene) if row.body else {}
                response = call(url, data, format="multipart" if row.multipart else "json")
            if response.streaming:  # read files to the end, so they are closed
                b"".join(response.streaming_content)
        finally:
            transaction.set_rollback(True)
    return response


def rows_of(response) -> list[dict] | None:
    try:
        data = response.json()
    except ValueError:
        return None
    if isinstance(data, dict) and isinstance(data.get("results"), list):
        return data["results"]
    return data if isinstance(data, list) else None


def what(response) -> str:
    """The status and, for an error, its code and first words."""
    text = str(response.status_code)
    try:
        data = response.json()
    except ValueError:
        return text
    if isinstance(data, dict) and "code" in data:
        detail = data.get("fields") or data.get("detail") or ""
        text += f" {data['code']}: {str(detail)[:100]}"
    return text


def judge(outcome: Outcome, method: str, response, record: Record | None) -> str | None:
    """None when the response is the outcome; otherwise what came back instead."""
    status = response.status_code
    if outcome in STATUS:
        return None if status == STATUS[outcome] else what(response)
    if outcome is ALLOW and record is None:
        # A read sends no body to fault: let in, it answers 200. A write may still refuse the body or the state.
        let_in = status == 200 if method == "GET" else 200 <= status < 300 or status in (400, 409)
        return None if let_in else what(response)
    if status != 200:
        return what(response)
    rows = rows_of(response)
    if rows is None:
        return "200, but not a list"
    listed = record is not None and record.key in {r.get(record.field) for r in rows}
    if outcome is EMPTY:
        return None if not rows else f"200 with {len(rows)} rows"
    if outcome is ALLOW:
        return None if listed else "200 without the scene's record"
    if outcome is OMIT:
        return None if not listed else "200 listing the scene's record"
    raise AssertionError(outcome)


@pytest.mark.parametrize("app", APPS)
def test_each_persona_gets_what_the_role_rules_say(app, scene, db):
    operations = schema_operations()
    mismatches = []
    for operation, row in APPS[app].items():
        if operation not in operations:
            continue  # reported by test_every_row_of_the_tables_is_an_operation_of_the_schema
        method, path = operation.split(" ", 1)
        record = scene.records.get(collection_of(path)) if is_list(path, method) else None
        for persona in PERSONAS:
            outcome = row.outcomes[persona]
            try:
                problem = judge(outcome, method, request(scene, persona, operation, row), record)
            except Exception as error:  # a 500: the test client re-raises it
                problem = f"raised {type(error).__name__}: {error}"
            if problem:
                mismatches.append(
                    f"{operation:60} {persona:14} expected {outcome.name} ({outcome.value}), got {problem}"
                )
    assert not mismatches, f"{len(mismatches)} answers differ from the role rules:\n" + "\n".join(mismatches)
