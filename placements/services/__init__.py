"""Every change to slots and placements goes through these functions: they check the rules, change state in a
transaction, and record the change in the audit trail."""

from placements.services.assessments import assessment_submit, paper_assessment_record
from placements.services.breaches import breach_answer, breach_report
from placements.services.documents import document_upload
from placements.services.hours import hours_exception_decide, hours_exception_file, hours_exception_propose
from placements.services.journals import journal_comment, journal_submit, journal_summary, journals_waive
from placements.services.lifecycle import (
    application_submit,
    application_withdraw,
    missing_paperwork,
    placement_approve,
    placement_complete,
    placement_confirm,
    placement_decide_end,
    placement_decline,
    placement_reject,
    placement_request_end,
    placement_start,
)
from placements.services.slot_review import (
    hazard_term_create,
    hazard_term_delete,
    hazard_term_update,
    slot_review_approve,
    slot_review_refuse,
)
from placements.services.slots import slot_cancel, slot_close, slot_create, slot_publish, slot_update
from placements.services.supervision import placement_name_mentor, placement_name_teacher, safety_training_record

__all__ = [
    "application_submit",
    "application_withdraw",
    "assessment_submit",
    "breach_answer",
    "breach_report",
    "document_upload",
    "hazard_term_create",
    "hazard_term_delete",
    "hazard_term_update",
    "hours_exception_decide",
    "hours_exception_file",
    "hours_exception_propose",
    "journal_comment",
    "journal_submit",
    "journal_summary",
    "journals_waive",
    "missing_paperwork",
    "paper_assessment_record",
    "placement_approve",
    "placement_complete",
    "placement_confirm",
    "placement_decide_end",
    "placement_decline",
    "placement_name_mentor",
    "placement_name_teacher",
    "placement_reject",
    "placement_request_end",
    "placement_start",
    "safety_training_record",
    "slot_cancel",
    "slot_close",
    "slot_create",
    "slot_publish",
    "slot_review_approve",
    "slot_review_refuse",
    "slot_update",
]
