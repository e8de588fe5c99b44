"""Changing graduate outcomes: schools record and import them, graduates report their own (the school
confirms), and the employer is matched to a company on the platform by its credit code."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.actor import Actor
from alumni import rollups
from alumni.models import GraduateOutcome, OutcomeSource, OutcomeStatus, TalentRule
from alumni.rollups import SNAPSHOT, snapshot
from companies.credit_code import normalize
from companies.models import Company
from core.errors import DomainError
from notices.services import notice_send
from schools.models import Student, Teacher


def is_wuhan(city: str) -> bool:
    return "武汉" in (city or "") or (city or "").strip().lower() == "wuhan"


def fill_derived(outcome: GraduateOutcome) -> None:
    """Employer matched by credit code; the Wuhan flag from the city; district and zone only in Wuhan."""
    outcome.employer_credit_code = normalize(outcome.employer_credit_code)
    if outcome.employer_credit_code:
        outcome.employer = Company.objects.filter(credit_code=outcome.employer_credit_code).first()
        if outcome.employer and not outcome.employer_name:
            outcome.employer_name = outcome.employer.name
    else:
        outcome.employer = None
    outcome.in_wuhan = is_wuhan(outcome.work_city)
    if not outcome.in_wuhan:
        outcome.district = ""
        outcome.zone = ""


def check(outcome: GraduateOutcome) -> None:
    errors: dict[str, list] = {}
    working = outcome.status in (OutcomeStatus.EMPLOYED, OutcomeStatus.SELF_EMPLOYED)
    if working and not outcome.work_city:
        errors["work_city"] = [_("Give the city where the graduate works.")]
    if outcome.status == OutcomeStatus.EMPLOYED and not (outcome.employer_name or outcome.employer_credit_code):
        errors["employer_name"] = [_("Give the employer.")]
    this_year = timezone.localdate().year
    if not 2000 <= outcome.graduation_year <= this_year + 1:
        errors["graduation_year"] = [_("Enter a graduation year between 2000 and next year.")]
    if errors:
        raise ValidationError(errors)


def _stored(pks: list[int]) -> dict[int, dict]:
    """The outcomes as the database holds them, locked until the transaction ends."""
    if not pks:
        return {}
    rows = GraduateOutcome.objects.select_for_update().filter(pk__in=pks).order_by("pk").values("pk", *SNAPSHOT)
    return {row.pop("pk"): row for row in rows}


@transaction.atomic
def outcomes_store(*, outcomes: list[GraduateOutcome]) -> list[GraduateOutcome]:
    """The one writer of graduate outcomes: every service here (a school's record, an import, a graduate's
    report, a confirmation) saves through it, so the report's aggregates (alumni.rollups) change in the same
    transaction as the outcomes. Many at once (an import) give one net change of the aggregates."""
    old = _stored([o.pk for o in outcomes if o.pk])
    delta = rollups.Delta()
    for outcome in outcomes:
        delta.change(old.get(outcome.pk), None)
        outcome.save()
        delta.change(None, snapshot(outcome))
    rollups.apply(delta)
    return outcomes


def outcome_store(*, outcome: GraduateOutcome) -> GraduateOutcome:
    return outcomes_store(outcomes=[outcome])[0]


def outcome_create(**fields) -> GraduateOutcome:
    """An outcome written as given (no derived fields, no checks): for data loads and tests."""
    return outcome_store(outcome=GraduateOutcome(**fields))


@transaction.atomic
def outcome_delete(*, outcome: GraduateOutcome) -> None:
    old = _stored([outcome.pk])
    delta = rollups.Delta()
    delta.change(old.get(outcome.pk), None)
    outcome.delete()
    rollups.apply(delta)


@transaction.atomic
def outcome_save(*, actor: Actor, user, outcome: GraduateOutcome) -> GraduateOutcome:
    """A school admin records or corrects an outcome of their school."""
    if outcome.institution_id not in actor.admin_school_ids:
        raise PermissionDenied(_("Only administrators of the school record its graduates' outcomes."))
    fill_derived(outcome)
    check(outcome)
    outcome.confirmed = True
    outcome.confirmed_by = user
    return outcome_store(outcome=outcome)


def outcome_require_graduate(*, actor: Actor) -> None:
    """Only a (former) student reports an outcome, their own (asked before the form: others get a 403)."""
    if not actor.student_id:
        raise PermissionDenied(_("Only graduates report their own outcome."))


@transaction.atomic
def outcome_self_report(*, actor: Actor, user, **fields) -> GraduateOutcome:
    """A graduate reports where they went; it counts once the school confirms it."""
    outcome_require_graduate(actor=actor)
    student = Student.objects.select_related("cohort__major").get(pk=actor.student_id)
    year = fields.pop("graduation_year")
    if year > timezone.localdate().year:
        raise ValidationError({"graduation_year": [_("Report your outcome after you graduate.")]})
    outcome = GraduateOutcome.objects.filter(
        institution_id=student.institution_id, student_number=student.student_number, graduation_year=year
    ).first() or GraduateOutcome(institution_id=student.institution_id, student_number=student.student_number,
                                 graduation_year=year)  # fmt: skip
    if outcome.pk and outcome.confirmed and outcome.source != OutcomeSource.SELF:
        raise DomainError(_("Your school has already recorded this year's outcome; ask it to correct it."))
    for name, value in fields.items():
        setattr(outcome, name, value)
    outcome.student = student
    outcome.full_name = student.full_name
    outcome.major = student.cohort.major if student.cohort_id else None
    outcome.cohort = student.cohort
    outcome.source = OutcomeSource.SELF
    outcome.reported_on = timezone.localdate()
    outcome.confirmed = False
    fill_derived(outcome)
    check(outcome)
    outcome_store(outcome=outcome)
    admins = Teacher.objects.filter(institution_id=student.institution_id, role=Teacher.Role.ADMIN)
    notice_send(
        recipients=admins.values_list("user_id", flat=True),
        kind="outcome_reported",
        params={"student": student.full_name, "year": year},
        link="/alumni/outcomes?confirmed=false",
    )
    return outcome


@transaction.atomic
def outcome_confirm(*, actor: Actor, user, outcome: GraduateOutcome) -> GraduateOutcome:
    if outcome.institution_id not in actor.admin_school_ids:
        raise PermissionDenied(_("Only administrators of the school confirm outcomes."))
    if outcome.confirmed:
        raise DomainError(_("This outcome is already confirmed."))
    outcome.confirmed = True
    outcome.confirmed_by = user
    return outcome_store(outcome=outcome)


@transaction.atomic
def talent_rule_update(*, actor: Actor, user, rule: TalentRule, points: int) -> TalentRule:
    if not actor.is_city_analyst:
        raise PermissionDenied(_("Only city analysts edit the talent-points rules."))
    if not -1000 <= points <= 1000:
        raise ValidationError({"points": [_("Between -1000 and 1000 points.")]})
    rule.points = points
    rule.updated_by = user
    rule.save(update_fields=["points", "updated_by", "updated_at"])
    return rule
