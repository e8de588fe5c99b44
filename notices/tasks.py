"""Background delivery of notices (Celery). The notices are stored before the job is queued, so a job that
runs twice (acks late: a killed worker's job comes back) pushes the same ids again, which clients ignore, and a
job that never runs leaves them to be replayed at the next connection."""

from __future__ import annotations

from celery import shared_task

from notices.delivery import deliver
from notices.models import Notice


@shared_task(autoretry_for=(Exception,), retry_backoff=5, retry_backoff_max=300, retry_jitter=True, max_retries=5)
def deliver_notices(notice_ids: list[int]) -> int:
    """Push stored notices live, in chunks so a round of thousands holds no huge message in memory."""
    delivered = 0
    for start in range(0, len(notice_ids), 2000):
        notices = list(Notice.objects.filter(pk__in=notice_ids[start : start + 2000]).order_by("id"))
        deliver(notices)
        delivered += len(notices)
    return delivered
