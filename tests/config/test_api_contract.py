"""The API contract is committed: frontend/openapi.json is what the code's schema is, and the app's types
(frontend/src/api/schema.d.ts) are generated from it, so `npm run build` needs no running Django. `make api-types`
writes both; this test fails when the committed schema is not what the code produces."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="the committed schema is made on the embedded default; PostgreSQL's column ranges add maxima to it",
)
def test_the_committed_openapi_schema_is_what_the_code_produces(tmp_path):
    target = tmp_path / "openapi.json"
    call_command("spectacular", "--format", "openapi-json", "--lang", "en", "--file", str(target))
    committed = json.loads((ROOT / "frontend" / "openapi.json").read_text(encoding="utf-8"))
    produced = json.loads(target.read_text(encoding="utf-8"))
    changed = sorted(
        set(committed["paths"]) ^ set(produced["paths"])
        | {p for p in set(committed["paths"]) & set(produced["paths"]) if committed["paths"][p] != produced["paths"][p]}
        | {
            f"#/components/schemas/{name}"
            for name in set(committed["components"]["schemas"]) | set(produced["components"]["schemas"])
            if committed["components"]["schemas"].get(name) != produced["components"]["schemas"].get(name)
        }
    )
    assert committed == produced, f"frontend/openapi.json is stale; run `make api-types`. Differs at: {changed[:20]}"


def test_every_response_of_the_schema_has_a_shape():
    schema = json.loads((ROOT / "frontend" / "openapi.json").read_text(encoding="utf-8"))
    loose = [
        f"{method.upper()} {path} {status}"
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if isinstance(operation, dict)
        for status, response in operation.get("responses", {}).items()
        for media in response.get("content", {}).values()
        if media.get("schema") == {"type": "object", "additionalProperties": {}}
    ]
    assert loose == [], "responses typed as a bare object: give them a serializer"
