"""Site inspections (COMPLIANCE.md rule 14): the school's on-site assessment of a training base, with a written
report. Only staff of a school record them, for that school: a company's HR reads its bases' inspections but can
no longer certify its own base. Which inspection counts is read in one place, `latest_inspection`."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.actor import Actor
from companies.models import SiteInspection, TrainingBase, VettingStatus
from config.uploads import clean_upload
from core.errors import DomainError
from schools.models import Institution


def inspection_require_recorder(*, actor: Actor) -> None:
    """Only school staff record inspections (asked before the form is read: others get a 403, not a 400)."""
    if not actor.school_ids:
        raise PermissionDenied(_("Only staff of a school record its site inspections."))


@transaction.atomic
def inspection_record(
    *,
    actor: Actor,
    base: TrainingBase,
    institution: Institution,
    inspected_on: date,
    findings: str,
    outcome: str,
    report,
) -> SiteInspection:
    """A teacher or admin of `institution` records the school's on-site inspection of `base` with its written
    report: an off-campus base of a vetted company, or an on-campus base the school hosts. The report is checked
    by content (PDF, JPEG or PNG) before anything is stored; the inspector is the person recording it."""
    inspection_require_recorder(actor=actor)
    if institution.pk not in actor.school_ids:
        raise PermissionDenied(_("You can only record inspections for your own school."))
    if base.kind == TrainingBase.Kind.ON_CAMPUS:
        if base.host_institution_id != institution.pk:
            raise DomainError(_("An on-campus base is inspected by the school that hosts it."), code="not_host")
    elif base.company.vetting_status != VettingStatus.APPROVED:
        raise DomainError(_("The company of this base has not been approved."), code="company_not_approved")
    errors: dict[str, list] = {}
    if inspected_on > timezone.localdate():
        errors["inspected_on"] = [_("The inspection date cannot be in the future.")]
    if not (findings or "").strip():
        errors["findings"] = [_("Write down what the inspection found.")]
    if outcome not in SiteInspection.Outcome.values:
        errors["outcome"] = [_("Say whether the base passed the inspection.")]
    if errors:
        raise ValidationError(errors)
    try:
        clean = clean_upload(report)
    except ValidationError as error:  # the form's field is `report`, not `file`
        raise ValidationError({"report": error.message_dict.get("file", error.messages)}) from error
    inspection = SiteInspection(
        base=base,
        institution=institution,
        inspected_on=inspected_on,
        inspector=actor.user,
        findings=findings.strip(),
        outcome=outcome,
        report_extension=clean.extension,
        report_content_type=clean.content_type,
        report_size=clean.size,
    )
    inspection.report.save("report", clean.content, save=False)
    try:
        inspection.save()
    except Exception:
        inspection.report.delete(save=False)
        raise
    return inspection


def latest_inspection(base: TrainingBase, *, on: date | None = None, institution_id: int | None = None):
    """The base's latest inspection up to `on` (today by default), by any school or by `institution_id`. Reads
    `base.inspections.all()`, so a list that prefetched them (newest first) asks nothing more."""
    on = on or timezone.localdate()
    for inspection in base.inspections.all():  # the model's ordering: newest first
        if inspection.inspected_on <= on and (institution_id is None or inspection.institution_id == institution_id):
            return inspection
    return None


def inspection_is_current(base: TrainingBase, on: date | None = None, *, for_institution_id: int) -> bool:
    """Whether the base's latest inspection up to today by the school that answers for it passed and is recent
    enough on `on`: a failed inspection after a passing one means the base is not cleared until it is inspected
    again. The school that answers is the student's (`for_institution_id`), or for an on-campus base the school
    that hosts it (the only one that inspects it): one school's record neither clears nor blocks a base for
    another school's students."""
    on = on or timezone.localdate()
    if base.kind == TrainingBase.Kind.ON_CAMPUS and base.host_institution_id:
        for_institution_id = base.host_institution_id
    latest = latest_inspection(base, institution_id=for_institution_id)
    if latest is None or latest.outcome != SiteInspection.Outcome.PASSED:
        return False
    return (on - latest.inspected_on).days <= settings.PLACEMENT_RULES["INSPECTION_VALID_DAYS"]
