"""Changing graduate outcomes: schools record and import them, graduates report their own (the school
confirms), later employers' job offers; the employer is matched to a company on the platform by its credit code.

Every one of them writes through `outcomes_write`, the one writer: it checks each outcome the same way
(`outcomes_check`: the derived fields, the model's full_clean(), the domain rules, one outcome per graduate and
year), writes them (in bulk when there are many: an import) and changes the Stay-in-Wuhan report's aggregates
(alumni.rollups) in the same transaction."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.actor import Actor
from alumni import rollups
from alumni.models import WORKING, GraduateOutcome, OutcomeSource, OutcomeStatus, SalaryBand, TalentRule
from alumni.rollups import SNAPSHOT, snapshot
from companies.credit_code import normalize, validate_credit_code
from companies.models import Company
from core.errors import DomainError
from notices.services import notice_send
from schools.models import Student, Teacher

BATCH = 500


def is_wuhan(city: str) -> bool:
    return "武汉" in (city or "") or (city or "").strip().lower() == "wuhan"


def fill_derived(outcome: GraduateOutcome, *, employers: dict[str, Company] | None = None) -> None:
    """Employer matched by credit code; the Wuhan flag from the city; district and zone only in Wuhan.
    `employers` (credit code to company) saves a query per outcome when many are checked at once."""
    outcome.employer_credit_code = normalize(outcome.employer_credit_code)
    if outcome.employer_credit_code:
        if employers is None:
            employers = _employers_by_code([outcome])
        outcome.employer = employers.get(outcome.employer_credit_code)
        if outcome.employer and not outcome.employer_name:
            outcome.employer_name = outcome.employer.name
    else:
        outcome.employer = None
    outcome.in_wuhan = is_wuhan(outcome.work_city)
    if not outcome.in_wuhan:
        outcome.district = ""
        outcome.zone = ""


def _employers_by_code(outcomes: Iterable[GraduateOutcome]) -> dict[str, Company]:
    codes = {normalize(o.employer_credit_code) for o in outcomes} - {""}
    return {c.credit_code: c for c in Company.objects.filter(credit_code__in=codes)} if codes else {}


def domain_errors(outcome: GraduateOutcome) -> dict[str, list]:
    """The rules a model field cannot say alone: who works says where and for whom, a plausible graduation
    year, a well-formed credit code, the major and class of the outcome's own school."""
    errors: dict[str, list] = {}
    working = outcome.status in WORKING
    if working and not outcome.work_city:
        errors["work_city"] = [_("Give the city where the graduate works.")]
    if outcome.status == OutcomeStatus.EMPLOYED and not (outcome.employer_name or outcome.employer_credit_code):
        errors["employer_name"] = [_("Give the employer.")]
    this_year = timezone.localdate().year
    if outcome.graduation_year is not None and not 2000 <= outcome.graduation_year <= this_year + 1:
        errors["graduation_year"] = [_("Enter a graduation year between 2000 and next year.")]
    if outcome.employer_credit_code:
        try:
            validate_credit_code(outcome.employer_credit_code)
        except ValidationError as exc:
            errors["employer_credit_code"] = list(exc.messages)
    if outcome.major is not None and outcome.major.institution_id != outcome.institution_id:
        errors["major"] = [_("This major is not one of the school's.")]
    if outcome.cohort is not None and outcome.cohort.major.institution_id != outcome.institution_id:
        errors["cohort"] = [_("This class is not one of the school's.")]
    return errors


def _loaded_references(outcome: GraduateOutcome) -> list[str]:
    """References given as objects (loaded from the database, or None): full_clean() need not query each one
    to prove it exists, which would be a query per reference per row of an import."""
    return [f.name for f in GraduateOutcome._meta.concrete_fields if f.is_relation and f.is_cached(outcome)]


def _taken(outcomes: list[GraduateOutcome]) -> dict[tuple, int]:
    """The stored outcomes holding the graduates and years of these (one query however many)."""
    keys = [(o.institution_id, o.student_number, o.graduation_year) for o in outcomes]
    if not keys:
        return {}
    rows = GraduateOutcome.objects.filter(
        institution_id__in={k[0] for k in keys},
        student_number__in={k[1] for k in keys},
        graduation_year__in={k[2] for k in keys if k[2] is not None},
    ).values_list("institution_id", "student_number", "graduation_year", "pk")
    return {(i, n, y): pk for i, n, y, pk in rows}


ONE_PER_YEAR = _("This graduate already has an outcome for this year.")


def outcomes_check(outcomes: list[GraduateOutcome]) -> list[dict[str, list[str]]]:
    """Each outcome's field errors, in the list's order (an empty dict when it is valid), after filling its
    derived fields: the model's full_clean() (required fields, choices, lengths, the bounds of config.bounds),
    then the domain rules on the fields full_clean() passed, then one outcome per graduate and year. The same
    for one outcome as for an import's thousands, in three queries."""
    employers = _employers_by_code(outcomes)
    taken = _taken(outcomes)
    seen: set[tuple] = set()
    found = []
    for outcome in outcomes:
        fill_derived(outcome, employers=employers)
        errors: dict[str, list[str]] = {}
        try:
            outcome.full_clean(exclude=_loaded_references(outcome), validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            errors = {field: list(messages) for field, messages in exc.message_dict.items()}
        for field, messages in domain_errors(outcome).items():
            if field not in errors:
                errors[field] = [str(m) for m in messages]
        key = (outcome.institution_id, outcome.student_number, outcome.graduation_year)
        if key in seen or taken.get(key, outcome.pk) != outcome.pk:
            errors.setdefault("student_number", []).append(
                str(_("This graduate already has an outcome for this year."))
            )
        seen.add(key)
        found.append(errors)
    return found


class OutcomesInvalid(ValidationError):
    """Some outcomes of a write break a rule; nothing was written. `by_position` holds each invalid one's field
    errors by its place in the list; as a ValidationError it carries the first one's, so writing one outcome
    answers a 400 with its fields marked."""

    def __init__(self, by_position: dict[int, dict[str, list[str]]]) -> None:
        self.by_position = by_position
        super().__init__(next(iter(by_position.values())))


def _update_all(outcomes: list[GraduateOutcome]) -> None:
    """Stored outcomes rewritten, every column, one parameterised UPDATE run for all of them (executemany:
    pipelined by psycopg, a C loop in SQLite). bulk_update's CASE per field and row took 45 s for 2,000."""
    if not outcomes:
        return
    meta = GraduateOutcome._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    quote = connection.ops.quote_name
    sql = (
        f"UPDATE {quote(meta.db_table)} SET {', '.join(f'{quote(f.column)} = %s' for f in fields)} "
        f"WHERE {quote(meta.pk.column)} = %s"
    )
    rows = [
        [*(f.get_db_prep_save(f.pre_save(o, add=False), connection) for f in fields), o.pk]
        for o in sorted(outcomes, key=lambda o: o.pk)  # in the order _stored locked them
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _stored(pks: list[int]) -> dict[int, dict]:
    """The outcomes as the database holds them, locked until the transaction ends."""
    if not pks:
        return {}
    rows = GraduateOutcome.objects.select_for_update().filter(pk__in=pks).order_by("pk").values("pk", *SNAPSHOT)
    return {row.pop("pk"): row for row in rows}


@transaction.atomic
def outcomes_write(
    *, outcomes: list[GraduateOutcome], check: bool = True, dry_run: bool = False
) -> list[GraduateOutcome]:
    """The one writer of graduate outcomes: the school's record, its import, a graduate's report, a confirmation
    and (issue 18) a job offer all save through it. Checked first (`outcomes_check`; all or nothing: any invalid
    outcome raises OutcomesInvalid and nothing is written); `dry_run` stops there. Many are written in bulk,
    and the report's aggregates (alumni.rollups) change by their one net delta in the same transaction.
    `check=False` writes the outcomes as given: for a confirmation (it changes no field the checks read), data
    loads and tests."""
    if check:
        problems = {i: errors for i, errors in enumerate(outcomes_check(outcomes)) if errors}
        if problems:
            raise OutcomesInvalid(problems)
    if dry_run:
        return outcomes
    old = _stored([o.pk for o in outcomes if o.pk])
    delta = rollups.Delta()
    for outcome in outcomes:
        delta.change(old.get(outcome.pk), None)
    if len(outcomes) == 1:
        outcomes[0].save()
    else:
        _update_all([o for o in outcomes if o.pk])
        GraduateOutcome.objects.bulk_create([o for o in outcomes if not o.pk], batch_size=BATCH)
    for outcome in outcomes:
        delta.change(None, snapshot(outcome))
    rollups.apply(delta)
    return outcomes


def outcome_store(*, outcome: GraduateOutcome) -> GraduateOutcome:
    """One outcome written as given (no derived fields, no checks): for data loads and tests."""
    return outcomes_write(outcomes=[outcome], check=False)[0]


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
def outcome_save(*, actor: Actor, outcome: GraduateOutcome) -> GraduateOutcome:
    """A school admin records or corrects an outcome of their school."""
    if outcome.institution_id not in actor.admin_school_ids:
        raise PermissionDenied(_("Only administrators of the school record its graduates' outcomes."))
    outcome.confirmed = True
    outcome.confirmed_by = actor.user
    return outcomes_write(outcomes=[outcome])[0]


def outcome_require_graduate(*, actor: Actor) -> None:
    """Only a (former) student reports an outcome, their own (asked before the form: others get a 403)."""
    if not actor.student_id:
        raise PermissionDenied(_("Only graduates report their own outcome."))


@transaction.atomic
def outcome_self_report(*, actor: Actor, **fields) -> GraduateOutcome:
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
    outcomes_write(outcomes=[outcome])
    admins = Teacher.objects.filter(institution_id=student.institution_id, role=Teacher.Role.ADMIN)
    notice_send(
        recipients=admins.values_list("user_id", flat=True),
        kind="outcome_reported",
        params={"student": student.full_name, "year": year},
        link="/alumni/outcomes?confirmed=false",
    )
    return outcome


def salary_band_for(monthly: int | None) -> str:
    """The report's salary band of a monthly salary in CNY ('' when not known)."""
    if monthly is None:
        return ""
    for floor, band in ((10000, SalaryBand.FROM_10000), (7000, SalaryBand.FROM_7000), (5000, SalaryBand.FROM_5000),
                        (3000, SalaryBand.FROM_3000)):  # fmt: skip
        if monthly >= floor:
            return band
    return SalaryBand.UNDER_3000


@transaction.atomic
def outcome_record_offer(
    *, student: Student, employer: Company, graduation_year: int, district: str, zone: str = "",
    start_date, monthly_salary: int | None = None, is_demo: bool = False,
) -> GraduateOutcome:  # fmt: skip
    """A job offer accepted on the platform (careers) becomes the graduate's outcome for their graduation year:
    employed by the company, in Wuhan, in the job's district. It counts once the school confirms it (the
    school's admins get a notice). A record of that year the school has confirmed is never overwritten: when it
    names another employer the admins are asked to compare and edit it themselves.
    The careers service calls this after checking the student accepted; it is not an endpoint of its own."""
    student = Student.objects.select_related("cohort__major").get(pk=student.pk)
    admins = Teacher.objects.filter(
        institution_id=student.institution_id, role=Teacher.Role.ADMIN, archived_at__isnull=True
    )
    outcome = GraduateOutcome.objects.filter(
        institution_id=student.institution_id, student_number=student.student_number, graduation_year=graduation_year
    ).first() or GraduateOutcome(institution_id=student.institution_id, student_number=student.student_number,
                                 graduation_year=graduation_year)  # fmt: skip
    if outcome.pk and outcome.confirmed and outcome.employer_id != employer.pk:
        # The school confirmed another record of that year: an offer never overwrites it (it would leave the
        # report until re-confirmed). The admins are asked to compare and edit the record themselves.
        notice_send(
            recipients=admins.values_list("user_id", flat=True),
            kind="outcome_offer_differs",
            params={"student": student.full_name, "company": employer.name, "year": graduation_year},
            link=f"/alumni/outcomes?search={student.student_number}",
        )
        return outcome
    if outcome.pk and outcome.confirmed:
        return outcome  # the confirmed record already names this employer
    outcome.student = student
    outcome.full_name = student.full_name
    outcome.major = student.cohort.major if student.cohort_id else None
    outcome.cohort = student.cohort
    outcome.status = OutcomeStatus.EMPLOYED
    outcome.employer = employer
    outcome.employer_name = employer.name
    outcome.employer_credit_code = employer.credit_code
    outcome.work_city = "武汉"
    outcome.district = district
    outcome.zone = zone
    outcome.salary_band = salary_band_for(monthly_salary)
    outcome.source = OutcomeSource.OFFER
    outcome.reported_on = min(start_date, timezone.localdate()) if start_date else timezone.localdate()
    outcome.confirmed = False
    outcome.confirmed_by = None
    outcome.is_demo = is_demo
    outcomes_write(outcomes=[outcome])
    notice_send(
        recipients=admins.values_list("user_id", flat=True),
        kind="outcome_offer_accepted",
        params={"student": student.full_name, "company": employer.name, "year": graduation_year},
        link="/alumni/outcomes?confirmed=false",
    )
    return outcome


@transaction.atomic
def outcome_confirm(*, actor: Actor, outcome: GraduateOutcome) -> GraduateOutcome:
    if outcome.institution_id not in actor.admin_school_ids:
        raise PermissionDenied(_("Only administrators of the school confirm outcomes."))
    if outcome.confirmed:
        raise DomainError(_("This outcome is already confirmed."))
    outcome.confirmed = True
    outcome.confirmed_by = actor.user
    return outcomes_write(outcomes=[outcome], check=False)[0]  # a confirmation changes no field the checks read


@transaction.atomic
def talent_rule_update(*, actor: Actor, rule: TalentRule, points: int) -> TalentRule:
    if not actor.is_city_analyst:
        raise PermissionDenied(_("Only city analysts edit the talent-points rules."))
    if not -1000 <= points <= 1000:
        raise ValidationError({"points": [_("Between -1000 and 1000 points.")]})
    rule.points = points
    rule.updated_by = actor.user
    rule.save(update_fields=["points", "updated_by", "updated_at"])
    return rule
