"""Demo data for development: two jobcentres, the four demo accounts and a caseload.

Every demo account has the password `demo-password`. Never run in production (the CLI refuses).
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from portal.auth import services as accounts
from portal.auth.models import Role, User
from portal.db import db
from portal.meetings.models import Channel, Meeting
from portal.organisation.models import CaseloadAssignment, CitizenProfile, Jobcentre

DEMO_PASSWORD = "demo-password"
COPENHAGEN = ZoneInfo("Europe/Copenhagen")

FIRST_NAMES = ["Anne", "Mads", "Fatima", "Jonas", "Mette", "Ali", "Sofie", "Lars", "Camilla", "Ahmed",
               "Ida", "Peter", "Nadia", "Rasmus", "Louise", "Omar", "Julie", "Henrik", "Sara", "Mikkel"]
LAST_NAMES = ["Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen",
              "Sørensen", "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen"]


def local(day: date, hour: int, minute: int = 0) -> datetime:
    """A Copenhagen wall-clock time on a working day (weekends move to Monday), as an aware datetime."""
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return datetime.combine(day, time(hour, minute), tzinfo=COPENHAGEN)


def seed(today: date | None = None) -> None:
    today = today or date.today()
    holbaek = Jobcentre(name="Jobcenter Holbæk", municipality_code="0316")
    aarhus = Jobcentre(name="Jobcenter Aarhus", municipality_code="0751")
    db.session.add_all([holbaek, aarhus])
    db.session.flush()

    def account(email, name, role, jobcentre, password=DEMO_PASSWORD):
        return accounts.create_user(email=email, password=password, role=role, name=name,
                                    jobcentre_id=jobcentre.id)

    caseworker = account("caseworker@demo.dk", "Karen Holm", Role.CASEWORKER, holbaek)
    account("caseworker2@demo.dk", "Søren Brandt", Role.CASEWORKER, aarhus)
    citizen = account("citizen@demo.dk", "Maria Jensen", Role.CITIZEN, holbaek)
    citizen2 = account("citizen2@demo.dk", "Yusuf Demir", Role.CITIZEN, holbaek)

    citizens = [citizen, citizen2]
    for index in range(20):
        first = FIRST_NAMES[index % len(FIRST_NAMES)]
        last = LAST_NAMES[(index * 5) % len(LAST_NAMES)]
        citizens.append(account(f"borger{index + 1:02d}@demo.dk", f"{first} {last}", Role.CITIZEN,
                                holbaek, password=None))
    for index, person in enumerate(citizens):
        db.session.add(CitizenProfile(user_id=person.id,
                                      first_contact_date=today - timedelta(days=30 + 9 * index)))
        db.session.add(CaseloadAssignment(caseworker_id=caseworker.id, citizen_id=person.id,
                                          valid_from=today - timedelta(days=30 + 9 * index)))

    db.session.add_all(_meetings(citizen, citizen2, citizens[2:], caseworker, today))
    db.session.commit()


def _meetings(citizen: User, citizen2: User, others: list[User], caseworker: User, today: date) -> list[Meeting]:
    office = "Jobcenter Holbæk, Kanalstræde 2, 4300 Holbæk"
    meetings = [
        Meeting(citizen_id=citizen.id, caseworker_id=caseworker.id, starts_at=local(today - timedelta(days=21), 10),
                duration_minutes=45, channel=Channel.IN_PERSON, place=office),
        Meeting(citizen_id=citizen.id, caseworker_id=caseworker.id, starts_at=local(today + timedelta(days=3), 10, 30),
                duration_minutes=45, channel=Channel.IN_PERSON, place=office),
        Meeting(citizen_id=citizen2.id, caseworker_id=caseworker.id, starts_at=local(today + timedelta(days=6), 13),
                duration_minutes=30, channel=Channel.PHONE, place=None),
    ]
    for index, person in enumerate(others):
        if index % 4 == 3:
            continue  # some citizens have no meeting booked yet
        channel = (Channel.IN_PERSON, Channel.PHONE, Channel.VIDEO)[index % 3]
        place = office if channel is Channel.IN_PERSON else None  # the page explains phone and video
        meetings.append(Meeting(citizen_id=person.id, caseworker_id=caseworker.id,
                                starts_at=local(today + timedelta(days=1 + index), 9 + index % 6),
                                duration_minutes=45, channel=channel, place=place))
    return meetings
