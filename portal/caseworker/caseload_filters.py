"""The caseload as the caseworker chooses to see it: search by name, "needs attention", "meeting
this week", and the order. Done on the rows already read, so the page's statements stay the same."""

from __future__ import annotations

from datetime import date, timedelta

from portal.caseworker.queries import CaseloadRow
from portal.clock import local_date


def attention_reasons(row: CaseloadRow) -> int:
    """How many things wait for the caseworker in this row (0: nothing)."""
    follow_up, waiting = row.follow_up, row.waiting
    return sum(
        (
            bool(
                follow_up
                and (
                    follow_up.overdue_homework
                    or follow_up.absences
                    or follow_up.comments
                    or follow_up.done_unseen
                    or follow_up.interpreters
                )
            ),
            bool(waiting and waiting.total),
            bool(row.cadence and row.cadence.assessment.state in ("overdue", "due_soon")),
            bool(row.joblog and row.joblog.short),
            bool(row.assignment and row.assignment.unread_handover),
            bool(row.messages and row.messages.unread),
        )
    )


def meets_this_week(row: CaseloadRow, today: date) -> bool:
    if row.next_meeting is None:
        return False
    monday = today - timedelta(days=today.weekday())
    return monday <= local_date(row.next_meeting.starts_at) <= monday + timedelta(days=6)


def apply(rows: list[CaseloadRow], *, name: str, view: str, order: str, today: date) -> list[CaseloadRow]:
    """The rows whose citizen's name holds `name`, in the view ("all", "attention", "this_week") and
    the order ("meeting", as read; "name"; "attention") the caseworker chose."""
    query = name.casefold()
    chosen = [row for row in rows if query in row.citizen.name.casefold()]
    if view == "attention":
        chosen = [row for row in chosen if attention_reasons(row)]
    elif view == "this_week":
        chosen = [row for row in chosen if meets_this_week(row, today)]
    if order == "name":
        chosen.sort(key=lambda row: row.citizen.name.casefold())
    elif order == "attention":
        chosen.sort(key=lambda row: -attention_reasons(row))  # stable: ties keep the meeting order
    return chosen
