"""A read replica for the heavy reports: with DATABASE_REPLICA_URL set, the Stay-in-Wuhan report reads from it
(settings.DATABASES["replica"]), so the city's report traffic stays off the primary that takes every write; without
it, everything reads the primary as before. Only reads inside `replica_reads()` move: writes, and every read that
decides a write, stay on the primary, so replication lag (seconds) can only make a report a little behind, never
a rule wrong."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"
_replica_reads: ContextVar[bool] = ContextVar("replica_reads", default=False)


def replica_configured() -> bool:
    return REPLICA in connections.settings  # settings.DATABASES, as the connections read it


@contextmanager
def replica_reads() -> Iterator[str]:
    """Reads of the models inside go to the replica when there is one; yields the alias they read from."""
    token = _replica_reads.set(True)
    try:
        yield REPLICA if replica_configured() else DEFAULT_DB_ALIAS
    finally:
        _replica_reads.reset(token)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _replica_reads.get() and replica_configured():
            return REPLICA
        return None

    def db_for_write(self, model, **hints):
        return None  # the primary

    def allow_relation(self, obj1, obj2, **hints):
        # the replica holds the primary's rows: an object read there may point at one read here
        if {obj1._state.db, obj2._state.db} <= {DEFAULT_DB_ALIAS, REPLICA}:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return False if db == REPLICA else None  # replication brings the schema
