"""Who sees which background jobs: everyone their own; a school admin also their school's (a failed import of a
colleague shows there with its error). Only the owner takes a job's file (core.jobs.job_result_check)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from accounts.actor import Actor
from core.models import Job


def jobs_visible_to(actor: Actor) -> QuerySet[Job]:
    if actor.user_id is None:
        return Job.objects.none()
    mine = Q(owner_id=actor.user_id)
    if actor.admin_school_ids:
        mine |= Q(institution_id__in=actor.admin_school_ids)
    return Job.objects.filter(mine).select_related("owner", "institution")
