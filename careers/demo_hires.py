"""From internship to a job in the demo world (issue 18): some of last term's interns (placements/demo_history.py)
are hired by the company they interned at, through the same services as a user's clicks — the company's demo job
(careers/demo.py) takes their application, HR proposes an interview and the student picks a time, HR offers, the
student accepts (which records the graduate outcome) and the school's admin confirms it. So the internship-to-hire
conversion counts hires that happened on the platform. Every row is flagged as demo data."""

from __future__ import annotations

from django.utils import timezone

from careers.demo import _hr, _story
from careers.models import Job, JobStatus, Stage
from placements.models import Placement

# Of each company's interns last term, how many it hires (in the order they interned).
HIRED = (2, 1, 1)


def seed_hires(completed: list[Placement]) -> list[int]:
    """The accepted applications' ids (none when there is nothing to replay)."""
    hired: list[int] = []
    by_company: dict[int, list[Placement]] = {}
    for placement in completed:
        by_company.setdefault(placement.slot.company_id, []).append(placement)
    for n, (company_id, interns) in enumerate(by_company.items()):
        job = Job.objects.filter(company_id=company_id, is_demo=True, status=JobStatus.OPEN).order_by("id").first()
        if job is None:
            continue
        hr = _hr(job.company)
        for placement in interns[: HIRED[n] if n < len(HIRED) else 1]:
            student = placement.student
            _story(job, hr, student, stage="accepted", now=timezone.now())
            application = job.applications.get(student=student)
            if application.stage == Stage.ACCEPTED:
                hired.append(application.pk)
    return hired
