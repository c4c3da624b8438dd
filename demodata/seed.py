"""Demo data for development: two jobcentres, the five demo accounts and a caseload.

Every demo account has the password `demo-password`. Never run in production (the CLI refuses).
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta

from flask import current_app

from demodata.joblog import seed_joblog
from demodata.messages import seed_messages
from demodata.plan import seed_plan
from portal.access import Role
from portal.auth import cpr
from portal.auth import services as accounts
from portal.auth.models import Jobcentre, User
from portal.clock import local_now, local_today, local_zone
from portal.config import REPO_ROOT
from portal.db import db
from portal.meetings.models import Channel, Homework, Meeting, MeetingChange, MeetingComment, MeetingKind
from portal.meetings.progression import STEPS
from portal.organisation.models import CaseloadAssignment, CitizenProfile
from portal.organisation.services import assign
from portal.questionnaire.definition import CURRENT_VERSION, load
from portal.questionnaire.models import Answer, Questionnaire, SensitiveAnswer, Status

DEMO_PASSWORD = "demo-password"

FIRST_NAMES = [
    "Anne",
    "Mads",
    "Fatima",
    "Jonas",
    "Mette",
    "Ali",
    "Sofie",
    "Lars",
    "Camilla",
    "Ahmed",
    "Ida",
    "Peter",
    "Nadia",
    "Rasmus",
    "Louise",
    "Omar",
    "Julie",
    "Henrik",
    "Sara",
    "Mikkel",
]
LAST_NAMES = [
    "Jensen",
    "Nielsen",
    "Hansen",
    "Pedersen",
    "Andersen",
    "Christensen",
    "Larsen",
    "Sørensen",
    "Rasmussen",
    "Jørgensen",
    "Petersen",
    "Madsen",
    "Kristensen",
    "Olsen",
]


def demo_cpr_hashes() -> dict[str, str]:
    """The keyed hashes of the demo citizens' CPR numbers, by e-mail: the development MitID
    broker's identities (devidp/identities.json) say which CPR number is whose."""
    people = json.loads((REPO_ROOT / "devidp" / "identities.json").read_text(encoding="utf-8"))["mitid"]
    by_id = {person["id"]: person.get("cpr") for person in people}
    key = current_app.config["CPR_KEY"]
    emails = {"maria": "citizen@demo.dk", "yusuf": "citizen2@demo.dk"}
    return {email: cpr.keyed_hash(by_id[person], key) for person, email in emails.items()}


def local(day: date, hour: int, minute: int = 0) -> datetime:
    """A Copenhagen wall-clock time on a working day (weekends move to Monday), as an aware datetime."""
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return datetime.combine(day, time(hour, minute), tzinfo=local_zone())


def seed(today: date | None = None) -> None:
    today = today or local_today()
    # Holbæk follows the seed guide's cadence; Aarhus the rules in force since the 2026 reform.
    # Holbæk offers every language the portal has, so the demo shows Arabic and Ukrainian.
    holbaek = Jobcentre(
        name="Jobcenter Holbæk", municipality_code="0316", meeting_rules="pre2020", languages="da en ar uk"
    )
    aarhus = Jobcentre(name="Jobcenter Aarhus", municipality_code="0751", meeting_rules="reform2026")
    db.session.add_all([holbaek, aarhus])
    db.session.flush()

    cpr_hashes = demo_cpr_hashes()

    def account(email, name, role, jobcentre, password=DEMO_PASSWORD):
        return accounts.create_user(
            email=email,
            password=password,
            role=role,
            name=name,
            jobcentre_id=jobcentre.id,
            cpr_hash=cpr_hashes.get(email),
        )

    caseworker = account("caseworker@demo.dk", "Karen Holm", Role.CASEWORKER, holbaek)
    account("caseworker2@demo.dk", "Søren Brandt", Role.CASEWORKER, aarhus)
    colleague = account("caseworker3@demo.dk", "Lene Vestergaard", Role.CASEWORKER, holbaek)
    citizen = account("citizen@demo.dk", "Maria Jensen", Role.CITIZEN, holbaek)
    citizen2 = account("citizen2@demo.dk", "Yusuf Demir", Role.CITIZEN, holbaek)

    citizens = [citizen, citizen2]
    for index in range(20):
        first = FIRST_NAMES[index % len(FIRST_NAMES)]
        last = LAST_NAMES[(index * 5) % len(LAST_NAMES)]
        citizens.append(
            account(f"borger{index + 1:02d}@demo.dk", f"{first} {last}", Role.CITIZEN, holbaek, password=None)
        )
    for index, person in enumerate(citizens):
        db.session.add(CitizenProfile(user_id=person.id, first_contact_date=today - timedelta(days=25 + 9 * index)))
        db.session.add(
            CaseloadAssignment(
                caseworker_id=(colleague if person is citizen2 else caseworker).id,
                citizen_id=person.id,
                valid_from=today - timedelta(days=25 + 9 * index),
            )
        )
    db.session.flush()
    # Yusuf was Lene's until last week; Karen has not read the handover note yet, nor Yusuf the news.
    assign(citizen2, caseworker, by=colleague, note=YUSUF_HANDOVER, today=today - timedelta(days=4))

    meetings = _meetings(citizen, citizen2, citizens[2:], caseworker, today)
    db.session.add_all(meetings)
    db.session.flush()
    _questionnaires(citizen, citizen2, meetings)
    cv_task = _homework(citizen, meetings[0], today)
    _meeting_follow_up(citizen, caseworker, meetings, citizens[2])
    _interpreter_asked_for(meetings[2], today)
    seed_plan(citizen, caseworker, today)
    seed_joblog(citizen, today)
    seed_messages(citizen, citizen2, caseworker, cv_task, local_now())
    db.session.commit()


def _meetings(citizen: User, citizen2: User, others: list[User], caseworker: User, today: date) -> list[Meeting]:
    office = "Jobcenter Holbæk, Kanalstræde 2, 4300 Holbæk"
    meetings = [
        Meeting(
            citizen_id=citizen.id,
            caseworker_id=caseworker.id,
            starts_at=local(today - timedelta(days=21), 10),
            duration_minutes=45,
            channel=Channel.IN_PERSON,
            place=office,
            kind=MeetingKind.FIRST,
        ),
        Meeting(
            citizen_id=citizen.id,
            caseworker_id=caseworker.id,
            starts_at=local(today + timedelta(days=3), 10, 30),
            duration_minutes=45,
            channel=Channel.IN_PERSON,
            place=office,
        ),
        Meeting(
            citizen_id=citizen2.id,
            caseworker_id=caseworker.id,
            starts_at=local(today + timedelta(days=6), 13),
            duration_minutes=30,
            channel=Channel.PHONE,
            place=None,
        ),
    ]
    for index, person in enumerate(others):
        if index % 4 == 3:
            continue  # some citizens have no meeting booked yet
        channel = (Channel.IN_PERSON, Channel.PHONE, Channel.VIDEO)[index % 3]
        place = office if channel is Channel.IN_PERSON else None  # the page explains phone and video
        meetings.append(
            Meeting(
                citizen_id=person.id,
                caseworker_id=caseworker.id,
                starts_at=local(today + timedelta(days=1 + index), 9 + index % 6),
                duration_minutes=45,
                channel=channel,
                place=place,
            )
        )
    for meeting in meetings:
        meeting.kind = meeting.kind or MeetingKind.FOLLOW_UP
        step = STEPS[meeting.kind]
        meeting.purpose, meeting.agenda = str(step.purpose), step.agenda_text()
        meeting.preparation = str(step.preparation)
    return meetings


YUSUF_HANDOVER = "\n\n".join(
    [
        "Yusuf er i gang med et AMU-kursus i lagerlogistik, som slutter om to uger. Han har svært "
        "ved at nå 5 ansøgninger om ugen, mens kurset kører; vi aftalte 3 indtil kurset slutter.",
        "Han vil gerne tale om praktik hos Dagrofa, når kurset er slut. Næste møde er telefonmøde.",
    ]
)


MARIA_SUMMARY = "\n\n".join(
    [
        "Vi talte om dit cv og din erfaring fra lageret hos Coop. Dit truckcertifikat er en styrke.",
        "Vi aftalte dine jobmål: plan A er lagerleder, plan B lagermedarbejder og plan C chauffør.",
        "Du søger mindst 5 job om ugen og skriver dem i din joblog. Vi talte om virksomhedspraktik "
        "som en vej til plan A, og om du vil have et kursus i lagerstyring.",
        "Næste gang ser vi på dit cv sammen og på de virksomheder, du har fundet.",
    ]
)


def _meeting_follow_up(citizen: User, caseworker: User, meetings: list[Meeting], other: User) -> None:
    """Maria's first meeting has a published summary with her comment; her next one was moved; another
    citizen has said they cannot come, so the caseload shows it."""
    first, following = meetings[0], meetings[1]
    first.summary = MARIA_SUMMARY
    first.summary_published_at = first.ends_at + timedelta(hours=3)
    db.session.add(
        MeetingComment(
            meeting_id=first.id,
            author_id=citizen.id,
            created_at=first.ends_at + timedelta(days=1),
            text="Jeg husker, at vi aftalte 4 ansøgninger om ugen de første to uger.",
        )
    )
    moved_from = following.starts_at - timedelta(days=1, hours=1)
    db.session.add(
        MeetingChange(
            meeting_id=following.id,
            actor_id=caseworker.id,
            field="starts_at",
            old_value=moved_from.astimezone(UTC).isoformat(),
            new_value=following.starts_at.astimezone(UTC).isoformat(),
            created_at=first.ends_at + timedelta(days=2),
        )
    )
    following.version = 2
    theirs = next(m for m in meetings if m.citizen_id == other.id)
    theirs.absence_reason = "Mit barn er syg, og jeg har ingen pasning den dag."
    theirs.absence_reported_at = theirs.starts_at - timedelta(days=1)
    theirs.version = 2


def _interpreter_asked_for(meeting: Meeting, today: date) -> None:
    """Yusuf has asked for an interpreter at his next meeting; Karen has not booked one yet, so the
    caseload shows it."""
    meeting.interpreter_language = "turkish"
    meeting.interpreter_requested_at = local(today - timedelta(days=1), 19, 12)
    meeting.version = 2


#: Maria's answers before her first meeting: her next questionnaire starts from these.
MARIA_FIRST = {
    "A2": "Jeg vil gerne tale om, hvordan jeg kommer i gang med at søge job igen.",
    "A4": "no",
    "B1": "vocational",
    "B3": "Lagermedarbejder hos Coop, 2019–2025",
    "B3_end": "2025-09-30",
    "B4": ["b", "truck"],
    "B5": "Truckcertifikat, førstehjælp",
    "B6": "partly",
    "C1": "Jeg er god til at holde orden og arbejde i et team.",
    "C2": ["caring", "club"],
    "C3_speak": 5,
    "C3_write": 4,
    "C4": "no",
    "D1": "Lagerleder",
    "D2": "Lagermedarbejder",
    "D3": "Chauffør",
    "D4": "Rengøring",
    "D5": 3,
    "D6": "37",
    "E1": 6,
    "E2": ["advertised", "network"],
    "E3": ["jobnet", "jobindex"],
    "E4": "1_2h",
    "F1": ["car", "bike"],
    "H0": "no",
    "I1": ["cv", "employers"],
    "I2": 3,
}
#: Yusuf has sent his answers for his next meeting, with consent and one sensitive answer.
YUSUF_NEXT = {
    "A2": "Praktik i et køkken",
    "A4": "yes",
    "D2": "Køkkenmedhjælper",
    "D3": "Kantinemedarbejder",
    "D5": 2,
    "D6": "30-36",
    "E1": 4,
    "E2": ["in_person"],
    "E4": "under_1h",
    "F1": ["public"],
    "H0": "yes",
    "I1": ["practicum", "courses"],
    "I3": "Jeg har svært ved at komme tidligt op på grund af medicin.",
}
YUSUF_SENSITIVE = {"H1": "some", "H2": "Jeg kan ikke løfte tungt."}


def _questionnaires(citizen: User, citizen2: User, meetings: list[Meeting]) -> None:
    first_meeting, _maria_next, yusuf_next = meetings[:3]
    _sent(citizen, first_meeting, MARIA_FIRST, {}, talk_about={"A2"})
    _sent(citizen2, yusuf_next, YUSUF_NEXT, YUSUF_SENSITIVE, talk_about={"D2", "I3"})


def _sent(citizen: User, meeting: Meeting, answers: dict, sensitive: dict, talk_about: set[str]) -> None:
    definition = load(CURRENT_VERSION)
    sections = [s.key for s in definition.sections_for(meeting.kind.value)]
    sent_at = min(meeting.starts_at, local_now()) - timedelta(days=2)
    questionnaire = Questionnaire(
        citizen_id=citizen.id,
        meeting_id=meeting.id,
        definition_version=CURRENT_VERSION,
        meeting_kind=meeting.kind.value,
        status=Status.SENT,
        sent_at=sent_at,
        completed_sections=",".join(sections),
        version=2,
        created_at=sent_at,
        updated_at=sent_at,
        consent_given_at=sent_at if sensitive else None,
    )
    db.session.add(questionnaire)
    db.session.flush()
    for key, value in answers.items():
        answer = Answer(
            questionnaire_id=questionnaire.id,
            question_key=key,
            talk_about=key in talk_about,
            written_in_version=2,
            updated_at=sent_at,
        )
        answer.value = value
        db.session.add(answer)
    for key, value in sensitive.items():
        answer = SensitiveAnswer(
            questionnaire_id=questionnaire.id, question_key=key, written_in_version=2, updated_at=sent_at
        )
        answer.value = value
        db.session.add(answer)


def _homework(citizen: User, meeting: Meeting, today: date) -> Homework:
    """Maria's homework from her first meeting: two open (one overdue) and one done (seeds/002); the
    CV task, which she asked about in Beskeder."""
    tasks = [
        Homework(
            citizen_id=citizen.id,
            meeting_id=meeting.id,
            title="Find 5 virksomheder, der passer til dit jobmål",
            why="Så vi kan tale om, hvem du kan kontakte uopfordret.",
            due_date=today + timedelta(days=2),
        ),
        Homework(
            citizen_id=citizen.id,
            meeting_id=meeting.id,
            title="Opdater dit CV på Jobnet",
            why="Arbejdsgivere finder dig gennem dit CV.",
            due_date=today - timedelta(days=3),
        ),
        Homework(
            citizen_id=citizen.id,
            meeting_id=meeting.id,
            title="Tilmeld dig jobmessen i Holbæk",
            why="Du kan møde arbejdsgivere direkte.",
            due_date=today - timedelta(days=10),
            done_at=meeting.starts_at + timedelta(days=5),
            done_note="Jeg var der og talte med to firmaer.",
        ),
    ]
    db.session.add_all(tasks)
    db.session.flush()
    return tasks[1]
