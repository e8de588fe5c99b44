"""The demo world, seeded once per test module: seeding takes seconds on the file database, and every test of
a module that asks for it runs inside its own savepoint on top, so tests still cannot see each other's writes."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import transaction


@pytest.fixture(scope="module")
def _demo_world_for_module(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        call_command("seed_demo", quiet=True)
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def demo(_demo_world_for_module, db):
    """The world of `manage.py seed_demo` (rolled back at the end of the module)."""
