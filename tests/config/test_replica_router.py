"""With DATABASE_REPLICA_URL set, the Stay-in-Wuhan report reads from the replica (config/db_router.py); every
other read and every write stays on the primary; without a replica nothing changes. The replica here is a second
alias on the test database's own SQLite file, as a streaming replica holds the primary's rows."""

from __future__ import annotations

import pytest
from django.db import DEFAULT_DB_ALIAS, connections
from django.test.utils import CaptureQueriesContext

from alumni.models import GraduateOutcome
from config.db_router import REPLICA, ReplicaRouter, replica_reads
from tests.access import client_for

STAY = "/api/v1/stay-report/"


@pytest.fixture
def replica():
    """A second alias on the same database file (the test's data is committed: transaction=True)."""
    connections.settings[REPLICA] = {**connections.settings[DEFAULT_DB_ALIAS]}
    connections.settings[REPLICA]["NAME"] = connections[DEFAULT_DB_ALIAS].settings_dict["NAME"]
    wrapper = connections[REPLICA]
    # connected before the alias counts as configured: the test case's guard lets a connection made on the fly
    # through, not one to an alias it was not told about
    entry = connections.settings.pop(REPLICA)
    wrapper.ensure_connection()
    connections.settings[REPLICA] = entry
    yield wrapper
    connections[REPLICA].close()
    del connections.settings[REPLICA]
    if hasattr(connections._connections, REPLICA):
        delattr(connections._connections, REPLICA)


def test_without_a_replica_everything_reads_the_primary():
    router = ReplicaRouter()
    with replica_reads() as alias:
        assert alias == DEFAULT_DB_ALIAS
        assert router.db_for_read(GraduateOutcome) is None


@pytest.mark.django_db
def test_only_reads_inside_the_reports_block_go_to_the_replica(replica):
    router = ReplicaRouter()
    assert router.db_for_read(GraduateOutcome) is None
    with replica_reads() as alias:
        assert alias == REPLICA
        assert router.db_for_read(GraduateOutcome) == REPLICA
        assert router.db_for_write(GraduateOutcome) is None  # writes: the primary, always
    assert router.db_for_read(GraduateOutcome) is None
    assert router.allow_migrate(REPLICA, "alumni") is False


@pytest.mark.django_db(transaction=True)
def test_the_stay_in_wuhan_report_reads_its_figures_from_the_replica(world, replica):
    client = client_for(world.analyst)
    with CaptureQueriesContext(replica) as on_replica, CaptureQueriesContext(connections["default"]) as on_primary:
        response = client.get(STAY)
    assert response.status_code == 200, response.content
    report_tables = [q["sql"] for q in on_replica.captured_queries if "alumni_" in q["sql"]]
    assert report_tables, "the report read nothing from the replica"
    # the primary answered who is asking (session, user), not the report's figures
    assert not [q["sql"] for q in on_primary.captured_queries if "alumni_" in q["sql"]]


@pytest.mark.django_db(transaction=True)
def test_other_reports_still_read_the_primary(world, replica):
    client = client_for(world.analyst)
    with CaptureQueriesContext(replica) as on_replica:
        assert client.get("/api/v1/stay-report/conversion/").status_code == 200
    assert not on_replica.captured_queries
