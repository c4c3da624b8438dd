"""The caseload as the caseworker chooses to see it: search by name, "needs attention", "meeting
this week", and the order. Done on the rows already read, so the page's statements stay the same."""

from __future__ import annotations

from datetime import date, timedelta

from wtforms import Form, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional

from portal.caseworker.queries import CaseloadRow
from portal.clock import local_date
from portal.forms import ChoiceOneOf, at_most, clean_text
from portal.i18n import lazy_gettext as _l

VIEWS = {"all": _l("Alle"), "attention": _l("Kræver opmærksomhed"), "this_week": _l("Møde i denne uge")}
ORDERS = {"meeting": _l("Næste møde"), "name": _l("Navn"), "attention": _l("Mest opmærksomhed først")}


class CaseloadFilterForm(Form):
    q = StringField(
        _l("Søg på navn"),
        filters=[clean_text],
        validators=[Optional(), at_most(100)],
    )
    view = SelectField(
        _l("Vis"),
        choices=[SelectChoice(k, v) for k, v in VIEWS.items()],
        default="all",
        validate_choice=False,
        validators=[ChoiceOneOf(VIEWS)],
    )
    order = SelectField(
        _l("Sorter efter"),
        choices=[SelectChoice(k, v) for k, v in ORDERS.items()],
        default="meeting",
        validate_choice=False,
        validators=[ChoiceOneOf(ORDERS)],
    )


def attention_reasons(row: CaseloadRow) -> int:
    """How many things wait for the caseworker in this row (0: nothing)."""
    follow_up, waiting = row.follow_up, row.waiting
    return sum(
        (
            bool(
                follow_up
                and (follow_up.overdue_homework or follow_up.absences or follow_up.comments or follow_up.done_unseen)
            ),
            bool(waiting and waiting.total),
            bool(row.cadence and row.cadence.assessment.state in ("overdue", "due_soon")),
            bool(row.joblog and row.joblog.short),
            bool(row.assignment and row.assignment.unread_handover),
        )
    )


def meets_this_week(row: CaseloadRow, today: date) -> bool:
    if row.next_meeting is None:
        return False
    monday = today - timedelta(days=today.weekday())
    return monday <= local_date(row.next_meeting.starts_at) <= monday + timedelta(days=6)


def apply(rows: list[CaseloadRow], form: CaseloadFilterForm, today: date) -> list[CaseloadRow]:
    if not form.validate():
        return rows
    query = (form.q.data or "").casefold()
    chosen = [row for row in rows if query in row.citizen.name.casefold()]
    if form.view.data == "attention":
        chosen = [row for row in chosen if attention_reasons(row)]
    elif form.view.data == "this_week":
        chosen = [row for row in chosen if meets_this_week(row, today)]
    if form.order.data == "name":
        chosen.sort(key=lambda row: row.citizen.name.casefold())
    elif form.order.data == "attention":
        chosen.sort(key=lambda row: -attention_reasons(row))  # stable: ties keep the meeting order
    return chosen
