"""The certificate report, computed in the database: per programme, level, major or class, the verified
certificates and the distinct students holding one, and the assessments sat (absences not counted) and passed.
The query lives here, once; the view only reads the parameters and shapes the answer (JSON or a sheet)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.actor import Actor
from certificates.models import Level, Registration, StudentCertificate

# group -> (key, label) on a certificate, and the same on a registration (a registration reaches the programme
# and the level through its session).
GROUPS = {
    "program": (("program_id", "program__name"), ("session__program_id", "session__program__name")),
    "level": (("level", "level"), ("session__level", "session__level")),
    "major": (
        ("student__cohort__major_id", "student__cohort__major__name"),
        ("student__cohort__major_id", "student__cohort__major__name"),
    ),
    "cohort": (("student__cohort_id", "student__cohort__name"), ("student__cohort_id", "student__cohort__name")),
}

COLUMNS = [("name", _("group")), ("certificates", _("certificates")), ("holders", _("holders")),
           ("sat", _("sat")), ("passed", _("passed")), ("pass_rate", _("pass rate"))]  # fmt: skip


def report_scope(actor: Actor) -> frozenset[int] | None:
    """The schools whose figures the actor reads: their own for school staff, every school (None) for the
    city's analysts; nobody else reads the report."""
    if actor.is_city_analyst:
        return None
    if not actor.school_ids:
        raise PermissionDenied(_("Only school staff and city analysts read certificate reports."))
    return frozenset(actor.school_ids)


def _filtered(
    certificates: QuerySet[StudentCertificate],
    registrations: QuerySet[Registration],
    *,
    school_ids: frozenset[int] | None,
    institution: int | None,
    program: int | None,
    level: str | None,
    year: int | None,
) -> tuple[QuerySet[StudentCertificate], QuerySet[Registration]]:
    if school_ids is not None:
        certificates = certificates.filter(student__institution_id__in=school_ids)
        registrations = registrations.filter(student__institution_id__in=school_ids)
    if institution is not None:
        certificates = certificates.filter(student__institution_id=institution)
        registrations = registrations.filter(student__institution_id=institution)
    if program is not None:
        certificates = certificates.filter(program_id=program)
        registrations = registrations.filter(session__program_id=program)
    if level:
        certificates = certificates.filter(level=level)
        registrations = registrations.filter(session__level=level)
    if year is not None:
        certificates = certificates.filter(issue_date__year=year)
        registrations = registrations.filter(session__date__year=year)
    return certificates, registrations


def certificate_rows(
    *,
    school_ids: frozenset[int] | None,
    group_by: str = "program",
    institution: int | None = None,
    program: int | None = None,
    level: str | None = None,
    year: int | None = None,
) -> list[dict]:
    """The report's rows for the schools in `school_ids` (None: every school), grouped by `group_by`; the other
    arguments narrow it (a school, a programme, a level, a year of issue or of the assessment). A group appears
    when it has a verified certificate or a decided sitting; a pass rate is None when nobody sat."""
    (key, label), (reg_key, reg_label) = GROUPS[group_by]
    certificates, registrations = _filtered(
        StudentCertificate.objects.filter(status=StudentCertificate.Status.VERIFIED),
        Registration.objects.exclude(result=Registration.Result.PENDING),
        school_ids=school_ids,
        institution=institution,
        program=program,
        level=level,
        year=year,
    )
    holders = {
        row[key]: row
        for row in certificates.values(key, label).annotate(
            certificates=Count("id"), holders=Count("student", distinct=True)
        )
    }
    passes = {
        row[reg_key]: row
        for row in registrations.values(reg_key, reg_label).annotate(
            sat=Count("id", filter=~Q(result=Registration.Result.ABSENT)),
            passed=Count("id", filter=Q(result=Registration.Result.PASS)),
        )
    }
    rows = []
    for k in sorted(set(holders) | set(passes), key=lambda v: (v is None, str(v))):
        h, p = holders.get(k, {}), passes.get(k, {})
        name = h.get(label) or p.get(reg_label) or "—"
        if group_by == "level" and name in Level.values:
            name = str(Level(name).label)
        sat, passed = p.get("sat", 0), p.get("passed", 0)
        rows.append({"key": k, "name": name, "certificates": h.get("certificates", 0), "holders": h.get("holders", 0),
                     "sat": sat, "passed": passed, "pass_rate": round(passed / sat, 4) if sat else None})  # fmt: skip
    return rows
