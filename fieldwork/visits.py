"""Teacher visits (巡查 / 走访) and the school's coverage: how many visits each running placement had this term,
against the school's `visits_per_term`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.actor import Actor
from companies.models import TrainingBase
from core.calendar import term_of
from fieldwork.models import FieldworkPolicy, Visit, VisitMode, VisitPhoto
from placements.choices import PlacementStatus
from placements.models import Placement
from schools.models import Teacher

MAX_PHOTOS = 6


def visits_visible_to(actor: Actor, queryset: QuerySet[Visit] | None = None) -> QuerySet[Visit]:
    """A visit is the school's record: its staff read it; the company, students and analysts do not."""
    qs = queryset if queryset is not None else Visit.objects.all()
    return qs.filter(institution_id__in=actor.school_ids)


def visit_require_recorder(*, actor: Actor) -> None:
    if not actor.school_ids:
        raise PermissionDenied(_("Teachers and school administrators record visits."))


def _base_works_with(base: TrainingBase, institution_id: int) -> bool:
    return base.host_institution_id == institution_id or base.institutions.filter(pk=institution_id).exists()


def visit_record(
    *,
    actor: Actor,
    visited_on: date,
    mode: str,
    findings: str,
    placement: Placement | None = None,
    base: TrainingBase | None = None,
    photos: list | None = None,
    is_demo: bool = False,
) -> Visit:
    """Record a visit to one placement (of the visitor's school) or to a base the school works with."""
    from config.uploads import clean_upload

    visit_require_recorder(actor=actor)
    errors: dict[str, list] = {}
    if placement is None and base is None:
        errors["placement"] = [_("Choose the placement or the base you visited.")]
    institution_id = None
    if placement is not None:
        institution_id = placement.student.institution_id
        if institution_id not in actor.school_ids:
            errors["placement"] = [_("Choose a placement of your school's students.")]
        base = placement.slot.base
    elif base is not None:
        institution_id = next((i for i in sorted(actor.school_ids) if _base_works_with(base, i)), None)
        if institution_id is None:
            errors["base"] = [_("Choose a base your school works with.")]
    if mode not in VisitMode.values:
        errors["mode"] = [_("Say whether the visit was on site or online.")]
    if visited_on is None or visited_on > timezone.localdate():
        errors["visited_on"] = [_("A visit is recorded once it has happened.")]
    findings = (findings or "").strip()
    if len(findings) < 5:
        errors["findings"] = [_("Write what you found, in at least 5 characters.")]
    photos = list(photos or [])
    if len(photos) > MAX_PHOTOS:
        errors["photos"] = [_("At most %(n)d photos.") % {"n": MAX_PHOTOS}]
    if errors:
        raise ValidationError(errors)
    visitor = Teacher.objects.filter(
        user_id=actor.user_id, institution_id=institution_id, archived_at__isnull=True
    ).first()
    if visitor is None:
        raise ValidationError({"placement": [_("Choose a placement of your school's students.")]})
    cleaned = []
    for upload in photos:
        try:
            cleaned.append(clean_upload(upload, allow_pdf=False))
        except ValidationError as error:
            raise ValidationError({"photos": error.message_dict.get("file", error.messages)}) from None
    with transaction.atomic():
        visit = Visit.objects.create(
            institution_id=institution_id,
            visitor=visitor,
            placement=placement,
            base=base,
            visited_on=visited_on,
            mode=mode,
            findings=findings,
            is_demo=is_demo,
        )
        for clean in cleaned:
            photo = VisitPhoto(visit=visit, extension=clean.extension, content_type=clean.content_type, size=clean.size)
            photo.file.save(f"photo.{clean.extension}", clean.content, save=False)
            photo.save()
    return visit


# -- coverage -------------------------------------------------------------------------------------------------


@dataclass
class CoverageRow:
    placement: Placement
    visits: int
    required: int
    last_visit: date | None

    @property
    def missing(self) -> int:
        return max(0, self.required - self.visits)


def coverage_placements(actor: Actor, *, mine: bool = False) -> QuerySet[Placement]:
    """The running placements whose visits this actor answers for: a school admin the school's, a teacher those
    they supervise (or everyone's of their school with mine=False)."""
    qs = Placement.objects.filter(status=PlacementStatus.ACTIVE)
    if actor.admin_school_ids and not mine:
        scope = Q(student__institution_id__in=actor.admin_school_ids)
        scope |= Q(student__institution_id__in=actor.teacher_school_ids, teacher__user_id=actor.user_id)
    else:
        scope = Q(student__institution_id__in=actor.school_ids, teacher__user_id=actor.user_id)
    return qs.filter(scope)


def visit_coverage(actor: Actor, *, mine: bool = False, today: date | None = None) -> list[CoverageRow]:
    """Per running placement: visits this term (to it, or to its base by its school), the school's required
    number, the last visit; those missing most first. Three queries whatever the size."""
    term = term_of(today or timezone.localdate())
    placements = list(
        coverage_placements(actor, mine=mine).select_related("student", "slot__company", "slot__base", "teacher")
    )
    if not placements:
        return []
    schools = {p.student.institution_id for p in placements}
    required = {p.institution_id: p.visits_per_term for p in FieldworkPolicy.objects.filter(institution_id__in=schools)}
    default = FieldworkPolicy().visits_per_term
    visits = list(
        Visit.objects.filter(institution_id__in=schools, visited_on__gte=term.start, visited_on__lte=term.end).values(
            "institution_id", "placement_id", "base_id", "visited_on"
        )
    )
    by_placement: dict[int, list[date]] = {}
    by_base: dict[tuple[int, int], list[date]] = {}
    for v in visits:
        if v["placement_id"]:
            by_placement.setdefault(v["placement_id"], []).append(v["visited_on"])
        else:
            by_base.setdefault((v["institution_id"], v["base_id"]), []).append(v["visited_on"])
    rows = []
    for p in placements:
        days = by_placement.get(p.pk, []) + by_base.get((p.student.institution_id, p.slot.base_id), [])
        rows.append(
            CoverageRow(
                placement=p,
                visits=len(days),
                required=required.get(p.student.institution_id, default),
                last_visit=max(days) if days else None,
            )
        )
    rows.sort(key=lambda r: (-r.missing, r.visits, r.placement.student.full_name, r.placement.pk))
    return rows


def visits_due_count(actor: Actor) -> int:
    """Running placements short of the term's visits, for the to-do badge (a teacher: those they supervise)."""
    return sum(1 for row in visit_coverage(actor, mine=not actor.admin_school_ids) if row.missing)
