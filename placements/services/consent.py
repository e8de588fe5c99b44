"""The guardian's consent (法定监护人或家长) to a school-organised post internship, online (COMPLIANCE.md row 3).

The school's staff enter the guardian's name, relation and mobile phone; the platform texts a one-time link and a
six-digit code (core.sms). The link alone shows nothing: the guardian enters the code, reads what the student is
to do (company, post, dates, daily hours, pay, insurance) and agrees or refuses, once. A link expires after
settings.GUARDIAN_CONSENT_DAYS, locks after settings.GUARDIAN_CONSENT_MAX_ATTEMPTS wrong codes, and a new link
supersedes the last. Only hashes of the token and the code are stored. A refusal tells the placement's teacher and
whoever sent the link. The start accepts an agreed consent or a paper form the school checked
(lifecycle.missing_paperwork, services/documents.document_check)."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from accounts.actor import Actor
from core.errors import DomainError
from core.sms import send_sms
from placements.choices import InternshipKind, PlacementStatus
from placements.models import GuardianConsent, Placement

Status = GuardianConsent.Status
MOBILE = re.compile(r"^1[3-9]\d{9}$")
# Before the start: the consent is part of the paperwork (a placement that started needs none sent any more).
SENDABLE = (PlacementStatus.APPROVED, PlacementStatus.ACCEPTED, PlacementStatus.CONFIRMED, PlacementStatus.READY)


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def _code_hash(token: str, code: str) -> str:
    return _hash(f"{token}:{code}")


def consent_link(token: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}/consent/{token}"


def require_school_of(actor: Actor, placement: Placement) -> None:
    if placement.student.institution_id not in actor.school_ids:
        raise PermissionDenied(_("Only staff of the student's school ask the guardian for consent."))


@dataclass(frozen=True)
class Sent:
    """A link just sent: the row, and (for the caller's tests and the demo only) the secrets that went out."""

    consent: GuardianConsent
    token: str
    code: str


def _clean(guardian_name: str, relation: str, phone: str) -> tuple[str, str, str]:
    errors: dict[str, list] = {}
    guardian_name, phone = (guardian_name or "").strip(), re.sub(r"[\s-]", "", phone or "")
    if not guardian_name:
        errors["guardian_name"] = [_("Give the guardian's name.")]
    elif len(guardian_name) > 50:
        errors["guardian_name"] = [_("At most 50 characters.")]
    if relation not in GuardianConsent.Relation.values:
        errors["relation"] = [_("Choose the guardian's relation to the student.")]
    if not MOBILE.match(phone):
        errors["phone"] = [_("Give a mainland mobile number of 11 digits.")]
    if errors:
        raise ValidationError(errors)
    return guardian_name, relation, phone


def _message(placement: Placement, token: str, code: str) -> str:
    """The text in Chinese, whatever language the sender's page is in: it goes to a guardian in Hubei."""
    with translation.override("zh-hans"):
        return _text(placement, token, code)


def _text(placement: Placement, token: str, code: str) -> str:
    return str(
        _(
            "[Wuhan placements] %(school)s asks your consent to %(student)s's internship at %(company)s. "
            "Open %(link)s and enter the code %(code)s (valid %(days)s days). Ignore this if it is not for you."
        )
        % {
            "school": placement.student.institution.name,
            "student": placement.student.full_name,
            "company": placement.slot.company.name,
            "link": consent_link(token),
            "code": code,
            "days": settings.GUARDIAN_CONSENT_DAYS,
        }
    )


def guardian_consent_send(
    *, actor: Actor, placement: Placement, guardian_name: str, relation: str, phone: str, is_demo: bool = False
) -> Sent:
    """Staff of the student's school text the guardian a one-time link and code; a link sent before (not yet
    answered) stops working. Only for a post internship before it starts."""
    require_school_of(actor, placement)
    guardian_name, relation, phone = _clean(guardian_name, relation, phone)
    token, code = secrets.token_urlsafe(24), f"{secrets.randbelow(10**6):06d}"
    with transaction.atomic():
        placement = (
            Placement.objects.select_for_update(of=("self",))
            .select_related("slot__company", "student__institution")
            .get(pk=placement.pk)
        )
        if placement.slot.kind != InternshipKind.POST:
            raise DomainError(_("Only a post internship needs the guardian's consent."), code="consent_not_needed")
        if placement.status not in SENDABLE:
            raise DomainError(
                _("The guardian's consent is asked between the approval and the start."),
                code="illegal_transition",
                extra={"current_status": placement.status},
            )
        if placement.guardian_consents.filter(status=Status.AGREED).exists():
            raise DomainError(_("The guardian has already agreed."), code="consent_given")
        placement.guardian_consents.filter(status=Status.SENT).update(status=Status.SUPERSEDED)
        now = timezone.now()
        consent = GuardianConsent.objects.create(
            placement=placement,
            guardian_name=guardian_name,
            relation=relation,
            phone=phone,
            token_hash=_hash(token),
            code_hash=_code_hash(token, code),
            expires_at=now + timedelta(days=settings.GUARDIAN_CONSENT_DAYS),
            sent_by=actor.user,
            sent_at=now,
            is_demo=is_demo,
        )
        from placements.services.common import record

        record(placement, user=actor.user, action="consent_requested", relation=relation)
        message = _message(placement, token, code)
        if not is_demo:
            transaction.on_commit(lambda: send_sms(to=phone, body=message))
    return Sent(consent=consent, token=token, code=code)


# -- the guardian's side: no sign-in, the token in the link and the code from the text message ------------------


def _by_token(token: str) -> GuardianConsent:
    """The link's consent, whatever its state; an unknown token is a 404 (DomainError would say it exists)."""
    from django.http import Http404

    consent = (
        GuardianConsent.objects.select_related(
            "placement__slot__company", "placement__slot__base", "placement__student__institution"
        )
        .filter(token_hash=_hash(token or ""))
        .first()
    )
    if consent is None:
        raise Http404
    return consent


def link_state(consent: GuardianConsent) -> str:
    """What the guardian's page shows: open (enter the code), or why the link no longer works."""
    if consent.status == Status.SENT and consent.expires_at <= timezone.now():
        return "expired"
    return {Status.SENT: "open", Status.SUPERSEDED: "superseded"}.get(consent.status, consent.status)


def guardian_link(token: str) -> GuardianConsent:
    """The link as the guardian's page first reads it: its state only (nothing about the student yet)."""
    return _by_token(token)


def _closed(consent: GuardianConsent) -> DomainError:
    state = link_state(consent)
    messages = {
        "expired": _("This link has expired. Ask the school to send a new one."),
        "superseded": _("The school has sent a newer link; use the latest text message."),
        "locked": _("Too many wrong codes: this link is locked. Ask the school to send a new one."),
        "agreed": _("This link has been used: you agreed."),
        "refused": _("This link has been used: you refused."),
    }
    return DomainError(messages.get(state, _("This link no longer works.")), code=f"link_{state}")


def _check_code(token: str, code: str) -> GuardianConsent:
    """The consent behind an open link and a right code. A wrong code counts (committed even though the request
    fails), and the last allowed wrong code locks the link."""
    consent = _by_token(token)
    if link_state(consent) != "open":
        raise _closed(consent)
    if hmac.compare_digest(consent.code_hash, _code_hash(token, (code or "").strip())):
        return consent
    with transaction.atomic():
        locked = GuardianConsent.objects.select_for_update().get(pk=consent.pk)
        locked.failed_attempts += 1
        if locked.failed_attempts >= settings.GUARDIAN_CONSENT_MAX_ATTEMPTS:
            locked.status = Status.LOCKED
        locked.save(update_fields=["failed_attempts", "status"])
    if locked.status == Status.LOCKED:
        raise _closed(locked)
    left = settings.GUARDIAN_CONSENT_MAX_ATTEMPTS - locked.failed_attempts
    raise ValidationError({"code": [_("The code is not right; %(n)d tries left.") % {"n": left}]})


def guardian_consent_open(*, token: str, code: str) -> GuardianConsent:
    """The guardian's code is right: what they consent to may be shown (see `arrangement`)."""
    return _check_code(token, code)


def guardian_consent_decide(*, token: str, code: str, agree: bool, note: str = "") -> GuardianConsent:
    """The guardian agrees or refuses, once; the time is recorded. A refusal tells the teacher and the sender."""
    consent = _check_code(token, code)
    note = (note or "").strip()[:500]
    with transaction.atomic():
        consent = GuardianConsent.objects.select_for_update().get(pk=consent.pk)
        if link_state(consent) != "open":  # answered meanwhile in another tab
            raise _closed(consent)
        consent.status = Status.AGREED if agree else Status.REFUSED
        consent.decided_at = timezone.now()
        consent.note = note
        consent.save(update_fields=["status", "decided_at", "note"])
        placement = Placement.objects.select_for_update(of=("self",)).get(pk=consent.placement_id)
        from placements.services.common import record
        from placements.services.lifecycle import _refresh_ready

        record(placement, user=None, action="consent_agreed" if agree else "consent_refused", reason=note)
        if agree:
            _refresh_ready(placement, user=None)
        else:
            _notify_refusal(consent, placement)
    return consent


def _notify_refusal(consent: GuardianConsent, placement: Placement) -> None:
    from notices.services import notice_send

    users = {consent.sent_by_id}
    if placement.teacher_id:
        users.add(placement.teacher.user_id)
    if placement.student.advisor_id:
        users.add(placement.student.advisor.user_id)
    notice_send(
        recipients=[u for u in users if u],
        kind="guardian_consent_refused",
        params={
            "student": placement.student.full_name,
            "slot": placement.slot.title,
            "guardian": consent.guardian_name,
            "reason": consent.note,
        },
        link=f"/placements/{placement.pk}",
    )


def arrangement(consent: GuardianConsent) -> dict:
    """What the guardian consents to, in the words of the slot: company, post, base, dates, daily hours, pay and
    who pays the insurance (and the policy on file, if any)."""
    from placements.choices import DocumentKind

    placement = consent.placement
    slot, student = placement.slot, placement.student
    policy = placement.documents.filter(kind=DocumentKind.INSURANCE).order_by("-uploaded_at").first()
    return {
        "student": student.full_name,
        "school": student.institution.name,
        "company": slot.company.name,
        "post": slot.title,
        "base": slot.base.name,
        "address": slot.base.address,
        "start_date": slot.start_date,
        "end_date": slot.end_date,
        "work_starts": slot.work_starts,
        "work_ends": slot.work_ends,
        "daily_hours": slot.daily_hours,
        "days_per_week": slot.days_per_week,
        "post_wage": slot.post_wage,
        "stipend": slot.stipend,
        "pay_cycle": slot.get_pay_cycle_display(),
        "insurance_paid_by": slot.get_insurance_paid_by_display(),
        "insurer": policy.insurer if policy else "",
        "insurance_covers_to": policy.covers_to if policy else None,
        "guardian_name": consent.guardian_name,
        "expires_at": consent.expires_at,
    }


def paper_consents(placement: Placement) -> dict[str, bool]:
    """The consent papers on file, as the school's check left them: {"checked": any checked, "waiting": any
    still to check} (a returned paper counts for neither). Reads `documents` through `.all()`."""
    from placements.choices import DocumentKind

    papers = [d for d in placement.documents.all() if d.kind == DocumentKind.CONSENT and d.returned_at is None]
    return {
        "checked": any(d.checked_at for d in papers),
        "waiting": any(d.checked_at is None for d in papers),
    }


def consent_status(placement: Placement) -> dict:
    """The school's view on the placement page: the latest link sent, and whether the gate is met online or on
    paper (`paper` is true only for a paper the school checked; `paper_waiting` for one still to check). Reads
    `guardian_consents` and `documents` through `.all()` (prefetchable)."""
    consents = sorted(placement.guardian_consents.all(), key=lambda c: (c.sent_at, c.pk), reverse=True)
    latest = consents[0] if consents else None
    papers = paper_consents(placement)
    online = any(c.status == Status.AGREED for c in consents)
    return {
        "latest": latest,
        "state": link_state(latest) if latest else None,
        "paper": papers["checked"],
        "paper_waiting": papers["waiting"] and not papers["checked"],
        "online": online,
    }


def consent_given(placement: Placement) -> bool:
    """The gate: an agreed e-consent, or a paper consent form on file that the student's school checked (a paper
    the student uploaded alone counts for nothing). Reads through `.all()`."""
    return (
        any(c.status == Status.AGREED for c in placement.guardian_consents.all())
        or paper_consents(placement)["checked"]
    )
