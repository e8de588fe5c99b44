"""Approved leave moves journal due dates back and lowers the required count by the whole weeks it covers."""

from __future__ import annotations

from datetime import timedelta

from accounts.actor import actor_for
from fieldwork.selectors import leave_weeks
from fieldwork.services.leave import leave_approve, leave_request
from placements.services.journals import journal_summary
from tests.dates import today


def approved_leave(fw, start, days):
    leave = leave_request(actor=actor_for(fw.w.student.user), kind="sick", start_date=start,
                          end_date=start + timedelta(days=days - 1), reason="住院。")  # fmt: skip
    leave = leave_approve(actor=actor_for(fw.w.mentor.user), leave=leave)
    return leave_approve(actor=actor_for(fw.w.teacher.user), leave=leave)


def test_two_weeks_of_approved_leave_lower_the_count_by_two_and_move_the_due_dates(fw):
    before = journal_summary(fw.placement)
    approved_leave(fw, today() - timedelta(days=13), 14)
    after = journal_summary(fw.placement)
    assert leave_weeks(fw.placement) == 2
    assert after.required == before.required - 2
    assert after.due == before.due - 2


def test_leave_still_waiting_changes_nothing(fw):
    before = journal_summary(fw.placement)
    leave_request(actor=actor_for(fw.w.student.user), kind="sick", start_date=today(),
                  end_date=today() + timedelta(days=13), reason="住院。")  # fmt: skip
    assert journal_summary(fw.placement) == before
