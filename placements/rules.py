"""The internship regulation as checks (COMPLIANCE.md). Each message cites its rule so a user knows why.
The numbers come from settings.PLACEMENT_RULES."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from placements.choices import BannedWork, InternshipKind, PayCycle


def rule(name: str):
    return settings.PLACEMENT_RULES[name]


def slot_violations(values: dict, *, company_headcount: int) -> dict[str, list[str]]:
    """What stops a slot with these values from opening: {field: [message citing the rule]}."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message) -> None:
        errors.setdefault(field, []).append(str(message))

    banned = [b for b in values.get("banned_work") or [] if b in BannedWork.values]
    if banned:
        labels = "、".join(str(BannedWork(b).label) for b in banned)
        add("banned_work", _("Rule 6: students may not be placed in this work: %(work)s.") % {"work": labels})

    hours = values.get("daily_hours")
    cap = Decimal(str(rule("DAILY_HOURS_CAP")))
    exception = (values.get("hours_exception_reference") or "").strip()
    if hours is not None and Decimal(hours) > cap and not exception:
        add("daily_hours", _("Rule 7: at most %(cap)s hours a day.") % {"cap": f"{cap.normalize():f}"})
    for field, message in (
        ("night_shifts", _("Rule 7: no night shifts unless an exception is filed for a special major.")),
        ("overtime", _("Rule 7: no overtime unless an exception is filed for a special major.")),
        ("holiday_work", _("Rule 7: no work on statutory holidays unless an exception is filed.")),
    ):
        if values.get(field) and not exception:
            add(field, message)

    capacity = values.get("capacity") or 0
    post_headcount = values.get("post_headcount")
    if post_headcount is not None:
        post_cap = int(post_headcount * rule("POST_INTERN_SHARE"))
        if capacity > post_cap:
            add(
                "capacity",
                _("Rule 8: interns may be at most %(pct)d%% of the staff on the post, so at most %(n)d here.")
                % {"pct": round(rule("POST_INTERN_SHARE") * 100), "n": post_cap},
            )
    company_cap = int(company_headcount * rule("COMPANY_INTERN_SHARE"))
    if capacity > company_cap:
        add(
            "capacity",
            _("Rule 8: interns may be at most %(pct)d%% of the company's staff, so at most %(n)d.")
            % {"pct": round(rule("COMPANY_INTERN_SHARE") * 100), "n": company_cap},
        )

    wage, stipend = values.get("post_wage"), values.get("stipend")
    if wage is not None and stipend is not None:
        floor = (Decimal(wage) * Decimal(str(rule("MIN_STIPEND_RATIO")))).quantize(Decimal("0.01"))
        if Decimal(stipend) < floor:
            add(
                "stipend",
                _("Rule 10: the stipend must be at least %(pct)d%% of the post's wage, that is ¥%(floor)s a month.")
                % {"pct": round(rule("MIN_STIPEND_RATIO") * 100), "floor": f"{floor:,.2f}"},
            )
    if values.get("pay_cycle") not in (None, *PayCycle.values):
        add("pay_cycle", _("Rule 10: the stipend is paid at least monthly."))
    if values.get("paid_directly") is False:
        add("paid_directly", _("Rule 10: the stipend is paid in money directly to the student."))
    if values.get("charges_fees"):
        add("charges_fees", _("Rule 11: no deposits or training, management, material or placement fees."))
    if values.get("holds_documents"):
        add("holds_documents", _("Rule 11: a company may not hold students' ID or student cards."))

    start, end, deadline = values.get("start_date"), values.get("end_date"), values.get("application_deadline")
    if start and end and end < start:
        add("end_date", _("The end date cannot be before the start date."))
    if start and deadline and deadline > start:
        add("application_deadline", _("The application deadline must be on or before the start date."))
    return errors


def slot_warnings(values: dict) -> list[str]:
    """What is allowed but unusual (rule 9: a post internship is normally six months)."""
    warnings = []
    start, end = values.get("start_date"), values.get("end_date")
    if values.get("kind") == InternshipKind.POST and start and end:
        months = (end.year - start.year) * 12 + (end.month - start.month) + (1 if end.day >= start.day else 0)
        if months != rule("POST_INTERNSHIP_MONTHS"):
            warnings.append(
                str(
                    _("Rule 9: a post internship normally lasts %(n)d months; this one lasts about %(m)d.")
                    % {"n": rule("POST_INTERNSHIP_MONTHS"), "m": months}
                )
            )
    return warnings


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def year_of_study(entry_year: int, day: date) -> int:
    """1 for the school year that starts in September of the entry year, 2 for the next, ..."""
    return day.year - entry_year + (1 if day.month >= 9 else 0)


def ineligibility(student, slot) -> list[str]:
    """Why this student may not apply to this slot (rules 4, 5, 12); empty when they may."""
    reasons = []
    age = age_on(student.birth_date, slot.start_date)
    if age < rule("MIN_AGE"):
        reasons.append(
            str(
                _("Rule 4: students under %(n)d cannot do placements (you will be %(age)d).")
                % {"n": rule("MIN_AGE"), "age": age}
            )
        )
    if slot.kind == InternshipKind.POST and year_of_study(student.entry_year, slot.start_date) <= 1:
        reasons.append(str(_("Rule 5: no post internship in the first year of study.")))
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
        reasons.append(str(_("Rule 12: your record has no class and major; ask your school to complete it.")))
    elif slot_majors and major.pk not in {m.pk for m in slot_majors}:
        categories = {m.category for m in slot_majors}
        if major.category not in categories:
            reasons.append(str(_("Rule 12: the slot is for another major category (专业大类) than yours.")))
    return reasons


def inspection_is_current(base, on: date | None = None) -> bool:
    """Rule 14: a base needs a recent site inspection before it hosts post internships."""
    if base.last_inspection_date is None:
        return False
    on = on or timezone.localdate()
    return (on - base.last_inspection_date).days <= rule("INSPECTION_VALID_DAYS")
