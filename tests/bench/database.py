"""A database for the benchmarks: the PostgreSQL of DATABASE_URL (a new database on it, dropped afterwards), else
a throwaway PostgreSQL cluster started like .ci/run does, else SQLite (said so in the output)."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

PREFIX = ["bench"]  # names databases and folders after the benchmark using them


def use_prefix(name: str) -> None:
    PREFIX[0] = name


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Database:
    """Where the bench runs, and how to clean up after it."""

    def __init__(self) -> None:
        self.url = ""
        self.label = ""
        self.postgres = False
        self.cleanup: list = []

    def close(self) -> None:
        for step in reversed(self.cleanup):
            try:
                step()
            except Exception as error:  # cleaning up must not hide the figures
                print(f"(cleanup: {error})")


def fresh_database_on(url: str, db: Database) -> None:
    """A new, empty database on the PostgreSQL server of DATABASE_URL."""
    import psycopg

    name = f"bench_{PREFIX[0]}_{os.getpid()}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(url)
    db.url = urlunsplit(parts._replace(path=f"/{name}"))
    db.label = f"PostgreSQL at {parts.hostname}:{parts.port or 5432}, new database {name}"
    db.postgres = True

    def drop():
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')

    db.cleanup.append(drop)


def throwaway_cluster(db: Database) -> bool:
    """Start PostgreSQL like .ci/run does (initdb as `postgres`, loopback, fsync off) in a temporary folder."""
    bins = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name))
    if not bins:
        return False
    pgbin = bins[-1]
    folder = tempfile.mkdtemp(prefix=f"bench-{PREFIX[0]}-pg-")
    port = free_port()
    as_postgres: list[str] = []
    if os.geteuid() == 0:
        import pwd

        postgres = pwd.getpwnam("postgres")
        os.chown(folder, postgres.pw_uid, postgres.pw_gid)
        as_postgres = ["runuser", "-u", "postgres", "--"]
    Path(folder, "pw").write_text("apppass\n")
    if os.geteuid() == 0:
        os.chown(Path(folder, "pw"), postgres.pw_uid, postgres.pw_gid)
    db.cleanup.append(lambda: shutil.rmtree(folder, ignore_errors=True))

    def run(*command: str, **kwargs) -> None:
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kwargs)

    try:
        run(*as_postgres, f"{pgbin}/initdb", "-D", f"{folder}/data", "-U", "app", f"--pwfile={folder}/pw",
            "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8")  # fmt: skip
        options = f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off -c max_connections=200"
        run(*as_postgres, f"{pgbin}/pg_ctl", "-D", f"{folder}/data", "-l", f"{folder}/server.log", "-o", options,
            "-w", "start")  # fmt: skip
        db.cleanup.append(
            lambda: run(*as_postgres, f"{pgbin}/pg_ctl", "-D", f"{folder}/data", "-m", "fast", "-w", "stop")
        )
        run(f"{pgbin}/createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "app", "appdb",
            env={**os.environ, "PGPASSWORD": "apppass"})  # fmt: skip
    except (OSError, subprocess.CalledProcessError) as error:
        detail = getattr(error, "stderr", b"") or b""
        print(f"Could not start PostgreSQL ({error}; {detail.decode(errors='replace').strip()[:200]})")
        return False
    db.url = f"postgres://app:apppass@127.0.0.1:{port}/appdb"
    db.label = f"PostgreSQL {Path(pgbin).parent.name}, throwaway cluster on 127.0.0.1:{port} (fsync off)"
    db.postgres = True
    return True


def choose_database() -> Database:
    db = Database()
    given = os.environ.get("DATABASE_URL", "")
    if given.startswith(("postgres://", "postgresql://", "pgsql://")):
        fresh_database_on(given, db)
    elif not throwaway_cluster(db):
        folder = tempfile.mkdtemp(prefix=f"bench-{PREFIX[0]}-")
        db.cleanup.append(lambda: shutil.rmtree(folder, ignore_errors=True))
        db.url = f"sqlite:///{folder}/bench.sqlite3"
        db.label = "SQLite (no PostgreSQL binaries found: figures are NOT the PostgreSQL target's)"
    return db


def setup_django(db: Database) -> None:
    """Points Django at the bench's database (development settings, no query log) and sets it up; its
    connections close before the database is dropped."""
    os.environ["DATABASE_URL"] = db.url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    os.environ["DJANGO_DEBUG"] = "0"  # no query log
    import django

    django.setup()
    from django.db import connections

    db.cleanup.append(connections.close_all)


def timed_queries(step):
    """(milliseconds, queries, result) of one call; DEBUG must be on for Django to count the queries."""
    import time

    from django.db import connection, reset_queries

    reset_queries()
    started = time.perf_counter()
    result = step()
    return (time.perf_counter() - started) * 1000, len(connection.queries), result
