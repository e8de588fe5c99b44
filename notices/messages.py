"""The text of each kind of notice, translated when it is read. Parameters are names and titles, never
translated themselves."""

from __future__ import annotations

import re

from django.utils import translation
from django.utils.translation import gettext_lazy as _

MESSAGES: dict[str, tuple] = {
    "company_vetted": (_("Company review: %(status)s"), _("%(company)s is now “%(status)s”.")),
    "company_change_requested": (
        _("Company change to decide"),
        _("%(company)s asks to change its vetted details, with evidence."),
    ),
    "company_change_decided": (
        _("Company change: %(status)s"),
        _("The requested change of %(company)s is “%(status)s”. %(reason)s"),
    ),
    "invitation_accepted": (
        _("Invitation accepted"),
        _("%(name)s (%(email)s) accepted your invitation and joined %(organisation)s."),
    ),
    "slot_opened": (_("New slot for your major"), _("%(company)s opened “%(slot)s” (%(start)s).")),
    "slot_review_requested": (
        _("Slot to review: high-risk work?"),
        _("%(company)s's slot “%(slot)s” names %(terms)s; it opens once your school approves it."),
    ),
    "slot_review_decided": (_("Slot review: %(status)s"), _("“%(slot)s”: %(status)s. %(reason)s")),
    "applied": (_("New application"), _("%(student)s applied to “%(slot)s”.")),
    "approved": (_("Application approved by the teacher"), _("%(student)s → “%(slot)s” was approved by %(actor)s.")),
    "accepted": (_("Application accepted by the company"), _("%(student)s → “%(slot)s” was accepted by %(company)s.")),
    "confirmed": (_("Placement confirmed"), _("%(student)s is confirmed at “%(slot)s”. Paperwork comes next.")),
    "rejected": (_("Application rejected"), _("%(student)s → “%(slot)s” was rejected: %(reason)s")),
    "declined": (_("Application declined"), _("%(company)s declined %(student)s for “%(slot)s”: %(reason)s")),
    "withdrawn": (_("Application withdrawn"), _("%(student)s withdrew from “%(slot)s”.")),
    "paperwork_complete": (_("Ready to start"), _("All paperwork for %(student)s at “%(slot)s” is in.")),
    "document_uploaded": (_("Document uploaded"), _("%(document)s for %(student)s at “%(slot)s”.")),
    "document_to_check": (
        _("Paper to check"),
        _("%(student)s handed in the %(document)s for “%(slot)s”: check it or return it with a reason."),
    ),
    "document_checked": (_("Paper checked"), _("The school checked the %(document)s for “%(slot)s”.")),
    "document_returned": (
        _("Paper returned"),
        _("The school returned the %(document)s for “%(slot)s” (%(reason)s); upload a new one."),
    ),
    "started": (_("Placement started"), _("%(student)s started at “%(slot)s”.")),
    "guardian_consent_refused": (
        _("Guardian refused consent"),
        _("%(guardian)s refused consent to %(student)s's internship at “%(slot)s”. %(reason)s"),
    ),
    "end_requested": (_("Request to end early"), _("%(student)s asks to end “%(slot)s” early: %(reason)s")),
    "ended_early": (_("Placement ended early"), _("%(student)s's placement at “%(slot)s” ended early.")),
    "end_request_refused": (
        _("Request to end early refused"),
        _("Your request to end “%(slot)s” early was refused: %(reason)s"),
    ),
    "assessed": (_("Assessment given"), _("%(student)s at “%(slot)s” was assessed.")),
    "completed": (_("Placement completed"), _("%(student)s completed “%(slot)s” with the grade %(grade)s.")),
    "journal_submitted": (_("New journal"), _("%(student)s submitted “%(title)s”.")),
    "journal_commented": (_("Your teacher commented"), _("%(actor)s commented on “%(title)s”.")),
    "breach_reported": (_("Breach report"), _("%(student)s reported: %(kind)s.")),
    "round_opened": (_("Rank your slots"), _("Match round “%(round)s” is open until %(deadline)s.")),
    "matched": (_("Match result"), _("%(student)s was matched to “%(slot)s” (%(company)s); it now goes for approval.")),
    "round_unmatched": (
        _("Match result"),
        _("Round “%(round)s” found no slot for you this time; you can still apply to the remaining slots."),
    ),
    "round_advisees_matched": (_("Match result"), _("Round “%(round)s” matched %(matched)s of your students.")),
    "round_published": (_("Match round published"), _("Round “%(round)s” assigned %(matched)s students.")),
    "certificate_uploaded": (_("Certificate to verify"), _("%(student)s uploaded a %(program)s certificate.")),
    "certificate_decided": (_("Your certificate: %(status)s"), _("%(program)s: %(status)s. %(reason)s")),
    "assessment_results": (_("Assessment results"), _("The results of %(program)s on %(date)s are out.")),
    "breach_answered": (_("Your report was answered"), _("Your report (%(kind)s) is now: %(status)s.")),
    # fieldwork: incidents (the response clock runs from the report)
    "incident_reported": (
        _("Incident reported: %(severity)s"),
        _("%(kind)s at %(base)s. First response due by %(due)s."),
    ),
    "incident_answered": (_("Your incident report was answered"), _("There is a response to your report (%(kind)s).")),
    "incident_follow_up": (
        _("The anonymous reporter wrote again"),
        _("A new message on an anonymous report (%(kind)s)."),
    ),
    # careers: graduate jobs, interviews and offers
    "job_applied": (_("New job application"), _("%(student)s applied to “%(job)s”.")),
    "job_application_moved": (
        _("Your application: %(stage)s"),
        _("%(company)s, “%(job)s”: %(stage)s. %(reason)s"),
    ),
    "job_application_withdrawn": (_("Application withdrawn"), _("%(student)s withdrew from “%(job)s”.")),
    "job_offered": (_("Job offer"), _("%(company)s offers you “%(job)s” from %(start)s. Accept or decline it.")),
    "job_offer_answered": (_("Offer answered: %(answer)s"), _("%(student)s, “%(job)s”: %(answer)s.")),
    "interview_proposed": (
        _("Interview proposed"),
        _("%(company)s proposes %(count)s times for an interview for “%(job)s”; pick one."),
    ),
    "interview_scheduled": (_("Interview scheduled"), _("%(student)s picked %(when)s for “%(job)s”.")),
    "interview_scheduled_student": (
        _("Interview scheduled"),
        _("Your interview with %(company)s for “%(job)s” is at %(when)s."),
    ),
    "interview_cancelled": (_("Interview cancelled"), _("The interview for “%(job)s” is cancelled: %(reason)s")),
    "interview_reminder": (_("Interview tomorrow"), _("The interview for “%(job)s” is at %(when)s.")),
    # recruitment fairs (careers/fairs/services.py)
    "fair_opened": (_("A recruitment fair for you"), _("“%(fair)s” on %(when)s at %(venue)s: register to attend.")),
    "fair_reminder": (_("Recruitment fair tomorrow"), _("“%(fair)s” starts at %(when)s at %(venue)s.")),
    "fair_cancelled": (_("Recruitment fair cancelled"), _("“%(fair)s” is cancelled: %(reason)s")),
    "booth_applied": (_("Booth to decide"), _("%(company)s applies for a booth at “%(fair)s”.")),
    "booth_decided": (_("Booth: %(status)s"), _("Your booth at “%(fair)s”: %(status)s. %(reason)s")),
    "booth_changed": (
        _("Changed booth to decide again"),
        _("%(company)s changed its approved booth at “%(fair)s”; it waits for your decision again."),
    ),
    "outcome_offer_accepted": (
        _("Outcome to confirm"),
        _("%(student)s accepted a job offer from %(company)s; confirm the %(year)s graduate outcome."),
    ),
    "outcome_offer_differs": (
        _("Accepted offer differs from the confirmed outcome"),
        _(
            "%(student)s accepted a job offer from %(company)s, but the confirmed %(year)s outcome names another "
            "employer: compare and edit the record."
        ),
    ),
    # fieldwork: leave, field work and missing check-ins (fieldwork/services, fieldwork/attendance.py)
    "leave_requested": (
        _("Leave to decide"),
        _("%(student)s asks for %(kind)s from %(start)s to %(end)s."),
    ),
    "leave_decided": (
        _("Leave request: %(status)s"),
        _("Your %(kind)s from %(start)s to %(end)s: %(status)s. %(reason)s"),
    ),
    "field_work_declared": (_("Field work to confirm"), _("%(student)s works at %(place)s on %(date)s.")),
    "field_work_decided": (_("Field work: %(status)s"), _("Your field work on %(date)s: %(status)s. %(reason)s")),
    "attendance_missing": (
        _("Check-ins missing"),
        _("%(student)s has not checked in for %(days)s workdays since %(since)s."),
    ),
    # the morning reminders (placements/reminders.py)
    "journal_overdue": (_("Journals overdue"), _("You are %(overdue)s journals behind at “%(slot)s”.")),
    "journal_due_digest": (
        _("Weekly report due tomorrow"),
        _("%(count)s weekly reports are due tomorrow (%(date)s): %(slots)s."),
    ),
    "activation_codes_expiring": (
        _("Activation codes expiring"),
        _("%(count)s students' activation codes run out within %(days)s days unused."),
    ),
    "insurance_expiring": (
        _("Insurance expiring"),
        _("The insurance of %(count)s placements runs out within %(days)s days."),
    ),
    "inspections_expiring": (
        _("Site inspections expiring"),
        _("The site inspection of %(count)s of your bases runs out within %(days)s days."),
    ),
    "announcement": (_("Announcement"), "%(text)s"),
}


def render(kind: str, params: dict, language: str | None = None) -> tuple[str, str]:
    title, body = MESSAGES.get(kind, (_("Notice"), "%(text)s"))
    with translation.override(language or translation.get_language()):
        safe = _Missing({key: _translate_param(value) for key, value in params.items()})
        return str(title) % safe, str(body) % safe


def render_many(items: list[tuple[str, dict]], language: str) -> dict[int, tuple[str, str]]:
    """render() for many (kind, params) at once, in one language: {index: (title, body)}."""
    out = {}
    with translation.override(language):
        templates = {kind: (str(t), str(b)) for kind, (t, b) in MESSAGES.items()}
        fallback = (str(_("Notice")), "%(text)s")
        for i, (kind, params) in enumerate(items):
            title, body = templates.get(kind, fallback)
            safe = _Missing({key: _translate_param(value) for key, value in params.items()})
            out[i] = (title % safe, body % safe)
    return out


def translatable(label) -> str:
    """Mark a parameter to be translated for each reader: store its source text. Pass the lazy label of a
    choices enum (VettingStatus.APPROVED.label), not get_FOO_display(), which is already translated."""
    from django.utils.encoding import force_str

    with translation.override("en"):
        return "t:" + force_str(label)


# Dates are stored as ISO text (2027-03-01, or with the time: 2027-03-01 18:00) and read in the reader's way.
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}:\d{2}))?$")


def _translate_param(value):
    if isinstance(value, str) and value.startswith("t:"):
        return translation.gettext(value[2:])
    if isinstance(value, str) and (m := _ISO_DATE.match(value)):
        return _local_date(m)
    return value


def _local_date(m: re.Match) -> str:
    """zh: 2027年3月1日 (18:00); other languages keep the ISO form, like the app's formatDate."""
    year, month, day, clock = m.groups()
    if not (translation.get_language() or "").startswith("zh"):
        return m.group(0)
    text = f"{int(year)}年{int(month)}月{int(day)}日"
    return f"{text} {clock}" if clock else text


class _Missing(dict):
    """Format parameters that never fail on a missing key."""

    def __missing__(self, key):
        return "—"
