"""The personas every test can ask for, under one set of names used everywhere: the attributes of the `world`
fixture, the persona names of the permission matrix (tests/permissions/vocabulary.py) and `world.user(name)`.

"Our" school is the student's; "our" company is the vetted one the student is placed at in the matrix's scene.

- `student` (username student); `classmate`: same class and advisor; `other_student`: of another school.
- `teacher`: the student's advisor at our school; `admin`: our school's admin (username schooladmin, as in the
  demo); `other_teacher`, `other_admin`: of another school. Not "staff" or "advisor" for one person: the matrix's
  group `staff` is our teacher and admin together.
- `hr`: HR of our company; `mentor`: a mentor there; `other_hr`: HR of another vetted company; `pending_hr`: HR
  of a company still under review. Not "company user" or "hr_user": the matrix's group `company` is hr and mentor.
- `analyst`: the city's analyst (a flag on the user, figures only).
- `city_staff`: the city's recruitment-service staff (a flag on the user): organise fairs, keep the policy page.
- `outsider`: signed in with a verified address and no role anywhere (the matrix says `outsider` too, never
  "stranger"; the group `outsiders` is everyone signed in with nothing to do with our school or company).
- anonymous: not signed in, `client_for(None)` (the matrix's `anon`).

`world.teacher`, `world.hr`, `world.student` ... are memberships (Teacher, CompanyMember, Student) and
`world.analyst`, `world.city_staff`, `world.outsider` are users: `world.user("hr")` and
`world.users("hr", "outsider")` give the accounts they sign in with, whichever the persona is, so no test writes
its own name-to-user table.
An API client for any of them: `tests.access.client_for(world.user(name))`."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from pytest_django.plugin import blocking_manager_key

from tests import factories as f
from tests.access import client_for

pytest_plugins = ["tests.calendar"]  # the `school_year` fixture: the clock pinned to a day of the school year


# pytest-xdist hands out work file by file (--dist loadfile), except the browser tests: they are one unit, so one
# worker runs them all, from the start, with one server and one demo world, while the other workers take the
# database files. A browser test mostly waits on Chromium and the server, so it shares the cores well with the
# database tests, which are CPU-bound. The units go out in the order below (xdist would otherwise send the files
# with the most tests first): the browser tests, then the longest files, then the rest as collected.
BROWSER_UNIT = "tests/e2e/"
_LONG_FILES = ("tests/placements/test_state_machine.py", "tests/permissions/test_matrix.py")


def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") != "loadfile":
        return None  # another --dist asked for: xdist's own
    from xdist.scheduler import LoadFileScheduling

    class BrowserTestsAsOneUnit(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return BROWSER_UNIT if nodeid.startswith(BROWSER_UNIT) else super()._split_scope(nodeid)

    config.option.loadscopereorder = False
    return BrowserTestsAsOneUnit(config, log)


def pytest_collection_modifyitems(items):
    def rank(item) -> int:
        path = item.nodeid.split("::")[0]
        return 0 if path.startswith(BROWSER_UNIT) else 1 if path in _LONG_FILES else 2

    items.sort(key=rank)  # stable: within a rank, files and their tests keep their order


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database as the migrations leave it, kept: its reference rows (the job clusters, the talent
    rules ...) come from data migrations, and a transactional test's flush deletes them."""
    with django_db_blocker.unblock():
        migrated.take()


def _transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return True
    return bool({"transactional_db", "live_server", "django_db_reset_sequences"} & set(item.fixturenames))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a transactional test has flushed the database, the migrated state comes back, so a test that runs
    after it on the same pytest-xdist worker finds the reference rows (pytest-django alone orders transactional
    tests last, but a worker runs a file whole, wherever it comes)."""
    result = yield
    # (nothing to restore after the last test: its teardown has destroyed the test database)
    if nextitem is not None and migrated.tables is not None and _transactional(item):
        with item.config.stash[blocking_manager_key].unblock(), transaction.atomic():
            migrated.restore()
    return result


@pytest.fixture
def api():
    """An anonymous API client in Chinese (the default language); signed in: tests.access.client_for(user)."""
    return client_for(None)


@pytest.fixture
def world(db):
    return build_world()


class World(SimpleNamespace):
    """The personas (named as in this module's docstring) and the places they belong to."""

    def user(self, name: str):
        """The account persona `name` signs in with: `world.user("hr")` is `world.hr.user`, while
        `world.user("analyst")` is `world.analyst` itself."""
        person = getattr(self, name)
        return person if isinstance(person, get_user_model()) else person.user

    def users(self, *names: str) -> list:
        return [self.user(name) for name in names]


def build_world() -> World:
    """The personas and the places they belong to (also built once per module by the permission matrix)."""
    school = f.InstitutionFactory(name="武汉城市职业学院")
    other_school = f.InstitutionFactory(name="另一所学院")
    major = f.MajorFactory(institution=school, code="460702", name="新能源汽车技术")
    cohort = f.CohortFactory(major=major, name="新能源汽车技术2024级1班")
    teacher = f.TeacherFactory(institution=school, user__username="teacher")
    admin = f.TeacherFactory(institution=school, role="admin", user__username="schooladmin")
    other_teacher = f.TeacherFactory(institution=other_school, user__username="otherteacher")
    other_admin = f.TeacherFactory(institution=other_school, role="admin", user__username="otheradmin")
    student = f.StudentFactory(
        institution=school, cohort=cohort, advisor=teacher, user=f.UserFactory(username="student")
    )
    classmate = f.StudentFactory(institution=school, cohort=cohort, advisor=teacher, user=f.UserFactory())
    other_student = f.StudentFactory(institution=other_school, user=f.UserFactory(username="otherstudent"))
    company = f.CompanyFactory(name="东风汽车集团有限公司")
    other_company = f.CompanyFactory(name="另一家企业")
    pending_company = f.CompanyFactory(name="待审核企业", vetting_status="pending")
    hr = f.CompanyMemberFactory(company=company, user__username="hr")
    mentor = f.CompanyMemberFactory(company=company, role="mentor", user__username="mentor")
    other_hr = f.CompanyMemberFactory(company=other_company, user__username="otherhr")
    pending_hr = f.CompanyMemberFactory(company=pending_company, user__username="pendinghr")
    base = f.OffCampusBaseFactory(company=company, name="东风实习基地")
    other_base = f.OffCampusBaseFactory(company=other_company, name="另一基地", district="hannan")
    inactive_base = f.OffCampusBaseFactory(company=company, name="停用基地", is_active=False)
    pending_base = f.OffCampusBaseFactory(company=pending_company, name="待审核企业基地")
    campus_base = f.OnCampusBaseFactory(host_institution=school, name="比亚迪实训中心")
    analyst = f.UserFactory(username="analyst", is_city_analyst=True)
    city_staff = f.UserFactory(username="citystaff", is_city_staff=True)
    outsider = f.UserFactory(username="outsider")
    return World(**locals())


@pytest.fixture(scope="module")
def _demo_world_for_module(django_db_setup, django_db_blocker):
    """The demo world once per test module that asks for it, inside a transaction rolled back at the end of the
    module (each test runs in its own savepoint on top, so tests still cannot see each other's writes).

    Seeding runs `seed_demo` through the services and takes tens of seconds, so a test process runs it once, for
    its first such module, and keeps a copy of every table as the seed left it; later modules load that copy
    (the same rows, ids and all) instead of seeding again. tests/demo/test_seed_demo.py runs the command itself."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        if demo_snapshot.tables is None:
            call_command("seed_demo", quiet=True)
            demo_snapshot.take()
        else:
            demo_snapshot.restore()
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


class _TableCopy:
    """Every table's rows, read and written below the ORM: SQLite's values as stored (`+column` has no declared
    type, so no converter touches it), PostgreSQL's through COPY in its text format."""

    tables: dict[str, object] | None = None

    def _names(self) -> list[str]:
        return [t for t in connection.introspection.table_names() if t != "django_migrations"]

    def take(self) -> None:
        quote = connection.ops.quote_name
        tables = {}
        with connection.cursor() as cursor:
            for table in self._names():
                if connection.vendor == "postgresql":
                    with cursor.cursor.copy(f"COPY {quote(table)} TO STDOUT") as copy:
                        tables[table] = b"".join(bytes(block) for block in copy)
                else:
                    columns = [c.name for c in connection.introspection.get_table_description(cursor, table)]
                    select = ", ".join(f"+{quote(c)}" for c in columns)
                    rows = cursor.cursor.execute(f"SELECT {select} FROM {quote(table)}").fetchall()
                    tables[table] = (columns, rows)
        self.tables = tables

    def restore(self) -> None:
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
                cursor.execute(f"TRUNCATE {', '.join(quote(t) for t in self.tables)}")
                for table, data in self.tables.items():
                    if data:
                        with cursor.cursor.copy(f"COPY {quote(table)} FROM STDIN") as copy:
                            copy.write(data)
                for sql in connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True)):
                    cursor.execute(sql)
            else:
                for table in self.tables:
                    cursor.execute(f"DELETE FROM {quote(table)}")
                for table, (columns, rows) in self.tables.items():
                    if rows:
                        names = ", ".join(quote(c) for c in columns)
                        marks = ", ".join("?" * len(columns))
                        cursor.cursor.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})", rows)


demo_snapshot = _TableCopy()  # every table as seed_demo left it
migrated = _TableCopy()  # every table as the migrations left it (their reference rows)


@pytest.fixture
def demo(_demo_world_for_module, db):
    """The world of `manage.py seed_demo` (rolled back at the end of the module)."""
