"""The internship regulation as checks (COMPLIANCE.md). Each message cites the regulation's own article (never
COMPLIANCE.md's row numbers, which in Chinese read as articles) from `BASES`, so a user knows why; the API gives
the clause behind each citation (GET /api/v1/regulation/). The numbers come from settings.PLACEMENT_RULES."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from placements.choices import HIGH_RISK_WORK, BannedWork, InsurancePayer, InternshipKind, PayCycle, WorkHazard


def rule(name: str):
    return settings.PLACEMENT_RULES[name]


# -- what each check rests on ----------------------------------------------------------------------------------

# The short form of a citation: the article of 《职业学校学生实习管理规定》 (教职成〔2021〕4号) where it was read in a
# copy of the 2021 text (COMPLIANCE.md, "Corrections and additions"), the regulation by name where it was not.
REGULATION = _("The Regulation on Internships of Vocational School Students")
ARTICLE = {
    16: _("Art. 16 of the Regulation on Internships of Vocational School Students"),
    17: _("Art. 17 of the Regulation on Internships of Vocational School Students"),
    18: _("Art. 18 of the Regulation on Internships of Vocational School Students"),
}
# What a check about a student of a school outside the regulation (an ordinary undergraduate university, art. 2)
# cites instead: the same check, run as the school's own policy, never presented as the regulation.
PLATFORM_POLICY = _("Platform policy (the school's placement policy)")


@dataclass(frozen=True)
class Basis:
    """What one check rests on: the article (None: not certain, so the regulation is cited by name) and the
    clause, as the platform summarises it."""

    key: str
    article: int | None
    clause: str

    @property
    def citation(self) -> str:
        return str(ARTICLE[self.article] if self.article else REGULATION)

    def as_dict(self, *, regulated: bool = True) -> dict:
        """The basis as the API gives it; for a school outside the regulation (`regulated` False) a check that
        follows the student's school (SCHOOL_CHECKS) is the platform's policy: no article, its own citation."""
        if not regulated and self.key in SCHOOL_CHECKS:
            citation, article, source = str(PLATFORM_POLICY), None, "platform_policy"
        else:
            citation, article, source = self.citation, self.article, "regulation"
        return {"key": self.key, "article": article, "citation": citation, "clause": str(self.clause), "source": source}


_BASES = (
    Basis("agreement", None, _("A post internship needs the tripartite agreement of school, company and student.")),
    Basis(
        "consent",
        None,
        _(
            "A school-organised post internship needs the consent of the student and their guardian "
            "(法定监护人或家长), given online through the platform's link or on a paper form the school has checked."
        ),
    ),
    Basis("age", 16, _("No student under 16 may be placed in a post internship.")),
    Basis("first_year", 16, _("First-year students may not be placed in a post internship.")),
    Basis(
        "banned_work",
        16,
        _(
            "No work banned for minors or for women by law; no bars, KTV, internet cafés, bathhouses or game halls; "
            "no work at physical-labour intensity level III or above; no placement through paid agents; nothing "
            "else harmful to students' physical or mental health."
        ),
    ),
    Basis(
        "high_risk",
        17,
        _(
            "Students may not be placed in high-risk work: work at height, underground or in mines, with radioactive "
            "sources, with toxic or harmful substances, with flammable or explosive materials, or physical labour of "
            "the national intensity level IV, nor in other work of similar danger."
        ),
    ),
    Basis(
        "working_time",
        17,
        _(
            "No overtime, night shifts or work on statutory holidays during a post internship, unless the major "
            "and post have special needs and the arrangement is filed with the education authority; the national "
            "working-time rules apply (8 hours a day, 40 a week, at least one rest day a week)."
        ),
    ),
    Basis(
        "intern_share",
        None,
        # xgettext:no-python-format
        _("Interns are at most 10% of a company's staff on post and at most 20% of the staff in one post."),
    ),
    Basis("duration", None, _("A post internship normally lasts six months.")),
    Basis(
        "pay",
        18,
        _(
            # xgettext:no-python-format
            "The pay is at least 80% of the same post's probation-period wage (or of the lowest wage grade), in "
            "money, directly to the student, at least monthly; insurance is never charged to students."
        ),
    ),
    Basis(
        "fees",
        None,
        _(
            "No deposits or training, management, material, placement or employment-service fees, no commission "
            "on the student's pay, and no holding of ID or student cards."
        ),
    ),
    Basis("major", None, _("The placement fits the student's major and does not cross major categories.")),
    Basis(
        "insurance",
        None,
        _(
            "Internship liability insurance covers the whole placement, from its first day to its last; students "
            "are never charged for it."
        ),
    ),
    Basis(
        "inspection",
        None,
        _(
            "The school assesses a company on site and keeps a written report before the company joins its list, "
            "and a base needs a current inspection before it hosts post internships."
        ),
    ),
    Basis(
        "safety_training",
        None,
        _("No student starts an internship without safety training and passing its check."),
    ),
    Basis(
        "supervision",
        None,
        _("Every placement has a school teacher and a company mentor for its whole length."),
    ),
    Basis(
        "filing",
        None,
        _(
            "The school files its post-internship arrangements with the education authority before the "
            "internships start."
        ),
    ),
    Basis(
        "company_list",
        None,
        _(
            "The school decides, collectively, which companies are on its list of placement companies, after "
            "assessing each on site, and publishes the list; students are placed only with companies on it."
        ),
    ),
    Basis(
        "self_arranged",
        None,
        _(
            "A student who, with their guardian, declines the school's arrangement may choose their own placement "
            "with the school's approval; the same protections then apply."
        ),
    ),
    Basis(
        "archive",
        None,
        _("The school keeps each internship's records (agreement, journals, assessments) as an archive."),
    ),
    Basis(
        "cross_province",
        None,
        _("A post internship outside the school's province needs the school's explicit approval before it starts."),
    ),
    Basis(
        "assessment",
        None,
        _("The school and the company both assess the internship, not by copying the company's staff appraisal."),
    ),
)
BASES: dict[str, Basis] = {b.key: b for b in _BASES}

# -- which rule set a school's students are held to (COMPLIANCE.md, "Scope") ------------------------------------

# The checks about a student and their school's placements follow the student's school: under the regulation
# (中职, 高职专科, 高职本科) they cite its article and cannot be relaxed; outside it (普通本科) they run as the
# school's own placement policy and are cited as platform policy. key -> the SchoolPolicy switch that relaxes it
# there (None: kept as it is). A slot's own checks (banned and high-risk work, hours, pay, fees, intern share) are
# the company's duties towards every school whose students may apply, so they stay the regulation's.
SCHOOL_CHECKS: dict[str, str | None] = {
    "age": "relax_age",
    "first_year": "relax_first_year",
    "major": "relax_major",
    "agreement": None,
    "consent": None,
    "insurance": None,
    "inspection": None,
    "safety_training": None,
    "supervision": None,
    "filing": None,
    "cross_province": None,
    "assessment": None,
    "company_list": None,
    "self_arranged": None,
    "archive": None,
}
RELAXABLE: dict[str, str] = {key: switch for key, switch in SCHOOL_CHECKS.items() if switch}


@dataclass(frozen=True)
class SchoolRules:
    """The rule set one school's students are held to: the regulation (nothing relaxed), or, for a school outside
    it, the same checks as the school's policy less the ones it relaxed."""

    regulated: bool = True
    relaxed: frozenset[str] = frozenset()

    def applies(self, key: str) -> bool:
        return self.regulated or key not in self.relaxed

    def cite(self, key: str, text) -> str:
        return cite(key, text, regulated=self.regulated)

    def basis(self, key: str) -> dict:
        return BASES[key].as_dict(regulated=self.regulated)


UNDER_REGULATION = SchoolRules()


def school_rules(institution) -> SchoolRules:
    """The rule set of `institution` (schools.Institution.under_regulation, and its policy's relax switches, which
    count only outside the regulation)."""
    if institution is None or institution.under_regulation:
        return UNDER_REGULATION
    from placements.models import SchoolPolicy

    policy = SchoolPolicy.objects.filter(institution_id=institution.pk).first()
    relaxed = frozenset(key for key, switch in RELAXABLE.items() if policy is not None and getattr(policy, switch))
    return SchoolRules(regulated=False, relaxed=relaxed)


def rules_for(student) -> SchoolRules:
    """The rule set of the student's school, read once per student object (a loop over slots asks once)."""
    cached = getattr(student, "_school_rules", None)
    if cached is None:
        cached = school_rules(student.institution)
        student._school_rules = cached
    return cached


def cite(key: str, text, *, regulated: bool = True) -> str:
    """A message that cites the check's basis: "<citation>: <text>" in the active language. `regulated` False:
    the student's school is outside the regulation (SchoolRules.cite)."""
    citation = BASES[key].as_dict(regulated=regulated)["citation"]
    return str(_("%(citation)s: %(text)s") % {"citation": citation, "text": text})


def slot_violations(values: dict, *, company_headcount: int) -> dict[str, list[str]]:
    """What stops a slot with these values from opening: {field: [message citing the rule]}."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message) -> None:
        errors.setdefault(field, []).append(str(message))

    banned = [b for b in values.get("banned_work") or [] if b in BannedWork.values]
    if banned:
        labels = "、".join(str(BannedWork(b).label) for b in banned)
        work = _("students may not be placed in this work: %(work)s.") % {"work": labels}
        add("banned_work", cite("banned_work", work))

    hazard = values.get("work_hazard")
    if hazard in HIGH_RISK_WORK:
        add(
            "work_hazard",
            cite(
                "high_risk",
                _("students may not be placed in this work: %(work)s.") % {"work": WorkHazard(hazard).label},
            ),
        )
    elif hazard != WorkHazard.ORDINARY:
        add("work_hazard", cite("high_risk", _("classify the work; only ordinary work can be offered to students.")))

    for field, message in working_time_violations(values):
        add(field, message)

    capacity = values.get("capacity") or 0
    post_headcount = values.get("post_headcount")
    if post_headcount is not None:
        post_cap = int(post_headcount * rule("POST_INTERN_SHARE"))
        if capacity > post_cap:
            add(
                "capacity",
                cite(
                    "intern_share",
                    _("interns may be at most %(pct)d%% of the staff on the post, so at most %(n)d here.")
                    % {"pct": round(rule("POST_INTERN_SHARE") * 100), "n": post_cap},
                ),
            )
    company_cap = int(company_headcount * rule("COMPANY_INTERN_SHARE"))
    if capacity > company_cap:
        add(
            "capacity",
            cite(
                "intern_share",
                _("interns may be at most %(pct)d%% of the company's staff, so at most %(n)d.")
                % {"pct": round(rule("COMPANY_INTERN_SHARE") * 100), "n": company_cap},
            ),
        )

    for field, message in pay_violations(values):
        add(field, message)
    if values.get("pay_cycle") not in (None, *PayCycle.values):
        add("pay_cycle", cite("pay", _("the stipend is paid at least monthly.")))
    if values.get("paid_directly") is False:
        add("paid_directly", cite("pay", _("the stipend is paid in money directly to the student.")))
    if values.get("charges_fees"):
        add("charges_fees", cite("fees", _("no deposits or training, management, material or placement fees.")))
    if values.get("holds_documents"):
        add("holds_documents", cite("fees", _("a company may not hold students' ID or student cards.")))

    start, end, deadline = values.get("start_date"), values.get("end_date"), values.get("application_deadline")
    if start and end and end < start:
        add("end_date", _("The end date cannot be before the start date."))
    if start and deadline and deadline > start:
        add("application_deadline", _("The application deadline must be on or before the start date."))
    return errors


# -- working time (art. 17) -------------------------------------------------------------------------------------


def _clock(value) -> time | None:
    """A time of day from a time or an "HH:MM" setting."""
    if value is None or isinstance(value, time):
        return value
    return datetime.strptime(str(value), "%H:%M").time()


def _minutes(value: time) -> int:
    return value.hour * 60 + value.minute


def regular_minutes(starts, ends, break_minutes) -> int | None:
    """Minutes of regular work a day: the daily window less the break (None while the window is incomplete)."""
    starts, ends = _clock(starts), _clock(ends)
    if starts is None or ends is None:
        return None
    return _minutes(ends) - _minutes(starts) - (break_minutes or 0)


def regular_daily_hours(starts, ends, break_minutes) -> Decimal | None:
    """What Slot.daily_hours stores: the regular hours of a day, to a tenth of an hour."""
    minutes = regular_minutes(starts, ends, break_minutes)
    if minutes is None:
        return None
    return (Decimal(max(minutes, 0)) / 60).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _hours(minutes) -> str:
    return f"{(Decimal(minutes) / 60).quantize(Decimal('0.01')).normalize():f}"


def working_time_violations(values: dict) -> list[tuple[str, str]]:
    """Regular hours (art. 17): inside the day (no night work), at most 8 hours a day and 40 a week, at least one
    rest day a week. Nothing a company types lifts these: night, overtime and holiday work exist only as an
    HoursException the school approves and files, which these checks never read."""
    found: list[tuple[str, str]] = []
    starts, ends = _clock(values.get("work_starts")), _clock(values.get("work_ends"))
    night_starts, night_ends = _clock(rule("NIGHT_STARTS")), _clock(rule("NIGHT_ENDS"))
    window = {"from": night_ends.strftime("%H:%M"), "to": night_starts.strftime("%H:%M")}
    night = _(
        "regular hours lie between %(from)s and %(to)s; night work is possible only as an exception the school "
        "approves and files with the education authority."
    )
    if starts is not None and _minutes(starts) < _minutes(night_ends):
        found.append(("work_starts", cite("working_time", night % window)))
    if ends is not None and _minutes(ends) > _minutes(night_starts):
        found.append(("work_ends", cite("working_time", night % window)))
    minutes = regular_minutes(starts, ends, values.get("break_minutes"))
    if starts is not None and ends is not None and ends <= starts:
        found.append(("work_ends", cite("working_time", _("the working day ends after it starts, on the same day."))))
    elif minutes is not None and minutes <= 0:
        found.append(("break_minutes", _("The break is longer than the working day.")))
    elif minutes is not None:
        cap = Decimal(str(rule("DAILY_HOURS_CAP")))
        if minutes > cap * 60:
            found.append(
                (
                    "work_ends",
                    cite(
                        "working_time",
                        _("at most %(cap)s hours a day; this window gives %(h)s hours after the break.")
                        % {"cap": f"{cap.normalize():f}", "h": _hours(minutes)},
                    ),
                )
            )
        days = values.get("days_per_week")
        weekly_cap = Decimal(str(rule("WEEKLY_HOURS_CAP")))
        if days and minutes * days > weekly_cap * 60:
            found.append(
                (
                    "days_per_week",
                    cite(
                        "working_time",
                        _("at most %(cap)s hours a week; %(days)d days of %(h)s hours are %(w)s.")
                        % {
                            "cap": f"{weekly_cap.normalize():f}",
                            "days": days,
                            "h": _hours(minutes),
                            "w": _hours(minutes * days),
                        },
                    ),
                )
            )
    rest = values.get("rest_days")
    rest = list(rest) if isinstance(rest, list | tuple) else []
    if len(set(rest)) < rule("MIN_REST_DAYS"):
        found.append(("rest_days", cite("working_time", _("at least one rest day a week."))))
    days = values.get("days_per_week")
    if days and days + len(set(rest)) > 7:
        found.append(
            (
                "rest_days",
                _("%(days)d working days and %(rest)d rest days are more than a week.")
                % {"days": days, "rest": len(set(rest))},
            )
        )
    return found


def overtime_violations(per_day, per_month) -> list[tuple[str, str]]:
    """Overtime an exception may ask for: within the Labour Law's limits for employees (3 hours a day, 36 a
    month), even once approved and filed."""
    found: list[tuple[str, str]] = []
    day_cap, month_cap = Decimal(str(rule("OVERTIME_DAILY_CAP"))), Decimal(str(rule("OVERTIME_MONTHLY_CAP")))
    if per_day is None or Decimal(per_day) <= 0:
        found.append(("overtime_hours_per_day", _("Give the overtime hours a day the exception asks for.")))
    elif Decimal(per_day) > day_cap:
        found.append(
            (
                "overtime_hours_per_day",
                cite("working_time", _("overtime is at most %(cap)s hours a day (Labour Law).") % {"cap": _n(day_cap)}),
            )
        )
    if per_month is None or Decimal(per_month) <= 0:
        found.append(("overtime_hours_per_month", _("Give the overtime hours a month the exception asks for.")))
    elif Decimal(per_month) > month_cap:
        found.append(
            (
                "overtime_hours_per_month",
                cite(
                    "working_time",
                    _("overtime is at most %(cap)s hours a month (Labour Law).") % {"cap": _n(month_cap)},
                ),
            )
        )
    return found


def _n(value: Decimal) -> str:
    return f"{value.normalize():f}"


# -- pay (art. 18) ---------------------------------------------------------------------------------------------


def minimum_wage() -> Decimal | None:
    """The monthly minimum wage a post's wage may not be below (settings; None when it is not set)."""
    value = rule("MIN_MONTHLY_WAGE")
    return None if value in (None, "") else Decimal(str(value))


def _is_wage(value) -> bool:
    return value is not None and Decimal(value) > 0


def pay_violations(values: dict) -> list[tuple[str, str]]:
    """Art. 18: the post's wage is an employee's wage (not below the minimum wage); the stipend is at least 80% of
    the post's probation-period wage, or of the company's lowest wage grade where the post has none (the post's
    regular wage, never lower than either, where neither is declared); zero or nothing is not a wage; insurance
    premiums are never the student's."""
    found: list[tuple[str, str]] = []
    minimum = minimum_wage()
    wage, probation = values.get("post_wage"), values.get("probation_wage")
    lowest, stipend = values.get("company_lowest_wage_grade"), values.get("stipend")
    below_minimum = _("an employee's wage cannot be below the minimum wage of ¥%(min)s a month.")
    if minimum is None:
        found.append(
            (
                "post_wage",
                cite(
                    "pay",
                    _("the minimum monthly wage is not set, so no wage can be checked; the platform's administrator "
                      "sets it (RULE_MIN_MONTHLY_WAGE)."),
                ),
            )
        )  # fmt: skip
    if not _is_wage(wage):
        found.append(("post_wage", cite("pay", _("give the post's monthly wage; zero or nothing is not a wage."))))
    elif minimum is not None and Decimal(wage) < minimum:
        found.append(("post_wage", cite("pay", below_minimum % {"min": f"{minimum:,.2f}"})))
    if probation is not None:
        if not _is_wage(probation):
            found.append(
                (
                    "probation_wage",
                    cite("pay", _("zero is not a wage; leave it empty if the post has no probation period.")),
                )
            )
        elif minimum is not None and Decimal(probation) < minimum:
            found.append(("probation_wage", cite("pay", below_minimum % {"min": f"{minimum:,.2f}"})))
        elif _is_wage(wage) and Decimal(probation) > Decimal(wage):
            found.append(("probation_wage", _("The probation-period wage cannot be above the post's regular wage.")))
    if _is_wage(probation):
        reference, of = Decimal(probation), _("the post's probation-period wage")
    elif _is_wage(lowest):
        reference, of = Decimal(lowest), _("the company's lowest wage grade")
    elif _is_wage(wage):
        reference, of = (
            Decimal(wage),
            _("the post's wage (neither a probation-period wage nor a lowest grade is given)"),
        )
    else:
        reference, of = None, None
    if reference is not None and minimum is not None and reference < minimum:
        reference, of = minimum, _("the minimum wage")
    if not _is_wage(stipend):
        found.append(("stipend", cite("pay", _("give the monthly stipend; zero or nothing is not pay."))))
    elif reference is not None:
        ratio = Decimal(str(rule("MIN_STIPEND_RATIO")))
        floor = (reference * ratio).quantize(Decimal("0.01"))
        if Decimal(stipend) < floor:
            found.append(
                (
                    "stipend",
                    cite(
                        "pay",
                        _("the stipend must be at least %(pct)d%% of %(of)s, that is ¥%(floor)s a month.")
                        % {"pct": round(ratio * 100), "of": of, "floor": f"{floor:,.2f}"},
                    ),
                )
            )
    if values.get("insurance_paid_by") == InsurancePayer.STUDENT:
        found.append(("insurance_paid_by", cite("pay", _("insurance premiums are never charged to the student."))))
    return found


def slot_warnings(values: dict) -> list[str]:
    """What is allowed but unusual (a post internship is normally six months)."""
    warnings = []
    start, end = values.get("start_date"), values.get("end_date")
    if values.get("kind") == InternshipKind.POST and start and end:
        months = (end.year - start.year) * 12 + (end.month - start.month) + (1 if end.day >= start.day else 0)
        if months != rule("POST_INTERNSHIP_MONTHS"):
            warnings.append(
                cite(
                    "duration",
                    _("a post internship normally lasts %(n)d months; this one lasts about %(m)d.")
                    % {"n": rule("POST_INTERNSHIP_MONTHS"), "m": months},
                )
            )
    return warnings


def age_on(birth: date, day: date) -> int:
    """Whole years of age on `day`. A 29 February birthday counts on 1 March in a common year (on 28 February
    the year is not yet complete). The birthday cut-offs below are this function's inverses, so the database
    filters count ages exactly as ineligibility() does."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def old_enough_from(birth: date, age: int) -> date:
    """The first day on which someone born on `birth` is `age` years old: age_on(birth, day) >= age exactly
    when day >= old_enough_from(birth, age). A 29 February birthday in a common year: 1 March."""
    year = birth.year + age
    try:
        return birth.replace(year=year)
    except ValueError:  # 29 February, in a common year
        return date(year, 3, 1)


def born_by(day: date, age: int) -> date:
    """The last birth date of someone at least `age` years old on `day`: age_on(birth, day) >= age exactly when
    birth <= born_by(day, age). On 29 February, `age` years back in a common year: 28 February."""
    year = day.year - age
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February, in a common year
        return date(year, 2, 28)


def year_of_study(entry_year: int, day: date) -> int:
    """1 for the school year that starts in September of the entry year, 2 for the next, ..."""
    return day.year - entry_year + (1 if day.month >= 9 else 0)


def post_allowed_from(entry_year: int) -> date:
    """The first day of the second year of study (rule 5: no post internship in the first):
    year_of_study(entry_year, day) >= 2 exactly when day >= post_allowed_from(entry_year)."""
    return date(entry_year + 1, 9, 1)


def latest_entry_year_for_post(day: date) -> int:
    """The latest entry year of a student past their first year on `day`: year_of_study(entry_year, day) >= 2
    exactly when entry_year <= latest_entry_year_for_post(day)."""
    return day.year + (1 if day.month >= 9 else 0) - 2


def ineligibility(student, slot) -> list[str]:
    """Why this student may not apply to this slot (age and year of study for a post internship, major); empty
    when they may. The checks follow the student's school (rules_for): cited as the regulation, or as the
    school's policy less what it relaxed."""
    reasons = []
    school = rules_for(student)
    post = slot.kind == InternshipKind.POST
    age = age_on(student.birth_date, slot.start_date)
    # Art. 16(2) bars only post internships under 16: an observation visit (认识实习) takes a 15-year-old.
    if post and school.applies("age") and age < rule("MIN_AGE"):
        reasons.append(
            school.cite(
                "age",
                _("students under %(n)d cannot do a post internship (you will be %(age)d).")
                % {"n": rule("MIN_AGE"), "age": age},
            )
        )
    if post and school.applies("first_year") and year_of_study(student.entry_year, slot.start_date) <= 1:
        reasons.append(school.cite("first_year", _("no post internship in the first year of study.")))
    if slot.required_certificates:
        from certificates.models import CertificateProgram, Level
        from certificates.services import missing_requirements

        missing = missing_requirements(student.pk, slot.required_certificates)
        if missing:
            names = dict(
                CertificateProgram.objects.filter(pk__in=[m["program"] for m in missing]).values_list("pk", "name")
            )
            wanted = "、".join(
                f"{names.get(m['program'], m['program'])}（{Level(m['min_level']).label}）" for m in missing
            )
            reasons.append(
                str(_("The slot requires verified certificates you do not hold: %(list)s.") % {"list": wanted})
            )
    major = student.cohort.major if student.cohort_id else None
    slot_majors = list(slot.majors.all())
    if major is None:
        reasons.append(school.cite("major", _("your record has no class and major; ask your school to complete it.")))
    elif slot_majors and major.pk not in {m.pk for m in slot_majors} and school.applies("major"):
        categories = {m.category for m in slot_majors}
        if major.category not in categories:
            reasons.append(school.cite("major", _("the slot is for another major category (专业大类) than yours.")))
    return reasons
