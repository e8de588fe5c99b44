"""Paperwork uploads: the file is checked by content and normalised before anything is stored."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.actor import Actor
from config.uploads import clean_upload
from placements.choices import DocumentKind
from placements.models import Placement, PlacementDocument
from placements.services.common import record
from placements.services.lifecycle import _locked, _refresh_ready
from placements.transitions import authorize, move

# Who may upload which paper: the company signs the agreement, the student (with the guardian) the consent,
# the school usually buys the insurance; the school can upload any of them on someone's behalf.
UPLOADERS = {
    DocumentKind.TRIPARTITE: {"company", "school"},
    DocumentKind.CONSENT: {"student", "school"},
    DocumentKind.INSURANCE: {"company", "school"},
    DocumentKind.OTHER: {"student", "company", "school"},
}


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
        document = PlacementDocument(
            placement=placement,
            kind=kind,
            extension=clean.extension,
            content_type=clean.content_type,
            size=clean.size,
            uploaded_by=actor.user,
            **fields,
        )
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
            )
            _refresh_ready(placement, user=actor.user)
        except Exception:
            document.file.delete(save=False)
            raise
    return document
