"""Students' reviews of their finished demo placements (issue 17), made through the review service as each
student would: every completed demo placement whose student has an account rates the company, the base and the
mentor with a short comment. With five interns at one company last term (placements/demo_history.py), that
company, its base and its mentor get a published average (k-anonymity: five ratings); the others stay unshown.
Stars and comments are generated demo data."""

from __future__ import annotations

from accounts.actor import actor_for
from fieldwork.models import PlacementReview
from fieldwork.reviews import review_submit
from placements.choices import PlacementStatus
from placements.models import Placement

STARS = ((5, 4, 5), (4, 4, 4), (5, 5, 4), (4, 3, 4), (3, 4, 4))
COMMENTS = (
    "演示：带教认真，岗位安排与专业对口。",
    "演示：安全培训到位，工作强度适中。",
    "演示：导师耐心，学到了整车装调的实际流程。",
    "演示：食宿安排一般，但学习收获大。",
    "演示：加班较少，考核标准清楚。",
)


def seed_reviews() -> int:
    """How many reviews were written (idempotent: a placement is reviewed once)."""
    placements = (
        Placement.objects.filter(status=PlacementStatus.COMPLETED, slot__is_demo=True, student__user__isnull=False)
        .exclude(pk__in=PlacementReview.objects.values("placement_id"))
        .select_related("student__user", "slot")
        .order_by("slot_id", "id")
    )
    written = 0
    for n, placement in enumerate(placements):
        company, base, mentor = STARS[n % len(STARS)]
        review_submit(
            actor=actor_for(placement.student.user), placement=placement, company_stars=company, base_stars=base,
            mentor_stars=mentor if placement.mentor_id else None, company_comment=COMMENTS[n % len(COMMENTS)],
            base_comment="演示：场地整洁，设备齐全。", is_demo=True,
        )  # fmt: skip
        written += 1
    return written
