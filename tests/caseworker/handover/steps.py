"""What the handover tests share: a jobcentre with two caseworkers and a citizen, and the steps and reads
around a handover."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from babel.dates import format_date
from sqlalchemy import select

from portal.audit import AuditEntry
from portal.auth.models import Jobcentre, User
from portal.db import db
from portal.meetings import reminders
from portal.organisation import services
from tests.factories import post_form
from tests.pages import parse_page

NOTE = "Borgeren er i gang med et forløb hos en virksomhed.\nRing før næste møde."


BASE_URL = "https://minplan.example.dk"


@dataclass
class Team:
    jobcentre: Jobcentre
    old: User
    new: User
    citizen: User


def handover_url(citizen: User) -> str:
    return f"/caseworker/citizens/{citizen.id}/handover"


def hand_over(client, citizen: User, data: dict, page_url: str | None = None):
    """POST the handover form like a browser, the CSRF token taken from `page_url` (default: the form)."""
    return post_form(client, handover_url(citizen), data, page_url=page_url or "/caseworker/")


def audit_rows(session, action: str, citizen: User | None = None) -> list[AuditEntry]:
    query = select(AuditEntry).where(AuditEntry.action == action)
    if citizen is not None:
        query = query.where(AuditEntry.citizen_id == citizen.id)
    return list(session.scalars(query.order_by(AuditEntry.id)))


def caseload_names(client, query: str = "") -> list[str]:
    page = parse_page(client.get(f"/caseworker/?{query}"))
    body = page.find("tbody")
    return [row.find("a").get_text(strip=True) for row in body("tr")] if body else []


def name_cell(client, name: str) -> str:
    page = parse_page(client.get("/caseworker/"))
    for row in page.select("tbody tr"):
        if row.find("a").get_text(strip=True) == name:
            return row.find("td").get_text(" ", strip=True)
    raise AssertionError(f"{name} is not on the caseload")


def error_summary(page) -> str:
    summary = page.find(attrs={"data-module": "error-summary"})
    assert summary is not None, "the page has no error summary"
    return summary.get_text(" ", strip=True)


def group_text(page, field_name: str) -> str:
    """The text of the form group around a field: its label, hint and inline error."""
    field = page.find(attrs={"name": field_name, "id": True})
    return field.find_parent("div").get_text(" ", strip=True)


def danish_date(day: date) -> str:
    return format_date(day, "long", locale="da")


def move(
    app, citizen: User, caseworker: User, *, by: User | None, note: str | None = NOTE, today: date | None = None
) -> int:
    """Make the assignment through the service, committed; returns the new assignment's id."""
    with app.app_context():
        assignment = services.assign(citizen, caseworker, by=by, note=note, today=today)
        db.session.commit()
        return assignment.id


def send(app, now: datetime | None = None) -> reminders.Result:
    with app.app_context():
        return reminders.send_due(now)
