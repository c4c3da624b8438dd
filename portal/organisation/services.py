"""Who is whose caseworker: adding a citizen to a caseload, assigning, handing over, and reading the handover note.

A move ends the old assignment yesterday, so the former caseworker loses access at once, and opens a
new one today that names the former caseworker and carries the handover note (seeds/001: few changes,
and a proper handover when one happens). Every change writes its audit row in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from flask import current_app
from sqlalchemy import select

from portal import audit
from portal.access import Role
from portal.auth import cpr, invitations
from portal.auth import services as accounts
from portal.auth.models import Jobcentre, User
from portal.clock import local_today, utcnow
from portal.db import db
from portal.i18n import lazy_gettext as _l
from portal.organisation import queries
from portal.organisation.models import CaseloadAssignment, CitizenProfile

PURPOSE_HANDOVER = "Skift af sagsbehandler"
NOTE_MAX_LENGTH = 4000
#: The answer times in Beskeder a jobcentre may promise, in working days: within a day at the
#: quickest, four working weeks at the slowest.
ANSWER_DAYS = range(1, 21)


class AssignmentError(ValueError):
    """Why an assignment cannot be made, as an instruction a person can follow."""


def current_assignment(citizen: User) -> CaseloadAssignment | None:
    return db.session.scalar(
        select(CaseloadAssignment).where(
            CaseloadAssignment.citizen_id == citizen.id, CaseloadAssignment.valid_to.is_(None)
        )
    )


def assign(
    citizen: User,
    caseworker: User,
    *,
    by: User | None,
    note: str | None,
    today: date | None = None,
    message_thread_id: int | None = None,
) -> CaseloadAssignment:
    """Make `caseworker` the citizen's caseworker from today; the caller commits. `message_thread_id`
    is a thread of Beskeder the note points to, which the caller has found among the citizen's own.

    :raise AssignmentError: the caseworker cannot take the citizen, or a move has no handover note.
    """
    today = today or local_today()
    note = (note or "").strip() or None
    if citizen.role is not Role.CITIZEN:
        raise AssignmentError(_l("Kun borgere kan tildeles en sagsbehandler"))
    if caseworker.role is not Role.CASEWORKER or not caseworker.is_active:
        raise AssignmentError(_l("Vælg en aktiv sagsbehandler"))
    if caseworker.jobcentre_id != citizen.jobcentre_id:
        raise AssignmentError(_l("Vælg en sagsbehandler i borgerens eget jobcenter"))
    current = current_assignment(citizen)
    if current is not None and current.caseworker_id == caseworker.id:
        raise AssignmentError(_l("Borgeren har allerede denne sagsbehandler"))
    if current is not None and note is None:
        raise AssignmentError(_l("Skriv en overdragelsesnote til den nye sagsbehandler"))
    if note is not None and len(note) > NOTE_MAX_LENGTH:
        raise AssignmentError(_l("Skriv højst %(max)d tegn i noten", max=NOTE_MAX_LENGTH))
    if current is not None:
        current.valid_to = today - timedelta(days=1)
        db.session.flush()  # the open assignment must close before the new one opens (unique index)
    assignment = CaseloadAssignment(
        caseworker_id=caseworker.id,
        citizen_id=citizen.id,
        valid_from=today,
        assigned_by_id=getattr(by, "id", None),
        previous_caseworker_id=current.caseworker_id if current is not None else None,
        handover_note=note,
        message_thread_id=message_thread_id,
    )
    db.session.add(assignment)
    db.session.flush()
    audit.record(
        db.session,
        "caseload.handed_over" if current is not None else "caseload.assigned",
        actor=by,
        citizen_id=citizen.id,
        purpose=PURPOSE_HANDOVER,
        caseworker_id=caseworker.id,
        previous_caseworker_id=assignment.previous_caseworker_id,
        assignment_id=assignment.id,
        **({"message_thread_id": message_thread_id} if message_thread_id is not None else {}),
    )
    return assignment


def mark_handover_read(assignment: CaseloadAssignment, caseworker: User) -> None:
    if assignment.handover_read_at is None:
        assignment.handover_read_at = utcnow()
        audit.record(
            db.session,
            "caseload.handover_read",
            actor=caseworker,
            citizen_id=assignment.citizen_id,
            purpose=PURPOSE_HANDOVER,
            assignment_id=assignment.id,
        )
    db.session.commit()


def mark_citizen_informed(assignment: CaseloadAssignment) -> None:
    if assignment.citizen_informed_at is None:
        assignment.citizen_informed_at = utcnow()
    db.session.commit()


class EmailTaken(ValueError):
    """An account with this e-mail exists already."""


class CprTaken(ValueError):
    """A citizen with this CPR number is in Min Plan already."""


@dataclass(frozen=True)
class Added:
    citizen: User
    #: The activation link, where password login is on and there is an e-mail; otherwise None: the
    #: citizen logs in with MitID.
    issued: invitations.Issued | None


def invite(
    caseworker: User, *, name: str, cpr_number: str, email: str | None, first_contact_date: date | None
) -> Added:
    """Create the citizen on the caseworker's caseload, found at their MitID login by their CPR
    number; where password login is on, issue their first activation link too. Commits.

    :raise EmailTaken: an account with this e-mail exists (of any role, at any jobcentre); the
        attempt is audited with whose it is, and the caseworker is told nothing about that account.
    :raise CprTaken: a citizen with this CPR number exists; the attempt is audited.
    """
    try:
        citizen = accounts.create_user(
            email=email,
            password=None,
            role=Role.CITIZEN,
            name=name,
            jobcentre_id=caseworker.jobcentre_id,
            cpr_hash=cpr.keyed_hash(cpr_number, current_app.config["CPR_KEY"]),
            created_by=caseworker,
        )
    except accounts.AccountExists as taken:
        if taken.field == "cpr":
            audit.record(db.session, "account.create_refused", actor=caseworker, reason="cpr_taken")
            db.session.commit()
            raise CprTaken from None
        # Trying addresses one after another would tell who has an account, citizen or employee,
        # anywhere in the country: the log keeps whose address it was, for whoever reviews it.
        audit.record(
            db.session, "account.create_refused", actor=caseworker, reason="email_taken", account_id=taken.holder_id
        )
        db.session.commit()
        raise EmailTaken from None
    db.session.add(CitizenProfile(user_id=citizen.id, first_contact_date=first_contact_date))
    assign(citizen, caseworker, by=caseworker, note=None)
    if not invitations.awaits_password(citizen):
        db.session.commit()
        return Added(citizen, None)
    return Added(citizen, invitations.issue(citizen, caseworker))


def hand_over(
    citizen: User, caseworker: User, *, by: User | None, note: str | None, message_thread_id: int | None = None
) -> CaseloadAssignment:
    """`assign`, committed: a caseworker's handover, or an assignment from the command line.

    :raise AssignmentError: as `assign`; nothing is saved then.
    """
    assignment = assign(citizen, caseworker, by=by, note=note, message_thread_id=message_thread_id)
    db.session.commit()
    return assignment


class AccountError(ValueError):
    """Why an account or jobcentre cannot be created, for the command line; `option` names the
    command-line option at fault, if one is."""

    def __init__(self, message: str, option: str | None = None) -> None:
        super().__init__(message)
        self.option = option


def create_account(*, email: str, name: str, role: Role, jobcentre_name: str | None, password: str) -> User:
    """An account from the command line; a citizen gets their profile too. Commits.

    :raise AccountError: no such jobcentre, none given for a citizen or caseworker, or the e-mail is taken.
    """
    jobcentre_id = None
    if jobcentre_name:
        jobcentre = queries.jobcentre_named(jobcentre_name)
        if jobcentre is None:
            raise AccountError(f"no jobcentre named {jobcentre_name!r}", option="--jobcentre")
        jobcentre_id = jobcentre.id
    elif role is not Role.ADMIN:
        raise AccountError("citizens and caseworkers belong to a jobcentre", option="--jobcentre")
    try:
        user = accounts.create_user(email=email, password=password, role=role, name=name, jobcentre_id=jobcentre_id)
    except ValueError as error:
        raise AccountError(str(error)) from None
    if user.role is Role.CITIZEN:
        db.session.add(CitizenProfile(user_id=user.id))
    db.session.commit()
    return user


def create_jobcentre(name: str, municipality_code: str | None, meeting_rules: str) -> Jobcentre:
    """:raise AccountError: a jobcentre with this name exists."""
    if queries.jobcentre_named(name) is not None:
        raise AccountError(f"a jobcentre named {name!r} exists")
    jobcentre = Jobcentre(name=name, municipality_code=municipality_code, meeting_rules=meeting_rules)
    db.session.add(jobcentre)
    db.session.commit()
    return jobcentre


def set_languages(jobcentre: Jobcentre, languages: list[str]) -> str:
    """Choose the languages a jobcentre offers its citizens (Danish always among them); returns the
    ones before. A citizen whose chosen language goes is shown Danish."""
    old = jobcentre.languages
    jobcentre.languages = " ".join(dict.fromkeys(["da", *languages]))
    audit.record(db.session, "jobcentre.languages_set", jobcentre_id=jobcentre.id, old=old, new=jobcentre.languages)
    db.session.commit()
    return old


def set_meeting_rules(jobcentre: Jobcentre, meeting_rules: str) -> str:
    """Choose the rule set a jobcentre follows (after a reform, say); returns the one before."""
    old, jobcentre.meeting_rules = jobcentre.meeting_rules, meeting_rules
    db.session.commit()
    return old


def set_answer_days(jobcentre: Jobcentre, days: int) -> int:
    """Choose the answer time a jobcentre promises in Beskeder, in working days; returns the one
    before. Its citizens are told it before they send, and its caseworkers see what is overdue by it.

    :raise AccountError: a number of days outside ANSWER_DAYS.
    """
    if days not in ANSWER_DAYS:
        raise AccountError(f"give {ANSWER_DAYS.start} to {ANSWER_DAYS.stop - 1} working days", option="DAYS")
    old = jobcentre.message_answer_days
    jobcentre.message_answer_days = days
    audit.record(db.session, "jobcentre.answer_days_set", jobcentre_id=jobcentre.id, old=old, new=days)
    db.session.commit()
    return old
