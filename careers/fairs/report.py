"""A fair's report: what came of it. Companies and booths, registered and checked-in students, then what
followed at the booths' jobs since the fair began: applications, interviews, offers, hires, and of those hired
how many work in Wuhan (a graduate outcome the school confirmed, in_wuhan). Counts only, so the city's analyst
reads it as well as the organisers. The query is here; the views only shape the answer."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from careers.fairs.models import Booth, BoothStatus, Fair
from careers.models import Interview, InterviewStatus, JobApplication, Stage

OFFER_STAGES = (Stage.OFFERED, Stage.ACCEPTED, Stage.DECLINED)

COLUMNS = [
    ("company", _("Company")),
    ("status", _("Booth")),
    ("jobs", _("Jobs")),
    ("slots", _("Placement slots")),
    ("applications", _("Applications")),
    ("interviews", _("Interviews")),
    ("offers", _("Offers")),
    ("hired", _("Hired")),
    ("stayed", _("Hired and working in Wuhan")),
]


def _followed(applications) -> dict:
    counts = applications.aggregate(
        applications=Count("pk", distinct=True),
        offers=Count("pk", filter=Q(stage__in=OFFER_STAGES), distinct=True),
        hired=Count("pk", filter=Q(stage=Stage.ACCEPTED), distinct=True),
        stayed=Count(
            "pk",
            filter=Q(stage=Stage.ACCEPTED, outcome__confirmed=True, outcome__in_wuhan=True),
            distinct=True,
        ),
    )
    counts["interviews"] = (
        Interview.objects.filter(application__in=applications.values("pk"))
        .exclude(status=InterviewStatus.CANCELLED)
        .count()
    )
    return counts


def _applications(fair: Fair, job_ids) -> object:
    return JobApplication.objects.filter(job_id__in=job_ids, created_at__gte=fair.starts_at)


def fair_report(fair: Fair) -> dict:
    """The fair's figures, in total and per booth (approved booths first)."""
    booths = list(
        Booth.objects.filter(fair=fair)
        .select_related("company")
        .prefetch_related("jobs", "slots")
        .order_by("status", "company__name")
    )
    registrations = fair.registrations.filter(cancelled_at__isnull=True)
    approved = [b for b in booths if b.status == BoothStatus.APPROVED]
    job_ids = {j.pk for b in approved for j in b.jobs.all()}
    rows = []
    for booth in booths:
        jobs = [j.pk for j in booth.jobs.all()]
        figures = _followed(_applications(fair, jobs)) if booth.status == BoothStatus.APPROVED else {}
        rows.append(
            {
                "booth": booth.pk,
                "company": booth.company.name,
                "status": booth.status,
                "status_label": str(booth.get_status_display()),
                "jobs": len(jobs),
                "slots": len(booth.slots.all()),
                "applications": figures.get("applications", 0),
                "interviews": figures.get("interviews", 0),
                "offers": figures.get("offers", 0),
                "hired": figures.get("hired", 0),
                "stayed": figures.get("stayed", 0),
            }
        )
    totals = _followed(_applications(fair, job_ids))
    return {
        "fair": fair.pk,
        "title": fair.title,
        "companies": len({b.company_id for b in approved}),
        "booths": len(booths),
        "booths_approved": len(approved),
        "booths_pending": sum(b.status == BoothStatus.PENDING for b in booths),
        "jobs": len(job_ids),
        "registered": registrations.count(),
        "checked_in": registrations.filter(checked_in_at__isnull=False).count(),
        **totals,
        "rows": rows,
        "is_demo": fair.is_demo,
    }
