"""Vocabularies of placements: kinds, statuses, declared work, documents, grades."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class InternshipKind(models.TextChoices):
    """COMPLIANCE.md rule 1: the 2021 regulation knows two kinds."""

    OBSERVATION = "observation", _("Observation internship (认识实习)")
    POST = "post", _("Post internship (岗位实习)")


class SlotStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")
    # Its title or description names high-risk work (placements/hazards.py): a school reviews it before it opens.
    REVIEW = "review", _("Awaiting school review")


class ShiftPattern(models.TextChoices):
    DAY = "day", _("Day shift")
    TWO_SHIFTS = "two_shifts", _("Two day shifts (rotating)")
    FLEXIBLE = "flexible", _("Flexible hours")


class PayCycle(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    SEMIMONTHLY = "semimonthly", _("Twice a month")
    WEEKLY = "weekly", _("Weekly")


class BannedWork(models.TextChoices):
    """COMPLIANCE.md rule 6: work a slot must not involve. A slot declares none of these."""

    MINORS_BANNED = "minors_banned", _("Work the law bans for minors")
    WOMEN_BANNED = "women_banned", _("Work the law bans for women")
    ENTERTAINMENT = "entertainment", _("Bars, KTV, internet cafés, bathhouses or game halls")
    HEAVY_LABOUR = "heavy_labour", _("Physical labour of intensity level III or above")
    PAID_AGENT = "paid_agent", _("Placement through a paid agent or intermediary")


class WorkHazard(models.TextChoices):
    """Art. 17: a slot classifies its work; every class but ORDINARY is high-risk work students may not do."""

    ORDINARY = "ordinary", _("Ordinary work (none of the high-risk kinds)")
    HEIGHT = "height", _("Work at height (高处/高空作业)")
    UNDERGROUND = "underground", _("Underground or mine work (井下作业)")
    RADIOACTIVE = "radioactive", _("Work with radioactive sources or radiation (放射性作业)")
    TOXIC = "toxic", _("Work with toxic or harmful substances (有毒有害作业)")
    FLAMMABLE_EXPLOSIVE = "explosive", _("Work with flammable or explosive materials (易燃易爆作业)")
    LABOUR_IV = "labour_iv", _("Physical labour of national intensity level IV (第四级体力劳动强度)")


HIGH_RISK_WORK = tuple(h for h in WorkHazard.values if h != WorkHazard.ORDINARY)


class SlotReviewDecision(models.TextChoices):
    APPROVED = "approved", _("Approved by the school")
    REFUSED = "refused", _("Refused by the school")


class PlacementStatus(models.TextChoices):
    """One record follows a student's choice of a slot from the application to the end of the placement."""

    PENDING = "pending", _("Applied, awaiting decisions")
    APPROVED = "approved", _("Approved by the teacher, awaiting the company")
    ACCEPTED = "accepted", _("Accepted by the company, awaiting the teacher")
    CONFIRMED = "confirmed", _("Confirmed, paperwork outstanding")
    READY = "ready", _("Ready to start")
    ACTIVE = "active", _("In progress")
    COMPLETED = "completed", _("Completed")
    REJECTED = "rejected", _("Rejected by the teacher")
    DECLINED = "declined", _("Declined by the company")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    ENDED_EARLY = "ended_early", _("Ended early")


OPEN_APPLICATION_STATUSES = (PlacementStatus.PENDING, PlacementStatus.APPROVED, PlacementStatus.ACCEPTED)
FILLING_STATUSES = (
    PlacementStatus.CONFIRMED,
    PlacementStatus.READY,
    PlacementStatus.ACTIVE,
    PlacementStatus.COMPLETED,
)
# Interns "on post" for the share caps of rule 8.
ON_POST_STATUSES = (PlacementStatus.CONFIRMED, PlacementStatus.READY, PlacementStatus.ACTIVE)


class ApprovalOrder(models.TextChoices):
    TEACHER_FIRST = "teacher_first", _("Teacher approves first, then the company confirms")
    COMPANY_FIRST = "company_first", _("Company accepts first, then the teacher approves")


class DocumentKind(models.TextChoices):
    TRIPARTITE = "tripartite", _("Tripartite agreement (三方协议)")
    CONSENT = "consent", _("Informed consent of student and guardian")
    INSURANCE = "insurance", _("Internship liability insurance policy")
    OTHER = "other", _("Other document")
    # The company's assessment on the paper form it signed, recorded by the school for a placement whose company
    # has nobody on the platform (placements.services.assessments.paper_assessment_record); never uploaded alone.
    COMPANY_ASSESSMENT = "assessment", _("Company assessment signed on paper (企业评价表)")


class Grade(models.TextChoices):
    """COMPLIANCE.md rule 15: four bands."""

    EXCELLENT = "excellent", _("Excellent (优秀)")
    GOOD = "good", _("Good (良好)")
    PASS = "pass", _("Pass (合格)")
    FAIL = "fail", _("Fail (不合格)")


GRADE_POINTS = {Grade.EXCELLENT: 4, Grade.GOOD: 3, Grade.PASS: 2, Grade.FAIL: 1}


class AssessorRole(models.TextChoices):
    TEACHER = "teacher", _("Teacher")
    COMPANY = "company", _("Company mentor")


class BreachKind(models.TextChoices):
    FEES = "fees", _("Fees or deposits charged")
    OVERTIME = "overtime", _("Overtime")
    NIGHT_SHIFT = "night_shift", _("Night shifts or holiday work")
    UNPAID = "unpaid", _("Stipend unpaid or late")
    DOCUMENTS_HELD = "documents_held", _("ID or student card held")
    OTHER = "other", _("Other")


class BreachStatus(models.TextChoices):
    OPEN = "open", _("Awaiting an answer")
    UPHELD = "upheld", _("Upheld")
    DISMISSED = "dismissed", _("Dismissed")


class HoursExceptionKind(models.TextChoices):
    """Art. 17: work outside regular hours, possible only as an exception the school approves and files."""

    NIGHT = "night", _("Night work")
    OVERTIME = "overtime", _("Overtime")
    HOLIDAY = "holiday", _("Work on statutory holidays")


class HoursExceptionStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed by the company")
    APPROVED = "approved", _("Approved by the school, not yet filed")
    FILED = "filed", _("Approved and filed with the education authority")
    REFUSED = "refused", _("Refused by the school")


class InsurancePayer(models.TextChoices):
    """Who pays the internship insurance premiums: never the student (art. 18)."""

    COMPANY = "company", _("The company")
    SCHOOL = "school", _("The school")
    STUDENT = "student", _("The student")


class JournalStatus(models.TextChoices):
    """A weekly report is kept as a draft while the student writes it (autosaved), then submitted once."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
