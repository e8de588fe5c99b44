"""Paperwork uploads: the file is checked by content and normalised before anything is stored.

A paper the student hands in for the guardian's consent counts for the start only once staff of the student's
school checked it (`document_check`; NEEDS_CHECK): otherwise any picture uploaded as "consent" would open the
gate, even after the guardian refused online. The school may instead return it with a reason
(`document_return`): it stays on file, counts for nothing, and the student is told why and uploads again. A
paper the school's own staff upload is checked at upload. The agreement and the insurance come from the company
or the school, never the student, and need no such mark."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.actor import Actor
from config.uploads import clean_upload
from core.errors import DomainError
from placements.choices import DocumentKind, PlacementStatus
from placements.models import Placement, PlacementDocument
from placements.services.common import record, require_reason
from placements.services.lifecycle import _locked, _refresh_ready
from placements.transitions import authorize, move

# Who may upload which paper: the company signs the agreement, the student (with the guardian) the consent,
# the school usually buys the insurance; the school can upload any of them on someone's behalf.
UPLOADERS = {
    DocumentKind.TRIPARTITE: {"company", "school"},
    DocumentKind.CONSENT: {"student", "school"},
    DocumentKind.INSURANCE: {"company", "school"},
    DocumentKind.OTHER: {"student", "company", "school"},
    # Only with the assessment it records (assessments.paper_assessment_record), never as a paper on its own.
    DocumentKind.COMPANY_ASSESSMENT: set(),
}
# Papers that count only once the student's school checked them (a student may upload them).
NEEDS_CHECK = {DocumentKind.CONSENT}


def _party(actor: Actor, placement: Placement) -> set[str]:
    parties = set()
    if actor.student_id == placement.student_id:
        parties.add("student")
    if placement.slot.company_id in actor.hr_company_ids:
        parties.add("company")
    if placement.student.institution_id in actor.school_ids:
        parties.add("school")
    return parties


def document_upload(*, actor: Actor, placement: Placement, kind: str, upload, **fields) -> PlacementDocument:
    authorize("upload", actor, placement)
    parties = _party(actor, placement)
    if not parties & UPLOADERS[DocumentKind(kind)]:
        raise PermissionDenied(_("You cannot upload this kind of document for this placement."))
    errors = {}
    if kind == DocumentKind.INSURANCE:
        if not fields.get("covers_from") or not fields.get("covers_to"):
            errors["covers_to"] = [_("Give the dates the policy covers.")]
        elif fields["covers_to"] < fields["covers_from"]:
            errors["covers_to"] = [_("The cover cannot end before it starts.")]
        if not (fields.get("policy_number") or "").strip():
            errors["policy_number"] = [_("Give the policy number.")]
    elif kind in (DocumentKind.TRIPARTITE, DocumentKind.CONSENT) and not fields.get("signed_on"):
        errors["signed_on"] = [_("Give the date it was signed.")]
    if errors:
        raise ValidationError(errors)
    clean = clean_upload(upload)  # raises before anything is written
    with transaction.atomic():
        placement = _locked(placement)
        move("upload", placement)
        by_school = "school" in parties
        document = PlacementDocument(
            placement=placement,
            kind=kind,
            extension=clean.extension,
            content_type=clean.content_type,
            size=clean.size,
            uploaded_by=actor.user,
            **fields,
        )
        to_check = kind in NEEDS_CHECK and not by_school
        if kind in NEEDS_CHECK and by_school:  # the school's own paper: checked as it is filed
            document.checked_by, document.checked_at = actor.user, timezone.now()
        document.file.save("upload", clean.content, save=False)
        try:
            document.save()
            record(
                placement,
                user=actor.user,
                action="document_uploaded",
                from_status=placement.status,
                kind=kind,
                document=document.pk,
                **({"to_check": True} if to_check else {}),
            )
            if to_check:
                _ask_check(placement, document)
            _refresh_ready(placement, user=actor.user)
        except Exception:
            document.file.delete(save=False)
            raise
    return document


def checkers(placement: Placement) -> list[int]:
    """Whom a paper to check is shown to: the placement's teacher and the student's advisor (as for a refused
    consent, services/consent.py)."""
    users = set()
    if placement.teacher_id and placement.teacher.archived_at is None:
        users.add(placement.teacher.user_id)
    advisor = placement.student.advisor
    if advisor is not None and advisor.archived_at is None:
        users.add(advisor.user_id)
    return sorted(u for u in users if u)


def _ask_check(placement: Placement, document: PlacementDocument) -> None:
    from notices.messages import translatable
    from notices.services import notice_send

    users = checkers(placement)
    if users:
        notice_send(
            recipients=users,
            kind="document_to_check",
            params={
                "student": placement.student.full_name,
                "slot": placement.slot.title,
                "document": translatable(DocumentKind(document.kind).label),
            },
            link=f"/placements/{placement.pk}",
        )


def check_state(document: PlacementDocument) -> str | None:
    """None for a paper that needs no check; else waiting, checked or returned."""
    if document.kind not in NEEDS_CHECK:
        return None
    if document.returned_at:
        return "returned"
    return "checked" if document.checked_at else "waiting"


def require_checker(actor: Actor, document: PlacementDocument) -> None:
    """Only staff (teacher or admin) of the student's school check or return a paper (a 403 for anyone else who
    sees it)."""
    if document.placement.student.institution_id not in actor.school_ids:
        raise PermissionDenied(_("Only staff of the student's school check the papers."))


def _locked_document(actor: Actor, document: PlacementDocument) -> tuple[Placement, PlacementDocument]:
    require_checker(actor, document)
    placement = _locked(document.placement)
    document = PlacementDocument.objects.select_for_update().get(pk=document.pk)
    if document.kind not in NEEDS_CHECK:
        raise DomainError(_("Only the guardian's consent form is checked by the school."), code="check_not_needed")
    move("upload", placement)  # papers are handled while they may be uploaded: a 409 naming the status otherwise
    if document.returned_at:
        raise DomainError(_("This paper was returned; the student uploads a new one."), code="document_returned")
    return placement, document


def document_check(*, actor: Actor, document: PlacementDocument) -> PlacementDocument:
    """Staff of the student's school have seen the paper and find it good: from now on it counts for the start."""
    with transaction.atomic():
        placement, document = _locked_document(actor, document)
        if document.checked_at:
            raise DomainError(_("This paper has already been checked."), code="document_checked")
        document.checked_by, document.checked_at = actor.user, timezone.now()
        document.save(update_fields=["checked_by", "checked_at"])
        record(placement, user=actor.user, action="document_checked", kind=document.kind, document=document.pk)
        _refresh_ready(placement, user=actor.user)
    return document


def document_return(*, actor: Actor, document: PlacementDocument, reason: str) -> PlacementDocument:
    """Staff of the student's school refuse the paper, with a reason the student reads: it stays on file (the
    record of what was handed in) but counts for nothing; the student uploads another. A paper already checked
    can still be returned before the placement starts (a check made in error)."""
    require_checker(actor, document)
    reason = require_reason(reason)
    if len(reason) > 500:
        raise ValidationError({"reason": [_("At most 500 characters.")]})
    with transaction.atomic():
        placement, document = _locked_document(actor, document)
        if document.checked_at and placement.status not in (PlacementStatus.CONFIRMED, PlacementStatus.READY):
            raise DomainError(
                _("A checked paper cannot be returned once the placement has started."), code="document_checked"
            )
        document.returned_by, document.returned_at, document.return_reason = actor.user, timezone.now(), reason
        document.checked_by, document.checked_at = None, None
        document.save(update_fields=["returned_by", "returned_at", "return_reason", "checked_by", "checked_at"])
        record(
            placement,
            user=actor.user,
            action="document_returned",
            reason=reason,
            kind=document.kind,
            document=document.pk,
        )
        _refresh_ready(placement, user=actor.user)
    return document
