"""Assessments: the teacher and the company mentor each grade the placement in four bands (rule 15). A company
with nobody on the platform assesses on paper, and the school records that form with its scan."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.actor import Actor
from companies.models import CompanyMember
from config.uploads import clean_upload
from core.errors import DomainError
from placements.choices import AssessorRole, DocumentKind, Grade
from placements.models import Assessment, Placement, PlacementDocument
from placements.services.common import record
from placements.services.lifecycle import _locked
from placements.transitions import authorize, move

# The transition table's action for each side's assessment.
ACTIONS = {AssessorRole.TEACHER: "assess_teacher", AssessorRole.COMPANY: "assess_company"}


def _already_given(placement: Placement, role: str) -> ValidationError | None:
    if any(a.role == role for a in placement.assessments.all()):
        return ValidationError({"role": [_("This assessment has already been given.")]})
    return None


def teacher_assessment_refusal(placement: Placement) -> ValidationError | None:
    """A guard in the transition table: the school assesses once."""
    return _already_given(placement, AssessorRole.TEACHER)


def company_assessment_refusal(placement: Placement) -> ValidationError | None:
    """A guard in the transition table: the company assesses once."""
    return _already_given(placement, AssessorRole.COMPANY)


def assessment_submit(*, actor: Actor, placement: Placement, role: str, grade: str, comments: str = "") -> Assessment:
    """The school's or the company's grade (rule 15), once each, while the placement runs or after it ended
    early; who and when are the transition table's (assess_teacher, assess_company)."""
    if role not in ACTIONS:
        raise ValidationError({"role": [_("Say whether the teacher or the company assesses.")]})
    authorize(ACTIONS[role], actor, placement)
    if grade not in Grade.values:
        raise ValidationError({"grade": [_("Choose one of the four grades.")]})
    with transaction.atomic():
        placement = Placement.objects.select_for_update().get(pk=placement.pk)
        move(ACTIONS[role], placement)
        assessment = Assessment.objects.create(
            placement=placement, role=role, grade=grade, comments=(comments or "").strip(), assessor=actor.user
        )
        record(placement, user=actor.user, action="assessed", from_status=placement.status, role=role, grade=grade)
    return assessment


def company_on_platform(placement: Placement) -> bool:
    """Whether the company can assess on the platform: the placement's mentor is still on its staff, or the
    company has anyone (HR or a mentor) on the platform. The placement list annotates `company_has_staff`
    (placements.api.views), so the question costs no query per row there."""
    mentor = placement.mentor
    if mentor is not None and mentor.archived_at is None:
        return True
    known = getattr(placement, "company_has_staff", None)
    if known is None:
        known = CompanyMember.objects.filter(
            company_id=placement.slot.company_id, archived_at__isnull=True, user__is_active=True
        ).exists()
    return bool(known)


def company_on_platform_refusal(placement: Placement) -> DomainError | None:
    """A guard in the transition table: the school records a paper assessment only for a company that cannot
    assess on the platform; a company with staff here assesses itself."""
    if not company_on_platform(placement):
        return None
    return DomainError(
        _("The company has staff on the platform: its mentor or HR gives the company's assessment there."),
        code="company_on_platform",
        extra={"current_status": placement.status},
    )


def paper_assessment_record(
    *,
    actor: Actor,
    placement: Placement,
    grade: str,
    signed_on,
    upload,
    signed_by: str = "",
    comments: str = "",
) -> Assessment:
    """The company's assessment from the paper form it signed, recorded by the placement's teacher or a school
    admin for a placement whose company has nobody on the platform (a self-arranged placement, usually): the
    grade and comments of the form, who signed it and when, and its scan (PDF, JPEG or PNG, checked by content).
    The assessment is the company's (the completion then needs nothing more from it) and is marked as recorded
    from paper by this user, now."""
    authorize("record_paper_assessment", actor, placement)
    errors: dict[str, list] = {}
    if grade not in Grade.values:
        errors["grade"] = [_("Choose one of the four grades.")]
    signed_by = (signed_by or "").strip() or placement.external_mentor_name
    if not signed_by:
        errors["signed_by"] = [_("Give the name of who signed the form for the company.")]
    if not signed_on:
        errors["signed_on"] = [_("Give the date it was signed.")]
    elif signed_on > timezone.localdate():
        errors["signed_on"] = [_("The form cannot have been signed in the future.")]
    if errors:
        raise ValidationError(errors)
    clean = clean_upload(upload)  # raises before anything is written
    with transaction.atomic():
        placement = _locked(placement)
        move("record_paper_assessment", placement)
        document = PlacementDocument(
            placement=placement,
            kind=DocumentKind.COMPANY_ASSESSMENT,
            extension=clean.extension,
            content_type=clean.content_type,
            size=clean.size,
            signed_on=signed_on,
            uploaded_by=actor.user,
        )
        document.file.save("upload", clean.content, save=False)
        try:
            document.save()
            assessment = Assessment.objects.create(
                placement=placement,
                role=AssessorRole.COMPANY,
                grade=grade,
                comments=(comments or "").strip(),
                assessor=actor.user,
                paper_scan=document,
                paper_signed_by=signed_by[:60],
            )
            record(
                placement,
                user=actor.user,
                action="assessed",
                from_status=placement.status,
                role=AssessorRole.COMPANY,
                grade=grade,
                paper=True,
                document=document.pk,
            )
        except Exception:
            document.file.delete(save=False)
            raise
    return assessment
