"""Schemathesis over the whole OpenAPI schema against a live server, signed in as the demo school admin and as
the demo student: no answer may be a 5xx, and every answer must be one the schema documents (status code, content
type, body). Bounded for CI: a few derandomized examples per operation, no deadline, no shrinking."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.fuzz.conftest import schema_document, signed_in

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
FUZZ = settings(
    max_examples=5,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


def fuzz(base: str, email: str) -> list[str]:
    """Every operation of the schema in turn; returns one report per operation that failed a check."""
    session = signed_in(base, email)
    schema = schemathesis.openapi.from_dict(schema_document(session, base))
    schema.config.update(base_url=base)
    failures: list[str] = []
    operations = 0
    calls: dict[int, int] = {}
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1

        @FUZZ
        @given(case=operation.as_strategy())
        def run(case):
            # The schema declares the session cookie as a security scheme, so schemathesis makes one up; send ours.
            case.cookies = {**(case.cookies or {}), **session.cookies.get_dict()}
            # 60 s: a class's internship archive is a job that runs inline on this server (no broker), one PDF with
            # the CJK font embedded per placement; on the platform it runs on Celery and answers at once
            response = case.call_and_validate(session=session, checks=CHECKS, timeout=60)
            calls[response.status_code] = calls.get(response.status_code, 0) + 1

        try:
            run()
        except (Exception, BaseExceptionGroup) as error:  # a check's failures or a transport error: report, go on
            failures.append(f"{operation.label}:\n{str(error)[:3000]}")
    print(f"{email}: {operations} operations, answers by status: {dict(sorted(calls.items()))}")

    assert operations > 100, "the schema lost its operations"
    return failures


def test_every_operation_answers_a_school_admin_as_the_schema_says(fuzz_server):
    failures = fuzz(fuzz_server, "schooladmin@example.com")
    assert not failures, f"{len(failures)} operations failed:\n\n" + "\n\n".join(failures)


def test_every_operation_answers_a_student_as_the_schema_says(fuzz_server):
    failures = fuzz(fuzz_server, "student@example.com")
    assert not failures, f"{len(failures)} operations failed:\n\n" + "\n\n".join(failures)
