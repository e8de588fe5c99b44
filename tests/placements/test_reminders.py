"""The morning reminders: who hears what, and at most once a day (a job that runs twice sends nothing more)."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from notices.models import Notice
from placements import reminders, tasks
from schools.models import Teacher
from tests.factories import (
    InstitutionFactory,
    OffCampusBaseFactory,
    PlacementDocumentFactory,
    PlacementFactory,
    StudentFactory,
    TeacherFactory,
    UserFactory,
    days_from_today,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def school():
    return InstitutionFactory()


@pytest.fixture
def admin(school):
    return TeacherFactory(institution=school, role=Teacher.Role.ADMIN).user


def notices_of(user, kind):
    return list(Notice.objects.filter(recipient=user, kind=kind))


def test_a_student_behind_with_journals_is_reminded_once_a_day(school):
    student = StudentFactory(institution=school, user=UserFactory())
    PlacementFactory(
        student=student,
        status="active",
        slot__start_date=days_from_today(-40),
        started_at=timezone.now() - timedelta(days=40),
    )
    on_time = StudentFactory(institution=school, user=UserFactory())
    PlacementFactory(student=on_time, status="active")  # just started: nothing due yet
    assert reminders.remind_overdue_journals() == 1
    assert reminders.remind_overdue_journals() == 0
    [notice] = notices_of(student.user, "journal_overdue")
    assert notice.params["overdue"] >= 1
    assert notices_of(on_time.user, "journal_overdue") == []


def test_school_admins_hear_of_activation_codes_about_to_run_out_unused(school, admin):
    soon = timezone.now() + timedelta(days=1)
    StudentFactory.create_batch(2, institution=school, activation_code_hash="x", activation_expires_at=soon)
    StudentFactory(institution=school, activation_code_hash="x", activation_expires_at=soon + timedelta(days=20))
    other_admin = TeacherFactory(role=Teacher.Role.ADMIN).user
    assert reminders.remind_expiring_activation_codes() == 1
    [notice] = notices_of(admin, "activation_codes_expiring")
    assert notice.params == {"count": 2, "days": reminders.ACTIVATION_WARNING_DAYS}
    assert notices_of(other_admin, "activation_codes_expiring") == []
    assert reminders.remind_expiring_activation_codes() == 0


def test_school_admins_hear_of_insurance_and_inspections_running_out_within_30_days(school, admin, settings):
    placement = PlacementFactory(student=StudentFactory(institution=school), status="active")
    PlacementDocumentFactory(placement=placement, kind="insurance", covers_to=days_from_today(10))
    later = PlacementFactory(student=StudentFactory(institution=school), status="active")
    PlacementDocumentFactory(placement=later, kind="insurance", covers_to=days_from_today(90))
    valid = settings.PLACEMENT_RULES["INSPECTION_VALID_DAYS"]
    base = OffCampusBaseFactory(inspected=valid - 5)  # its latest passing inspection, in days ago
    base.institutions.add(school)
    fresh = OffCampusBaseFactory(inspected=10)
    fresh.institutions.add(school)

    assert reminders.remind_expiring_insurance_and_inspections() == 2
    assert notices_of(admin, "insurance_expiring")[0].params["count"] == 1
    assert notices_of(admin, "inspections_expiring")[0].params["count"] == 1
    assert reminders.remind_expiring_insurance_and_inspections() == 0


def test_the_scheduled_jobs_and_the_command_run_the_same_reminders(school, admin):
    StudentFactory(
        institution=school, activation_code_hash="x", activation_expires_at=timezone.now() + timedelta(hours=5)
    )
    assert tasks.remind_expiring_activation_codes.delay().get() == 1  # inline without a broker
    out = StringIO()
    call_command("send_reminders", stdout=out)
    assert "activation_codes: 0 notices" in out.getvalue()


def test_the_beat_schedule_names_registered_tasks_in_shanghai_time():
    from config.celery import app

    assert app.conf.timezone == "Asia/Shanghai"
    app.autodiscover_tasks(force=True)  # as a worker does when it starts: every app's tasks module
    for entry in app.conf.beat_schedule.values():
        assert entry["task"] in app.tasks, entry["task"]
