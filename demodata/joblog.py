"""Maria's joblog for the demo: about 30 entries over ten weeks, across plans A, B and C and every status."""

from __future__ import annotations

from datetime import date, timedelta

from portal.auth.models import User
from portal.db import db
from portal.joblog.models import JobLogEntry, search_text

#: (job title, employer, town, plan)
JOBS = [
    ("Lagerleder", "Holbæk Logistik A/S", "Holbæk", "A"),
    ("Lagermedarbejder", "Coop Distribution", "Roskilde", "B"),
    ("Chauffør", "Danske Fragtmænd", "Holbæk", "C"),
    ("Lagermedarbejder", "Bilka Holbæk", "Holbæk", "B"),
    ("Teamleder, lager", "PostNord", "Taastrup", "A"),
    ("Truckfører", "DSV", "Ringsted", "B"),
    ("Lagerleder", "Salling Group", "Køge", "A"),
    ("Chauffør", "Arla Foods", "Holbæk", "C"),
    ("Pakkeriarbejder", "Danish Crown", "Ringsted", "B"),
    ("Lagerassistent", "Elgiganten", "Roskilde", "B"),
]
STATUS_CYCLE = ["applied", "applied", "closed", "interview", "applied", "closed", "saved", "applied"]
HOW = ["advertised", "unsolicited", "network", "advertised", "in_person", "phone", "temp_agency"]
RESULTS = ["rejected", "no_answer"]


def seed_joblog(citizen: User, today: date) -> None:
    entries = []
    for n in range(28):
        title, employer, town, track = JOBS[n % len(JOBS)]
        status = STATUS_CYCLE[n % len(STATUS_CYCLE)]
        applied_on = today - timedelta(days=(n * 70) // 28)
        entries.append(
            JobLogEntry(
                citizen_id=citizen.id,
                entry_type="application",
                job_title=title,
                employer=employer,
                location=town,
                application_type=HOW[n % len(HOW)],
                applied_on=applied_on,
                status=status,
                track=track,
                result=RESULTS[n % 2] if status == "closed" else None,
                deadline=applied_on + timedelta(days=14) if n % 3 == 0 else None,
                link="https://www.jobnet.dk/" if n % 4 == 0 else None,
                search_text=search_text(title, employer),
            )
        )
    for days, title, kind, organiser in (
        (12, "Jobmesse i Holbæk", "job_fair", "Jobcenter Holbæk"),
        (40, "Netværksmøde for lagerfolk", "network_meeting", "3F Holbæk"),
    ):
        entries.append(
            JobLogEntry(
                citizen_id=citizen.id,
                entry_type="other",
                job_title=title,
                employer=organiser,
                activity_kind=kind,
                applied_on=today - timedelta(days=days),
                status="applied",
                search_text=search_text(title, organiser),
            )
        )
    db.session.add_all(entries)
