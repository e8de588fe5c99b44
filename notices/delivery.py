"""Live delivery of stored notices over the channel layer: each person's group, or one organisation group for a
large send of the same text, rendered in every language (each socket picks its own), with the unread count.
Used by notices.services after commit and by the Celery job in notices.tasks; it stores nothing."""

from __future__ import annotations

import asyncio
import json
import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.db.models import Count, Q

from notices.messages import render, render_many
from notices.models import Notice

logger = logging.getLogger(__name__)

SEND_BATCH = 32
ORG_FANOUT_MIN = 20  # recipients from which a send fans out through organisation groups


def user_group(user_id: int) -> str:
    return f"user.{user_id}"


def serialize(notice: Notice, language: str) -> dict:
    title, body = render(notice.kind, notice.params, language)
    return {
        "id": notice.pk,
        "kind": notice.kind,
        "title": title,
        "body": body,
        "link": notice.link,
        "created_at": notice.created_at.isoformat(),
        "read_at": notice.read_at.isoformat() if notice.read_at else None,
    }


def unread_counts(user_ids: list[int]) -> dict[int, int]:
    rows = (
        Notice.objects.filter(recipient_id__in=user_ids)
        .values("recipient_id")
        .annotate(n=Count("id", filter=Q(read_at__isnull=True)))
    )
    counts = dict.fromkeys(user_ids, 0)
    counts.update({row["recipient_id"]: row["n"] for row in rows})
    return counts


def deliver(notices: list[Notice]) -> None:
    """Push each notice, rendered in both languages (each socket picks its own), with the new unread count."""
    layer = get_channel_layer()
    if layer is None:
        return
    counts = unread_counts([n.recipient_id for n in notices])
    languages = [code for code, _name in settings.LANGUAGES]
    org_of = org_groups_of([n.recipient_id for n in notices]) if len(notices) >= ORG_FANOUT_MIN else {}
    try:
        async_to_sync(_send_all)(layer, notices, counts, languages, org_of)
    except Exception:  # the layer (Redis) is down: stored notices are replayed at the next connection
        logger.warning("Live delivery of %d notices failed; they stay stored", len(notices), exc_info=True)


def org_groups_of(user_ids: list[int]) -> dict[int, str]:
    """One organisation group per person (their school, else their company), for fanning out large sends."""
    from companies.models import CompanyMember
    from schools.models import Student, Teacher

    groups: dict[int, str] = {}
    for uid, school in Student.objects.filter(user_id__in=user_ids).values_list("user_id", "institution_id"):
        groups[uid] = school_group(school)
    for uid, school in Teacher.objects.filter(user_id__in=user_ids).values_list("user_id", "institution_id"):
        groups.setdefault(uid, school_group(school))
    for uid, company in CompanyMember.objects.filter(user_id__in=user_ids).values_list("user_id", "company_id"):
        groups.setdefault(uid, company_group(company))
    return groups


def school_group(institution_id: int) -> str:
    return f"org.school.{institution_id}"


def company_group(company_id: int) -> str:
    return f"org.company.{company_id}"


async def _send_all(layer, notices, counts, languages, org_of: dict[int, str]) -> None:
    """Small sends go to each person's own group. Where many people of one organisation get the same text (a
    new slot for every eligible student), it goes once to that organisation's group, carrying who gets which
    notice id: one message per socket there instead of one Redis round trip per person."""
    by_text: dict[tuple, list[Notice]] = {}
    params_of: dict[tuple, tuple[str, dict]] = {}
    for notice in notices:
        key = (notice.kind, json.dumps(notice.params, sort_keys=True, ensure_ascii=False), notice.link)
        params_of.setdefault(key, (notice.kind, notice.params))
        by_text.setdefault((org_of.get(notice.recipient_id), key), []).append(notice)
    # One language switch per language, not one per notice: a published round renders thousands of texts.
    keys = list(params_of)
    rendered: dict[tuple, dict] = {key: {} for key in keys}
    for lang in languages:
        for index, text in render_many([params_of[key] for key in keys], lang).items():
            rendered[keys[index]][lang] = text
    messages = []
    for (group, key), same in by_text.items():
        texts = rendered[key]
        if group is not None and len(same) >= ORG_FANOUT_MIN:
            first = same[0]
            messages.append(
                (
                    group,
                    {
                        "type": "notice.fanout",
                        "notice": {
                            lang: {"kind": first.kind, "link": first.link, "title": t, "body": b, "read_at": None}
                            for lang, (t, b) in texts.items()
                        },
                        "created_at": first.created_at.isoformat(),
                        "recipients": {str(n.recipient_id): [n.pk, counts.get(n.recipient_id, 0)] for n in same},
                    },
                )
            )
            continue
        for notice in same:
            common = {
                "id": notice.pk,
                "kind": notice.kind,
                "link": notice.link,
                "created_at": notice.created_at.isoformat(),
                "read_at": None,
            }
            payload = {lang: {**common, "title": t, "body": b} for lang, (t, b) in texts.items()}
            messages.append(
                (
                    user_group(notice.recipient_id),
                    {"type": "notice.new", "notice": payload, "unread": counts.get(notice.recipient_id, 0)},
                )
            )
    # A few dozen sends in flight: enough to overlap the round trips without opening a connection per send.
    for start in range(0, len(messages), SEND_BATCH):
        batch = messages[start : start + SEND_BATCH]
        await asyncio.gather(*(layer.group_send(group, message) for group, message in batch))


def push_unread(user_id: int) -> None:
    """Tell every tab of this user the new unread count."""
    layer = get_channel_layer()
    if layer is None:
        return
    count = unread_counts([user_id])[user_id]
    try:
        async_to_sync(layer.group_send)(user_group(user_id), {"type": "notice.unread", "unread": count})
    except Exception:
        logger.warning("Could not push the unread count", exc_info=True)
