"""Morning reminders (Celery beat runs them each day in Asia/Shanghai time; `manage.py send_reminders` runs them
on demand): overdue journals to their students, a digest the day before a journal is due, and to each school the
activation codes, insurance policies and site inspections that run out soon. Each reminder goes at most once a
day to a person, so a job that runs twice (acks late) or a second run by hand sends nothing more."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone

from companies.models import SiteInspection, TrainingBase
from notices.models import Notice
from notices.services import notice_send
from placements.choices import DocumentKind, JournalStatus, PlacementStatus
from placements.models import Placement, PlacementDocument
from schools.models import Student, Teacher

EXPIRY_WARNING_DAYS = 30
ACTIVATION_WARNING_DAYS = 3


def _school_admins(institution_ids) -> dict[int, list[int]]:
    admins: dict[int, list[int]] = defaultdict(list)
    rows = Teacher.objects.filter(institution_id__in=set(institution_ids), role=Teacher.Role.ADMIN)
    if hasattr(Teacher, "archived_at"):
        rows = rows.filter(archived_at__isnull=True)
    for institution_id, user_id in rows.values_list("institution_id", "user_id"):
        admins[institution_id].append(user_id)
    return admins


def _not_yet_today(user_ids, kind: str) -> list[int]:
    start = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time.min))
    done = set(
        Notice.objects.filter(recipient_id__in=user_ids, kind=kind, created_at__gte=start).values_list(
            "recipient_id", flat=True
        )
    )
    return [uid for uid in dict.fromkeys(user_ids) if uid not in done]


@transaction.atomic
def remind_overdue_journals() -> int:
    """Students of placements in progress whose journals are behind the school's cadence; returns how many."""
    from placements.services.journals import journal_summary

    placements = (
        Placement.objects.filter(status=PlacementStatus.ACTIVE, student__user__isnull=False)
        .select_related("slot", "student")
        .annotate(journal_count=Count("journals", filter=Q(journals__status=JournalStatus.SUBMITTED)))
    )
    behind: dict[int, tuple[str, int]] = {}
    for placement in placements:
        summary = journal_summary(placement, placement.journal_count)
        if summary.overdue:
            behind[placement.student.user_id] = (placement.slot.title, summary.overdue)
    sent = 0
    for user_id in _not_yet_today(list(behind), "journal_overdue"):
        slot, overdue = behind[user_id]
        notice_send(recipients=[user_id], kind="journal_overdue", params={"slot": slot, "overdue": overdue})
        sent += 1
    return sent


@transaction.atomic
def remind_journals_due_tomorrow(*, user_id: int | None = None) -> int:
    """The day before a journal is due, one digest to each student (however many placements have one due): a
    single notice naming the count and the slots, at most once a day. Returns how many were sent. With `user_id`,
    only that student's (the app asks for it when the student opens it and no scheduler runs: `make run`)."""
    from placements.services.journals import journal_summary

    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    placements = Placement.objects.filter(status=PlacementStatus.ACTIVE, student__user__isnull=False)
    if user_id is not None:
        placements = placements.filter(student__user_id=user_id)
    placements = placements.select_related("slot", "student").annotate(
        journal_count=Count("journals", filter=Q(journals__status=JournalStatus.SUBMITTED))
    )
    due: dict[int, list[str]] = defaultdict(list)
    for placement in placements:
        summary = journal_summary(placement, placement.journal_count)
        if summary.next_due == tomorrow and not summary.waived:
            due[placement.student.user_id].append(placement.slot.title)
    sent = 0
    for user_id in _not_yet_today(list(due), "journal_due_digest"):
        slots = due[user_id]
        notice_send(
            recipients=[user_id],
            kind="journal_due_digest",
            params={"count": len(slots), "slots": "、".join(slots), "date": tomorrow.isoformat()},
            link="/placements?view=student",
        )
        sent += 1
    return sent


@transaction.atomic
def remind_expiring_activation_codes(*, within_days: int = ACTIVATION_WARNING_DAYS) -> int:
    """Each school's admins hear how many students' activation codes run out within a few days, unused."""
    now = timezone.now()
    counts = dict(
        Student.objects.filter(
            user__isnull=True,
            activation_code_hash__gt="",
            activation_expires_at__gt=now,
            activation_expires_at__lte=now + datetime.timedelta(days=within_days),
        )
        .values("institution_id")
        .annotate(n=Count("id"))
        .values_list("institution_id", "n")
    )
    return _tell_school_admins(counts, "activation_codes_expiring", lambda n: {"count": n, "days": within_days})


@transaction.atomic
def remind_expiring_insurance_and_inspections(*, within_days: int = EXPIRY_WARNING_DAYS) -> int:
    """Each school's admins hear of insurance policies of placements under way and site inspections of their
    bases that run out within 30 days (COMPLIANCE.md rules 13 and 14)."""
    today = timezone.localdate()
    until = today + datetime.timedelta(days=within_days)
    live = (PlacementStatus.CONFIRMED, PlacementStatus.READY, PlacementStatus.ACTIVE)
    insurance = dict(
        PlacementDocument.objects.filter(
            kind=DocumentKind.INSURANCE, covers_to__gte=today, covers_to__lte=until, placement__status__in=live
        )
        .values("placement__student__institution_id")
        .annotate(n=Count("placement_id", distinct=True))
        .values_list("placement__student__institution_id", "n")
    )
    sent = _tell_school_admins(insurance, "insurance_expiring", lambda n: {"count": n, "days": within_days})

    valid_days = settings.PLACEMENT_RULES["INSPECTION_VALID_DAYS"]
    oldest, newest = today - datetime.timedelta(days=valid_days), until - datetime.timedelta(days=valid_days)
    # A base's inspection runs out with its latest passing one (the schools' records, companies.inspections).
    latest = Max("inspections__inspected_on", filter=Q(inspections__outcome=SiteInspection.Outcome.PASSED))
    expiring = list(
        TrainingBase.objects.filter(is_active=True)
        .annotate(last_inspected=latest)
        .filter(last_inspected__gte=oldest, last_inspected__lte=newest)
        .values_list("pk", flat=True)
    )
    inspections = dict(
        TrainingBase.objects.filter(pk__in=expiring)
        .values("institutions")
        .exclude(institutions=None)
        .annotate(n=Count("id", distinct=True))
        .values_list("institutions", "n")
    )
    sent += _tell_school_admins(inspections, "inspections_expiring", lambda n: {"count": n, "days": within_days})
    return sent


def _tell_school_admins(counts: dict[int, int], kind: str, params) -> int:
    admins = _school_admins(counts)
    sent = 0
    for institution_id, n in counts.items():
        for user_id in _not_yet_today(admins.get(institution_id, []), kind):
            notice_send(recipients=[user_id], kind=kind, params=params(n))
            sent += 1
    return sent


def alert_missing_checkins() -> int:
    """Teachers hear of runs of missing check-ins (fieldwork.attendance: one notice per run)."""
    from fieldwork.attendance import alert_missing_runs

    return alert_missing_runs()


def remind_fairs_tomorrow() -> int:
    """Registered students the day before their recruitment fair (careers.fairs; once per registration)."""
    from careers.fairs.services import remind_fairs_tomorrow as remind

    return remind()


def close_ended_fairs() -> int:
    """Open recruitment fairs whose end has passed close themselves (careers.fairs; returns how many closed)."""
    from careers.fairs.services import close_ended_fairs as close

    return close()


REMINDERS = {
    "overdue_journals": remind_overdue_journals,
    "journals_due": remind_journals_due_tomorrow,
    "activation_codes": remind_expiring_activation_codes,
    "insurance_and_inspections": remind_expiring_insurance_and_inspections,
    "missing_checkins": alert_missing_checkins,
    "fairs_tomorrow": remind_fairs_tomorrow,
    "fairs_ended": close_ended_fairs,
}
