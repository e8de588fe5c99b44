"""Students' reviews of their finished placement (★) and the published averages (k-anonymity).

A company, base or mentor gets a published average only from five ratings, and it changes only once five more
ratings have arrived since the last one was published: between two published averages at least five ratings
differ, so no single student's stars can be read from the change. Readers get the snapshot, never the live
count."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Avg, Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.actor import Actor
from core.errors import DomainError
from fieldwork.models import PlacementReview, RatingSnapshot, RatingSubject
from placements.choices import PlacementStatus
from placements.models import Placement

K_ANONYMITY = 5
REVIEWABLE_STATUSES = (PlacementStatus.COMPLETED, PlacementStatus.ENDED_EARLY)
STARS_FIELD = {
    RatingSubject.COMPANY: ("company_id", "company_stars"),
    RatingSubject.BASE: ("base_id", "base_stars"),
    RatingSubject.MENTOR: ("mentor_id", "mentor_stars"),
}


def reviews_visible_to(actor: Actor, queryset: QuerySet[PlacementReview] | None = None) -> QuerySet[PlacementReview]:
    """A review (its stars and comments) is the student's and their school's; never the company's."""
    qs = queryset if queryset is not None else PlacementReview.objects.all()
    condition = Q(institution_id__in=actor.school_ids)
    if actor.student_id:
        condition |= Q(placement__student_id=actor.student_id)
    return qs.filter(condition)


def review_require_student(*, actor: Actor) -> None:
    if not actor.is_student:
        raise PermissionDenied(_("Students review their own placements."))


def _stars(value, field: str, errors: dict, required: bool = True) -> int | None:
    if value in (None, "") and not required:
        return None
    try:
        stars = int(value)
    except (TypeError, ValueError):
        stars = 0
    if not 1 <= stars <= 5:
        errors[field] = [_("Give 1 to 5 stars.")]
    return stars


def review_submit(
    *,
    actor: Actor,
    placement: Placement,
    company_stars: int,
    base_stars: int,
    mentor_stars: int | None = None,
    company_comment: str = "",
    base_comment: str = "",
    mentor_comment: str = "",
    is_demo: bool = False,
) -> PlacementReview:
    """The student rates their finished placement once (final: see the module's docstring), and the averages
    are republished where five new ratings have arrived."""
    review_require_student(actor=actor)
    if placement.student_id != actor.student_id:
        raise ValidationError({"placement": [_("Choose one of your own placements.")]})
    if placement.status not in REVIEWABLE_STATUSES:
        raise DomainError(
            _("A placement is reviewed once it has ended."),
            code="placement_not_ended",
            extra={"current_status": placement.status},
        )
    errors: dict[str, list] = {}
    company_stars = _stars(company_stars, "company_stars", errors)
    base_stars = _stars(base_stars, "base_stars", errors)
    mentor_stars = _stars(mentor_stars, "mentor_stars", errors, required=placement.mentor_id is not None)
    if placement.mentor_id is None:
        mentor_stars, mentor_comment = None, ""
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        if PlacementReview.objects.select_for_update().filter(placement=placement).exists():
            raise DomainError(_("You have already reviewed this placement."), code="already_reviewed")
        review = PlacementReview.objects.create(
            placement=placement,
            institution_id=placement.student.institution_id,
            company_id=placement.slot.company_id,
            base_id=placement.slot.base_id,
            mentor_id=placement.mentor_id,
            company_stars=company_stars,
            base_stars=base_stars,
            mentor_stars=mentor_stars,
            company_comment=(company_comment or "").strip(),
            base_comment=(base_comment or "").strip(),
            mentor_comment=(mentor_comment or "").strip(),
            is_demo=is_demo,
        )
        rating_republish(subject=RatingSubject.COMPANY, object_id=review.company_id)
        rating_republish(subject=RatingSubject.BASE, object_id=review.base_id)
        if review.mentor_id:
            rating_republish(subject=RatingSubject.MENTOR, object_id=review.mentor_id)
    return review


def rating_republish(*, subject: str, object_id: int) -> RatingSnapshot:
    """Publish the subject's average again if at least five ratings arrived since the last publication."""
    key_field, stars_field = STARS_FIELD[RatingSubject(subject)]
    snapshot, _created = RatingSnapshot.objects.select_for_update().get_or_create(subject=subject, object_id=object_id)
    live = PlacementReview.objects.filter(**{key_field: object_id, f"{stars_field}__isnull": False}).aggregate(
        count=Count("id"), average=Avg(stars_field)
    )
    if live["count"] - snapshot.published_count >= K_ANONYMITY:
        snapshot.published_count = live["count"]
        snapshot.published_average = Decimal(str(live["average"])).quantize(Decimal("0.01"), ROUND_HALF_UP)
        snapshot.published_at = timezone.now()
        snapshot.save(update_fields=["published_count", "published_average", "published_at"])
    return snapshot


def published_ratings(subject: str, object_ids) -> dict[int, dict]:
    """{object id: {"average": 4.2, "count": 10}} for those with a published average (one query)."""
    ids = {i for i in object_ids if i}
    if not ids:
        return {}
    return {
        s.object_id: {"average": float(s.published_average), "count": s.published_count}
        for s in RatingSnapshot.objects.filter(subject=subject, object_id__in=ids, published_average__isnull=False)
    }


def all_published_ratings() -> dict[tuple[str, int], dict]:
    """Every published company and base average, {(subject, id): {"average", "count"}}, in one query: a page of
    slots reads them from here (a few hundred rows at most, one per rated company or base)."""
    return {
        (s.subject, s.object_id): {"average": float(s.published_average), "count": s.published_count}
        for s in RatingSnapshot.objects.filter(
            subject__in=(RatingSubject.COMPANY, RatingSubject.BASE), published_average__isnull=False
        )
    }
