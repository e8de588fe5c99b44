"""Journals: the student reports periodically; the teacher comments; overdue journals show."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.actor import Actor
from core.errors import DomainError
from notices.services import notice_send
from placements.choices import JournalStatus, PlacementStatus
from placements.models import Journal, JournalPhoto, JournalRead, Placement
from placements.selectors import policy_for
from placements.services.common import record, require_reason
from placements.transitions import authorize, check, move


@dataclass
class JournalSummary:
    cadence_days: int
    required: int
    due: int
    submitted: int
    overdue: int
    waived: bool = False
    # The day the next journal is due while the placement runs (the day-before reminder reads it), else None.
    next_due: datetime.date | None = None


def journal_summary(placement: Placement, journal_count: int | None = None) -> JournalSummary:
    """How many journals are due at the school's cadence, counted from the placement's start date: by today while
    it runs, by its last day once completed, by the day it ended early; and how many are missing."""
    policy = policy_for(placement.student.institution_id)
    slot = placement.slot
    months = max(1, (slot.end_date - slot.start_date).days / 30.4)
    required = max(1, round(policy.journal_min_count * months / 6))
    # Approved leave (fieldwork) lowers the count by the whole weeks it covers and moves the due dates back.
    from fieldwork.selectors import leave_relief

    leave_weeks, leave_days = leave_relief(placement, until=timezone.localdate())
    required = max(1, required - leave_weeks)
    submitted = (
        journal_count
        if journal_count is not None
        else placement.journals.filter(status=JournalStatus.SUBMITTED).count()
    )
    due = 0
    next_due = None
    if placement.status == PlacementStatus.COMPLETED:
        due = required  # it ran its whole length
    elif placement.status in (PlacementStatus.ACTIVE, PlacementStatus.ENDED_EARLY):
        until = timezone.localdate()
        if placement.status == PlacementStatus.ENDED_EARLY and placement.ended_at:
            until = timezone.localtime(placement.ended_at).date()
        # From the day it started (never before the slot's start date: a placement starts no sooner), never past
        # its last day.
        started = max(
            slot.start_date,
            timezone.localtime(placement.started_at).date() if placement.started_at else slot.start_date,
        )
        days = (min(until, slot.end_date) - started).days - leave_days
        due = min(required, max(0, days // policy.journal_cadence_days))
        if placement.status == PlacementStatus.ACTIVE and submitted < required:
            upcoming = started + datetime.timedelta(days=(max(submitted, due) + 1) * policy.journal_cadence_days)
            next_due = upcoming if upcoming <= slot.end_date else None
    waived = placement.journals_waived_at is not None
    overdue = 0 if waived else max(0, due - submitted)
    return JournalSummary(policy.journal_cadence_days, required, due, submitted, overdue, waived, next_due)


def journals_refusal(placement: Placement) -> DomainError | None:
    """The completion's journal guard in the transition table: the school's journal count (SchoolPolicy, scaled
    to the placement's length), unless a teacher waived it with a reason (`journals_waive`)."""
    if placement.journals_waived_at is not None:
        return None
    summary = journal_summary(placement)
    if summary.submitted >= summary.required:
        return None
    return DomainError(
        _(
            "The school requires %(required)d journals and %(submitted)d are in; a teacher may waive the rest, "
            "giving a reason."
        )
        % {"required": summary.required, "submitted": summary.submitted},
        code="journals_missing",
        extra={"required": summary.required, "submitted": summary.submitted, "current_status": placement.status},
    )


def journals_waive(*, actor: Actor, placement: Placement, reason: str) -> Placement:
    """A teacher of the student's school lets the placement complete short of the journal count; the reason is
    kept on the placement and in its trail."""
    authorize("waive_journals", actor, placement)
    reason = require_reason(reason)
    with transaction.atomic():
        placement = Placement.objects.select_for_update().get(pk=placement.pk)
        move("waive_journals", placement)
        placement.journals_waived_at = timezone.now()
        placement.journals_waived_by = actor.user
        placement.journals_waived_reason = reason
        placement.save(
            update_fields=["journals_waived_at", "journals_waived_by", "journals_waived_reason", "updated_at"]
        )
        record(placement, user=actor.user, action="journals_waived", from_status=placement.status, reason=reason)
    return placement


# -- the weekly report: the school's sections, a draft while typing, photos, then the submission -----------------

JOURNAL_PHOTOS_MAX = 6
SECTION_TEXT_MAX = 4000


def journal_template(placement: Placement) -> list[str]:
    """The section titles the student's school asks for (SchoolPolicy.journal_sections)."""
    return list(policy_for(placement.student.institution_id).journal_sections)


def _clean_sections(template: list[str], sections) -> list[dict]:
    """The sections as [{"title", "text"}] in the template's order; a title outside the template is a 400 (a
    journal written under an older template is submitted under the current one: its extra sections are named)."""
    if sections in (None, ""):
        return []
    if not isinstance(sections, list) or not all(isinstance(item, dict) for item in sections):
        raise ValidationError({"sections": [_("Give the sections as a list of titles and texts.")]})
    texts: dict[str, str] = {}
    for item in sections:
        title = str(item.get("title") or "").strip()
        text = item.get("text")
        text = text.strip() if isinstance(text, str) else ""
        if title not in template:
            raise ValidationError(
                {"sections": [_("“%(title)s” is not a section of your school's weekly report.") % {"title": title}]}
            )
        if len(text) > SECTION_TEXT_MAX:
            raise ValidationError(
                {"sections": [_("A section has at most %(max)d characters.") % {"max": SECTION_TEXT_MAX}]}
            )
        texts[title] = text
    return [{"title": title, "text": texts.get(title, "")} for title in template if title in texts]


def render_sections(sections: list[dict]) -> str:
    """The sections as one text (the journal's `body`, which earlier clients read): 【title】 then the text."""
    return "\n\n".join(f"【{item['title']}】\n{item['text']}" for item in sections if item["text"])


def _draft_of(placement: Placement) -> Journal | None:
    return placement.journals.filter(status=JournalStatus.DRAFT).first()


def journal_draft(*, actor: Actor, placement: Placement) -> Journal | None:
    """The student's draft of their next journal, if any (only the student reads it)."""
    authorize("journal", actor, placement)
    return _draft_of(placement)


def journal_draft_save(*, actor: Actor, placement: Placement, title: str = "", sections=None) -> Journal:
    """Keep what the student has typed so far (autosaved, also when sent later from an offline copy): no minimum
    length, only the bounds; the draft holds the number its submission will take."""
    check("journal", actor, placement)
    title = (title or "").strip()
    cleaned = _clean_sections(journal_template(placement), sections)
    with transaction.atomic():
        Placement.objects.select_for_update().filter(pk=placement.pk).first()
        draft = _draft_of(placement)
        if draft is None:
            period = placement.journals.filter(status=JournalStatus.SUBMITTED).count() + 1
            draft = Journal(placement=placement, period=period, status=JournalStatus.DRAFT)
        draft.title, draft.sections, draft.body = title, cleaned, render_sections(cleaned)
        draft.save()
    return draft


def journal_submit(*, actor: Actor, placement: Placement, title: str, body: str = "", sections=None) -> Journal:
    """Submit the next journal: in the school's sections (`sections`) or, for earlier clients, as one `body`. The
    draft, if there is one, becomes the journal (with its photos); the teacher is told."""
    check("journal", actor, placement)
    title = (title or "").strip()
    cleaned = _clean_sections(journal_template(placement), sections)
    body = render_sections(cleaned) if cleaned else (body or "").strip()
    errors = {}
    if not title:
        errors["title"] = [_("Give the journal a title.")]
    if len(body) < 10:
        field = "sections" if sections else "body"
        errors[field] = [_("Write at least 10 characters about what you did and learned.")]
    if len(body) > 10000:
        errors["body"] = [_("A journal has at most 10000 characters.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        Placement.objects.select_for_update().filter(pk=placement.pk).first()
        journal = _draft_of(placement)
        if journal is None:
            period = placement.journals.filter(status=JournalStatus.SUBMITTED).count() + 1
            journal = Journal(placement=placement, period=period)
        journal.status = JournalStatus.SUBMITTED
        journal.title, journal.sections, journal.body = title, cleaned, body
        journal.submitted_at = timezone.now()
        try:
            with transaction.atomic():
                journal.save()
        except IntegrityError:
            raise ValidationError({"non_field_errors": [_("Please submit again.")]}) from None
        teacher = placement.teacher or placement.student.advisor
        if teacher is not None:
            notice_send(
                recipients=[teacher.user_id],
                kind="journal_submitted",
                params={"student": placement.student.full_name, "title": title},
                link="/journals/review",
            )
    return journal


def journal_photo_add(*, actor: Actor, journal: Journal, upload) -> JournalPhoto:
    """A photo in the student's draft, through the upload pipeline (config/uploads.clean_upload: verified,
    re-encoded, EXIF and its GPS dropped, bounded); at most six per journal."""
    from config.uploads import clean_upload, thumbnail_later

    if actor.student_id is None or journal.placement.student_id != actor.student_id:
        raise PermissionDenied(_("Only the student adds photos to their journal."))
    if journal.status != JournalStatus.DRAFT:
        raise DomainError(_("A submitted journal cannot be changed."), code="journal_submitted")
    clean = clean_upload(upload, allow_pdf=False)
    with transaction.atomic():
        Journal.objects.select_for_update().filter(pk=journal.pk).first()
        if journal.photos.count() >= JOURNAL_PHOTOS_MAX:
            raise ValidationError({"file": [_("A journal has at most %(max)d photos.") % {"max": JOURNAL_PHOTOS_MAX}]})
        photo = JournalPhoto(journal=journal, extension=clean.extension, content_type=clean.content_type)
        photo.size = clean.size
        photo.file.save(f"photo.{clean.extension}", clean.content, save=False)
        photo.save()
        thumbnail_later(photo)  # off the request, after commit (config/uploads.py)
    return photo


def journal_photo_remove(*, actor: Actor, photo: JournalPhoto) -> None:
    """The student takes a photo out of their draft (a submitted journal keeps its photos)."""
    journal = photo.journal
    if actor.student_id is None or journal.placement.student_id != actor.student_id:
        raise PermissionDenied(_("Only the student removes photos from their journal."))
    if journal.status != JournalStatus.DRAFT:
        raise DomainError(_("A submitted journal cannot be changed."), code="journal_submitted")
    from config.uploads import thumbnail_name

    stored = photo.file
    with transaction.atomic():
        photo.delete()
        transaction.on_commit(lambda: (stored.storage.delete(thumbnail_name(stored.name)), stored.delete(save=False)))


def is_journal_mentor(actor: Actor, placement: Placement) -> bool:
    """The placement's company mentor, a member of a vetted company (a membership archived grants nothing)."""
    mentor = placement.mentor
    return (
        mentor is not None
        and actor.user_id is not None
        and mentor.user_id == actor.user_id
        and mentor.archived_at is None
        and placement.slot.company_id in actor.company_ids
    )


def journal_mark_read(*, actor: Actor, journal: Journal) -> None:
    """A reviewer opened the journal: it leaves their unread (per reviewer; the student's own reading is not
    tracked)."""
    if not (
        journal.placement.student.institution_id in actor.school_ids or is_journal_mentor(actor, journal.placement)
    ):
        raise PermissionDenied(_("Only the student's teachers and company mentor review journals."))
    if journal.status != JournalStatus.SUBMITTED:
        raise DomainError(_("This journal is still a draft."), code="journal_draft")
    JournalRead.objects.get_or_create(journal=journal, user=actor.user)


def journal_comment(*, actor: Actor, journal: Journal, comment: str, score: int | None = None) -> Journal:
    """The school's teacher comments (and may score 0-100); the placement's company mentor comments in their own
    field (a mentor does not score). Either marks the journal read for them and tells the student."""
    placement = journal.placement
    as_teacher = placement.student.institution_id in actor.school_ids
    as_mentor = not as_teacher and is_journal_mentor(actor, placement)
    if actor.student_id and not (as_teacher or as_mentor):
        raise PermissionDenied()
    if not (as_teacher or as_mentor):
        raise PermissionDenied(_("Only the student's teachers and company mentor comment on journals."))
    if journal.status != JournalStatus.SUBMITTED:
        raise DomainError(_("This journal is still a draft."), code="journal_draft")
    comment = (comment or "").strip()
    errors = {}
    if not comment:
        errors["comment"] = [_("Write a comment.")]
    if score is not None and as_mentor:
        errors["score"] = [_("The teacher scores journals; a mentor comments.")]
    elif score is not None and not 0 <= score <= 100:
        errors["score"] = [_("A score is between 0 and 100.")]
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    with transaction.atomic():
        journal = Journal.objects.select_for_update().get(pk=journal.pk)
        if as_teacher:
            journal.teacher_comment, journal.commented_by, journal.commented_at = comment, actor.user, now
            journal.score = score
            fields = ["teacher_comment", "commented_by", "commented_at", "score", "updated_at"]
        else:
            journal.mentor_comment, journal.mentor_commented_by, journal.mentor_commented_at = comment, actor.user, now
            fields = ["mentor_comment", "mentor_commented_by", "mentor_commented_at", "updated_at"]
        journal.save(update_fields=fields)
        JournalRead.objects.get_or_create(journal=journal, user=actor.user)
        notice_send(
            recipients=[placement.student.user_id],
            kind="journal_commented",
            params={"actor": actor.user.display_name, "title": journal.title},
            link=f"/placements/{journal.placement_id}",
        )
    return journal
