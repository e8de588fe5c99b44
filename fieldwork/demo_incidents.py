"""Teacher visits and incidents in the demo world (`manage.py seed_demo`), made through the services a teacher,
a student and the company's HR go through, and flagged is_demo (their texts end in （演示）): the demo teacher has
visited about half of the placements they supervise this term, so the coverage page has both kinds, and there are
three incidents: a hazard a student reported that the company answered, an injury the teacher reported that waits
for its first response, and an anonymous report to the school. Students' reviews need finished placements, which
the demo world does not have yet."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from accounts.actor import actor_for
from fieldwork.incidents import incident_report, incident_respond
from fieldwork.models import Incident, Visit
from fieldwork.visits import visit_record
from placements.choices import PlacementStatus
from placements.models import Placement


def seed_visits_and_incidents(*, teacher_user, hr_user) -> None:
    if Visit.objects.filter(is_demo=True).exists() or Incident.objects.filter(is_demo=True).exists():
        return
    teacher = actor_for(teacher_user)
    running = list(
        Placement.objects.filter(status=PlacementStatus.ACTIVE, teacher__user=teacher_user, student__user__isnull=False)
        .select_related("student__user", "slot__base", "slot__company")
        .order_by("pk")
    )
    today = timezone.localdate()
    for n, placement in enumerate(running[::2]):
        visit_record(
            actor=teacher,
            placement=placement,
            visited_on=max(placement.started_at.date() if placement.started_at else today, today - timedelta(days=n)),
            mode="on_site" if n % 3 else "online",
            findings="学生已熟悉岗位，工位安全防护到位，导师每周面谈一次。（演示）",
            is_demo=True,
        )
    at_hr_company = [p for p in running if p.slot.company.members.filter(user=hr_user).exists()]
    if not at_hr_company:
        return
    now = timezone.now()
    first = at_hr_company[0]
    hazard = incident_report(
        actor=actor_for(first.student.user),
        placement=first,
        kind="hazard",
        severity="minor",
        description="总装车间二号通道地面有油污，下班前没有清理，容易滑倒。（演示）",
        occurred_at=now - timedelta(hours=20),
        is_demo=True,
    )
    incident_respond(
        actor=actor_for(hr_user),
        incident=hazard,
        body="已安排保洁每两小时巡检通道，并在油污易发处加铺防滑垫。（演示）",
        is_demo=True,
    )
    last = at_hr_company[-1]
    incident_report(
        actor=teacher,
        placement=last,
        kind="injury",
        severity="serious",
        description="学生在搬运电池模组时手指被夹伤，已到厂医务室包扎，需企业说明防护情况。（演示）",
        occurred_at=now - timedelta(hours=3),
        is_demo=True,
    )
    incident_report(
        actor=actor_for(last.student.user),
        placement=last,
        kind="harassment",
        severity="serious",
        description="班组里有人多次在工作群里发带有侮辱性的话，希望学校出面处理。（演示）",
        occurred_at=now - timedelta(days=2),
        anonymous=True,
        is_demo=True,
    )
