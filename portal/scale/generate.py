"""`flask demo scale`: jobcentres, caseworkers with caseloads of about 150, and citizens with a history.

Every citizen gets what the portal shows: a profile and caseworker (some handed over), meetings
every five weeks with summaries and homework, a sent questionnaire for the last meeting and a draft
for the next, a plan (end goal, milestones, job goals A/B/C, a practicum with its purpose, a course,
agreements with a job-search requirement), about 40 joblog entries and the audit rows their
caseworker's reads left. The numbers vary per citizen from a seeded random generator, so two runs
with the same options write the same data.
"""

from __future__ import annotations

import json
import math
import multiprocessing
import queue
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache

from sqlalchemy import Connection, select

from portal.auth.models import User
from portal.auth.passwords import hash_password
from portal.caseworker import PURPOSE_CASEWORK
from portal.clock import local_zone
from portal.demo import DEMO_PASSWORD, FIRST_NAMES, LAST_NAMES, MARIA_FIRST, YUSUF_SENSITIVE, local
from portal.joblog.demo import HOW, JOBS, RESULTS, STATUS_CYCLE
from portal.joblog.models import search_text
from portal.meetings.models import MeetingKind
from portal.meetings.progression import STEPS
from portal.questionnaire.definition import CONSENT_KEY, CURRENT_VERSION, load
from portal.scale.bulk import BulkWriter

EMAIL_DOMAIN = "skala.demo.dk"
CASELOAD = 150
CITIZENS_PER_BATCH = 200
MAX_JOBCENTRES = 94
MEETING_INTERVAL = timedelta(weeks=5)


def citizen_email(number: int) -> str:
    return f"borger{number}@{EMAIL_DOMAIN}"


def caseworker_email(number: int) -> str:
    return f"sagsbehandler{number}@{EMAIL_DOMAIN}"


@dataclass(frozen=True)
class Shape:
    citizens: int
    caseworkers: int
    jobcentres: int
    history_weeks: int = 26
    joblog_entries: int = 40

    @classmethod
    def for_citizens(
        cls,
        citizens: int,
        caseworkers: int | None = None,
        jobcentres: int | None = None,
        history_weeks: int = 26,
        joblog_entries: int = 40,
    ) -> Shape:
        if citizens < 1:
            raise ValueError("at least one citizen")
        caseworkers = caseworkers or math.ceil(citizens / CASELOAD)
        jobcentres = jobcentres or min(MAX_JOBCENTRES, caseworkers)
        if not 1 <= jobcentres <= caseworkers <= citizens:
            raise ValueError("need 1 ≤ jobcentres ≤ caseworkers ≤ citizens")
        if history_weeks < 6 or joblog_entries < 0:
            raise ValueError("history of at least 6 weeks and a joblog of 0 or more entries")
        return cls(citizens, caseworkers, jobcentres, history_weeks, joblog_entries)

    @property
    def caseload(self) -> int:
        """Citizens per caseworker, filled in order. With the default number of caseworkers every
        one but the last has a full caseload of CASELOAD (1,000 citizens: six of 150 and one of 100),
        so a caseworker's caseload is the same at every N; with a number given, they share evenly."""
        if self.caseworkers == math.ceil(self.citizens / CASELOAD):
            return min(CASELOAD, self.citizens)
        return math.ceil(self.citizens / self.caseworkers)


def already_generated(connection: Connection) -> bool:
    return connection.execute(select(User.id).where(User.email.like(f"%@{EMAIL_DOMAIN}")).limit(1)).first() is not None


def generate(
    connection: Connection,
    shape: Shape,
    *,
    today: date,
    seed: int = 2026,
    progress: Callable[[int], None] = lambda done: None,
) -> int:
    """Write the data in the caller's transaction, which it makes a bulk load (see BulkWriter:
    PostgreSQL skips foreign-key triggers until it ends); returns the number of rows written.

    A second process makes the rows while this one writes them: on two cores that nearly halves
    the time. It is forked, so it shares nothing with the database connection it never touches."""
    writer = BulkWriter(connection, COLUMNS)
    writer.skip_checks()
    writer.defer_indexes()
    world = _World({name: writer.next_id(name) for name in COLUMNS if "id" in COLUMNS[name]}, shape, today, seed)
    world.organisation()
    writer.write(writer.encode(world.drain()))
    context = multiprocessing.get_context("fork")
    batches = context.Queue(maxsize=2)
    producer = context.Process(target=_produce, args=(world, writer, batches), daemon=True)
    producer.start()
    try:
        while (item := _next_batch(batches, producer)) is not None:
            citizens_done, batch = item
            writer.write(batch)
            progress(citizens_done)
    finally:
        if producer.is_alive():
            producer.terminate()
        producer.join()
    writer.finish()
    return writer.written


def _produce(world: _World, writer: BulkWriter, batches) -> None:
    made = 0
    for index in range(world.shape.citizens):
        world.citizen(index)
        made += 1
        if made == CITIZENS_PER_BATCH:
            batches.put((made, writer.encode(world.drain())))
            made = 0
    batches.put((made, writer.encode(world.drain())))
    batches.put(None)


def _next_batch(batches, producer):
    while True:
        try:
            return batches.get(timeout=1)
        except queue.Empty:
            if not producer.is_alive():
                raise RuntimeError(f"the process making the rows stopped (exit code {producer.exitcode})") from None


COLUMNS: dict[str, tuple[str, ...]] = {
    "jobcentre": ("id", "name", "municipality_code", "meeting_rules", "created_at"),
    "user_account": ("id", "email", "password_hash", "role", "name", "jobcentre_id", "is_active", "created_at"),
    "citizen_profile": ("user_id", "first_contact_date", "created_at"),
    "caseload_assignment": (
        "id",
        "caseworker_id",
        "citizen_id",
        "valid_from",
        "valid_to",
        "created_at",
        "assigned_by_id",
        "previous_caseworker_id",
        "handover_note",
        "handover_read_at",
        "citizen_informed_at",
    ),
    "meeting": (
        "id",
        "citizen_id",
        "caseworker_id",
        "starts_at",
        "duration_minutes",
        "channel",
        "kind",
        "place",
        "status",
        "cancel_reason",
        "purpose",
        "agenda",
        "preparation",
        "summary",
        "summary_published_at",
        "version",
        "created_at",
    ),
    "homework": (
        "id",
        "citizen_id",
        "meeting_id",
        "title",
        "why",
        "due_date",
        "done_at",
        "done_note",
        "seen_at",
        "version",
        "created_at",
    ),
    "meeting_comment": ("id", "meeting_id", "author_id", "text", "created_at", "seen_at"),
    "questionnaire": (
        "id",
        "citizen_id",
        "meeting_id",
        "definition_version",
        "meeting_kind",
        "status",
        "completed_sections",
        "resume_section",
        "version",
        "consent_given_at",
        "sent_at",
        "created_at",
        "updated_at",
    ),
    "questionnaire_answer": (
        "id",
        "questionnaire_id",
        "question_key",
        "value_json",
        "talk_about",
        "written_in_version",
        "updated_at",
    ),
    "questionnaire_sensitive_answer": (
        "id",
        "questionnaire_id",
        "question_key",
        "value_json",
        "talk_about",
        "prefer_in_person",
        "written_in_version",
        "updated_at",
    ),
    "plan": (
        "id",
        "citizen_id",
        "end_goal_kind",
        "end_goal",
        "end_goal_target_date",
        "end_goal_why",
        "version",
        "acknowledged_version",
        "acknowledged_at",
        "created_at",
        "updated_at",
    ),
    "plan_item": (
        "id",
        "plan_id",
        "kind",
        "title",
        "why",
        "status",
        "owner",
        "due_date",
        "position",
        "track",
        "realistic_because",
        "activity_type",
        "starts_on",
        "ends_on",
        "hours_per_week",
        "place",
        "practicum_purpose",
        "practicum_goals",
        "requirement_count",
        "requirement_period",
        "proposal_status",
        "version",
        "created_by_id",
        "created_at",
        "updated_at",
    ),
    "plan_item_link": ("milestone_id", "item_id"),
    "plan_change": (
        "id",
        "plan_id",
        "item_id",
        "actor_id",
        "actor_role",
        "action",
        "field",
        "old_value",
        "new_value",
        "created_at",
    ),
    "plan_comment": ("id", "plan_id", "item_id", "author_id", "author_role", "text", "seen_at", "created_at"),
    "joblog_entry": (
        "id",
        "citizen_id",
        "entry_type",
        "job_title",
        "employer",
        "location",
        "application_type",
        "activity_kind",
        "applied_on",
        "deadline",
        "link",
        "status",
        "result",
        "track",
        "search_text",
        "version",
        "created_at",
        "updated_at",
    ),
    "audit_log": ("id", "occurred_at", "actor_id", "actor_role", "action", "citizen_id", "purpose"),
}

SUMMARY = (
    "Vi talte om din jobsøgning siden sidst og om dine jobmål. Du søger fortsat 5 job om ugen og skriver "
    "dem i din joblog.\n\nNæste gang ser vi på, hvordan praktikken går, og på dit cv."
)
HANDOVER_NOTE = (
    "Borgeren er i praktik og har aftalt 5 ansøgninger om ugen. Vil gerne tale om kursus i lagerstyring ved næste møde."
)
HOMEWORK = (
    ("Find 5 virksomheder, der passer til dit jobmål", "Så vi kan tale om, hvem du kan kontakte."),
    ("Opdater dit CV på Jobnet", "Arbejdsgivere finder dig gennem dit CV."),
)
OFFICE = "Jobcentret, Borgerservice, 1. sal"


class _World:
    """Numbers rows and writes one citizen at a time, so memory stays flat at any size."""

    def __init__(self, ids: dict[str, int], shape: Shape, today: date, seed: int) -> None:
        self.ids, self.shape, self.today, self.seed = ids, shape, today, seed
        self.rows: dict[str, list[tuple]] = {name: [] for name in COLUMNS}
        self.now = datetime.combine(today, time(7), tzinfo=local_zone()).astimezone(UTC)
        self.password_hash = hash_password(DEMO_PASSWORD)
        self.jobcentre_ids: list[int] = []
        self.caseworker_ids: list[int] = []
        self.step_texts = {
            kind: (str(step.purpose), step.agenda_text(), str(step.preparation)) for kind, step in STEPS.items()
        }
        self.answers = _answer_templates()
        self.jobs = [
            (title, employer, town, track, search_text(title, employer)) for title, employer, town, track in JOBS
        ]

    def drain(self) -> list[tuple[str, list[tuple]]]:
        batch = list(self.rows.items())
        self.rows = {name: [] for name in COLUMNS}
        return batch

    def take(self, table: str) -> int:
        value = self.ids[table]
        self.ids[table] = value + 1
        return value

    def organisation(self) -> None:
        for number in range(1, self.shape.jobcentres + 1):
            jobcentre_id = self.take("jobcentre")
            self.jobcentre_ids.append(jobcentre_id)
            self.rows["jobcentre"].append(
                (
                    jobcentre_id,
                    f"Skala Jobcenter {number:03d}",
                    None,
                    "reform2026" if number % 2 else "pre2020",
                    self.now,
                )
            )
        for number in range(1, self.shape.caseworkers + 1):
            user_id = self.take("user_account")
            self.caseworker_ids.append(user_id)
            first, last = FIRST_NAMES[number % len(FIRST_NAMES)], LAST_NAMES[(number * 3) % len(LAST_NAMES)]
            self.rows["user_account"].append(
                (
                    user_id,
                    caseworker_email(number),
                    self.password_hash,
                    "caseworker",
                    f"{first} {last}",
                    self._jobcentre_of(number - 1),
                    True,
                    self.now,
                )
            )

    def _jobcentre_of(self, caseworker_index: int) -> int:
        return self.jobcentre_ids[caseworker_index % self.shape.jobcentres]

    def citizen(self, index: int) -> None:
        rng = random.Random(self.seed * 1_000_003 + index)
        caseworker_index = index // self.shape.caseload
        caseworker_id = self.caseworker_ids[caseworker_index]
        user_id = self.take("user_account")
        first_contact = self.today - timedelta(weeks=self.shape.history_weeks, days=rng.randrange(14))
        created = datetime.combine(first_contact, time(9), tzinfo=local_zone())
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        self.rows["user_account"].append(
            (
                user_id,
                citizen_email(index + 1),
                self.password_hash,
                "citizen",
                name,
                self._jobcentre_of(caseworker_index),
                True,
                created,
            )
        )
        self.rows["citizen_profile"].append((user_id, first_contact, created))
        previous_id, handover_day = self._assignments(rng, user_id, caseworker_index, first_contact)
        meetings = self._meetings(rng, user_id, caseworker_id, previous_id, handover_day, first_contact)
        self._questionnaires(rng, user_id, meetings)
        self._plan(rng, user_id, caseworker_id, first_contact)
        self._joblog(rng, user_id)

    def _assignments(self, rng, citizen_id: int, caseworker_index: int, first_contact: date):
        """One in ten citizens was handed over from a colleague in the same jobcentre halfway through."""
        caseworker_id = self.caseworker_ids[caseworker_index]
        colleague_index = caseworker_index + self.shape.jobcentres
        if rng.random() < 0.1 and colleague_index < self.shape.caseworkers:
            previous_id = self.caseworker_ids[colleague_index]
            handover = first_contact + (self.today - first_contact) / 2
            moved = datetime.combine(handover, time(10), tzinfo=local_zone())
            self.rows["caseload_assignment"].append(
                (
                    self.take("caseload_assignment"),
                    previous_id,
                    citizen_id,
                    first_contact,
                    handover - timedelta(days=1),
                    moved,
                    None,
                    None,
                    None,
                    None,
                    None,
                )
            )
            self.rows["caseload_assignment"].append(
                (
                    self.take("caseload_assignment"),
                    caseworker_id,
                    citizen_id,
                    handover,
                    None,
                    moved,
                    previous_id,
                    previous_id,
                    HANDOVER_NOTE,
                    moved + timedelta(days=1),
                    moved + timedelta(days=2),
                )
            )
            return previous_id, handover
        self.rows["caseload_assignment"].append(
            (
                self.take("caseload_assignment"),
                caseworker_id,
                citizen_id,
                first_contact,
                None,
                datetime.combine(first_contact, time(9), tzinfo=local_zone()),
                None,
                None,
                None,
                None,
                None,
            )
        )
        return None, None

    def _meetings(self, rng, citizen_id, caseworker_id, previous_id, handover_day, first_contact) -> list[tuple]:
        """Held meetings every five weeks since the first contact, and (mostly) one booked ahead."""
        held: list[tuple] = []
        day, kind = first_contact + timedelta(days=7), MeetingKind.FIRST
        # local() moves a weekend to Monday, which may be today or later: such a meeting is ahead.
        while local(day, 15) < self.now:
            held.append((day, kind))
            day, kind = day + MEETING_INTERVAL, MeetingKind.FOLLOW_UP
        upcoming = None
        if rng.random() < 0.85:
            upcoming = (
                day if day - self.today <= timedelta(weeks=3) else self.today + timedelta(days=rng.randint(1, 21))
            )
        written = []
        for position, (day, kind) in enumerate(held):
            owner = previous_id if previous_id and day < handover_day else caseworker_id
            meeting_id = self.take("meeting")
            starts = local(day, 9 + rng.randrange(6))
            cancelled = position > 0 and rng.random() < 0.05
            purpose, agenda, preparation = self.step_texts[kind]
            self.rows["meeting"].append(
                (
                    meeting_id,
                    citizen_id,
                    owner,
                    starts,
                    45,
                    "in_person",
                    kind.value,
                    OFFICE,
                    "cancelled" if cancelled else "planned",
                    "Borgeren var syg." if cancelled else None,
                    purpose,
                    agenda,
                    preparation,
                    None if cancelled else SUMMARY,
                    None if cancelled else starts + timedelta(hours=3),
                    1,
                    starts - timedelta(days=14),
                )
            )
            if not cancelled:
                self._after_meeting(rng, citizen_id, owner, meeting_id, starts, last=position == len(held) - 1)
                written.append((meeting_id, starts, kind))
        if upcoming:
            meeting_id = self.take("meeting")
            starts = local(upcoming, 9 + rng.randrange(6), 30 * rng.randrange(2))
            channel = rng.choice(("in_person", "in_person", "phone", "video"))
            purpose, agenda, preparation = self.step_texts[MeetingKind.FOLLOW_UP]
            self.rows["meeting"].append(
                (
                    meeting_id,
                    citizen_id,
                    caseworker_id,
                    starts,
                    45,
                    channel,
                    "follow_up",
                    OFFICE if channel == "in_person" else None,
                    "planned",
                    None,
                    purpose,
                    agenda,
                    preparation,
                    None,
                    None,
                    1,
                    self.now - timedelta(days=rng.randint(3, 20)),
                )
            )
            written.append((meeting_id, starts, MeetingKind.FOLLOW_UP))
        return written

    def _after_meeting(self, rng, citizen_id, caseworker_id, meeting_id, starts: datetime, last: bool) -> None:
        """Homework from each meeting (the last meeting's still partly open), the caseworker's
        reads before it, and now and then a comment on the summary."""
        for number, (title, why) in enumerate(HOMEWORK):
            done_at = min(starts + timedelta(days=rng.randint(2, 12)), self.now - timedelta(hours=1))
            if last and number == 0:
                done_at = None  # one task from the last meeting is still open
            self.rows["homework"].append(
                (
                    self.take("homework"),
                    citizen_id,
                    meeting_id,
                    title,
                    why,
                    starts.date() + timedelta(days=14),
                    done_at,
                    "Det er gjort." if done_at else None,
                    done_at,
                    1,
                    starts,
                )
            )
        for days_before in (2, 1):
            self.rows["audit_log"].append(
                (
                    self.take("audit_log"),
                    starts - timedelta(days=days_before, hours=2),
                    caseworker_id,
                    "caseworker",
                    "caseworker.citizen.viewed",
                    citizen_id,
                    PURPOSE_CASEWORK,
                )
            )
        self.rows["audit_log"].append(
            (
                self.take("audit_log"),
                starts - timedelta(days=3),
                citizen_id,
                "citizen",
                "login.succeeded",
                citizen_id,
                None,
            )
        )
        if last and rng.random() < 0.3:
            written = min(starts + timedelta(days=1), self.now)
            read = written + timedelta(days=2)  # the caseworker reads it within days; recent ones wait
            self.rows["meeting_comment"].append(
                (
                    self.take("meeting_comment"),
                    meeting_id,
                    citizen_id,
                    "Jeg husker, at vi også talte om et kursus.",
                    written,
                    read if read < self.now else None,
                )
            )

    def _questionnaires(self, rng, citizen_id: int, meetings: list[tuple]) -> None:
        """A sent questionnaire for the last meeting held, a half-filled draft for the next one."""
        past = [m for m in meetings if m[1] < self.now]
        ahead = [m for m in meetings if m[1] >= self.now]
        if past:
            meeting_id, starts, kind = past[-1]
            consent = rng.random() < 0.2
            self._questionnaire(citizen_id, meeting_id, kind, starts - timedelta(days=2), sent=True, consent=consent)
        if ahead:
            meeting_id, starts, kind = ahead[0]
            self._questionnaire(citizen_id, meeting_id, kind, self.now - timedelta(days=1), sent=False, consent=False)

    def _questionnaire(
        self, citizen_id, meeting_id, kind: MeetingKind, at: datetime, *, sent: bool, consent: bool
    ) -> None:
        sections, answers = self.answers[kind]
        if not sent:
            sections = sections[: len(sections) // 2]
            answers = [(key, value) for key, value, section in answers if section in sections]
        else:
            answers = [(key, value) for key, value, _section in answers]
        questionnaire_id = self.take("questionnaire")
        self.rows["questionnaire"].append(
            (
                questionnaire_id,
                citizen_id,
                meeting_id,
                CURRENT_VERSION,
                kind.value,
                "sent" if sent else "draft",
                ",".join(sections),
                None if sent else sections[-1] if sections else None,
                2,
                at if consent else None,
                at if sent else None,
                at - timedelta(days=1),
                at,
            )
        )
        for key, value in answers:
            self.rows["questionnaire_answer"].append(
                (self.take("questionnaire_answer"), questionnaire_id, key, value, key == "A2", 2, at)
            )
        if consent:
            for key, value in YUSUF_SENSITIVE.items():
                self.rows["questionnaire_sensitive_answer"].append(
                    (
                        self.take("questionnaire_sensitive_answer"),
                        questionnaire_id,
                        key,
                        json.dumps(value, ensure_ascii=False),
                        False,
                        False,
                        2,
                        at,
                    )
                )

    def _plan(self, rng, citizen_id: int, caseworker_id: int, first_contact: date) -> None:
        plan_id = self.take("plan")
        created = datetime.combine(first_contact + timedelta(days=7), time(11), tzinfo=local_zone())
        today = self.today
        acknowledged = 3 if rng.random() < 0.75 else 2
        self.rows["plan"].append(
            (
                plan_id,
                citizen_id,
                "job",
                "Fast job som lagermedarbejder",
                today + timedelta(days=180),
                "Erfaring fra lager og truckcertifikat; der mangler lagerfolk i området.",
                3,
                acknowledged,
                created + timedelta(days=1),
                created,
                created + timedelta(days=30),
            )
        )

        def item(
            kind,
            title,
            status,
            *,
            by=caseworker_id,
            why=None,
            owner=None,
            due=None,
            position=0,
            track=None,
            realistic=None,
            activity=None,
            starts=None,
            ends=None,
            hours=None,
            place=None,
            purpose=None,
            goals=None,
            count=None,
            period=None,
            proposal=None,
        ) -> int:
            item_id = self.take("plan_item")
            self.rows["plan_item"].append(
                (
                    item_id,
                    plan_id,
                    kind,
                    title,
                    why,
                    status,
                    owner,
                    due,
                    position,
                    track,
                    realistic,
                    activity,
                    starts,
                    ends,
                    hours,
                    place,
                    purpose,
                    goals,
                    count,
                    period,
                    proposal,
                    1,
                    by,
                    created,
                    created,
                )
            )
            return item_id

        milestones = [
            item("milestone", "Opdateret CV på Jobnet", "done", owner="citizen", due=today - timedelta(days=30)),
            item(
                "milestone",
                "Praktik på et lager gennemført",
                "in_progress",
                owner="company",
                due=today + timedelta(days=40),
                position=1,
            ),
            item(
                "milestone",
                "Fornyet truckcertifikat (AMU)",
                "planned",
                owner="citizen",
                due=today + timedelta(days=60),
                position=2,
            ),
        ]
        for track, title in (("A", "Lagermedarbejder"), ("B", "Chauffør (kategori B)"), ("C", "Rengøring og service")):
            item("job_goal", title, "active", track=track, realistic="Erfaring og mange ledige stillinger i området.")
        practicum = item(
            "activity",
            "Virksomhedspraktik på et lager",
            "active",
            activity="praktik",
            purpose=rng.choice(("paid_hours", "train_skills", "clarify_goal")),
            starts=today - timedelta(days=5),
            ends=today + timedelta(days=22),
            hours=25,
            place="Lagervej 12",
            why="Du får nyere erfaring med lagersystem og scanner.",
            goals="Kunne bruge lagersystemet selvstændigt\nEn anbefaling til CV'et",
        )
        course = item(
            "activity",
            "AMU: Truckcertifikat, opfriskning",
            "planned",
            activity="amu",
            starts=today + timedelta(days=45),
            ends=today + timedelta(days=49),
            hours=37,
        )
        requirement = item(
            "agreement",
            "Søg job hver uge og skriv dem i din joblog",
            "open",
            owner="citizen",
            count=rng.choice((3, 4, 5)),
            period="week",
        )
        item(
            "agreement",
            "Sende praktikaftalen til virksomheden",
            "done",
            owner="caseworker",
            due=today - timedelta(days=8),
        )
        if rng.random() < 0.125:
            item(
                "milestone",
                "Tage kørekort til lastbil (C)",
                "planned",
                by=citizen_id,
                owner="citizen",
                due=today + timedelta(days=150),
                position=3,
                proposal="pending",
            )
        for milestone, linked in zip(milestones[1:] + milestones[:1], (practicum, course, requirement), strict=True):
            self.rows["plan_item_link"].append((milestone, linked))
        for action, field, old, new in (("created", None, None, None), ("changed", "hours_per_week", "20", "25")):
            self.rows["plan_change"].append(
                (
                    self.take("plan_change"),
                    plan_id,
                    practicum,
                    caseworker_id,
                    "caseworker",
                    action,
                    field,
                    old,
                    new,
                    created + timedelta(days=2),
                )
            )
        if rng.random() < 0.3:
            self.rows["plan_comment"].append(
                (
                    self.take("plan_comment"),
                    plan_id,
                    practicum,
                    citizen_id,
                    "citizen",
                    "Skal jeg selv købe sikkerhedssko?",
                    None,
                    created + timedelta(days=3),
                )
            )

    def _joblog(self, rng, citizen_id: int) -> None:
        entries = self.shape.joblog_entries
        days = self.shape.history_weeks * 7
        offset = rng.randrange(len(JOBS))
        rows, first_id = self.rows["joblog_entry"], self.ids["joblog_entry"]
        self.ids["joblog_entry"] += entries
        for n in range(entries):
            title, employer, town, track, searched = self.jobs[(n + offset) % len(JOBS)]
            status = STATUS_CYCLE[(n + offset) % len(STATUS_CYCLE)]
            applied_on, deadline, at = self._joblog_day((n * days) // entries)
            rows.append(
                (
                    first_id + n,
                    citizen_id,
                    "application",
                    title,
                    employer,
                    town,
                    HOW[n % len(HOW)],
                    None,
                    applied_on,
                    deadline if n % 3 == 0 else None,
                    "https://www.jobnet.dk/" if n % 4 == 0 else None,
                    status,
                    RESULTS[n % 2] if status == "closed" else None,
                    track,
                    searched,
                    1,
                    at,
                    at,
                )
            )

    @cache  # noqa: B019 - one generator per run; a few hundred days
    def _joblog_day(self, days_ago: int) -> tuple[date, date, datetime]:
        applied_on = self.today - timedelta(days=days_ago)
        written = min(datetime.combine(applied_on, time(20), tzinfo=local_zone()), self.now)
        return applied_on, applied_on + timedelta(days=14), written


def _answer_templates() -> dict[MeetingKind, tuple[list[str], list[tuple[str, str, str]]]]:
    """Per meeting kind: its section keys, and (question, JSON value, section) for every question a
    real answer exists for (the demo citizen's answers)."""
    definition = load(CURRENT_VERSION)
    templates = {}
    for kind in MeetingKind:
        sections = definition.sections_for(kind.value)
        answers = [
            (question.key, json.dumps(MARIA_FIRST[question.key], ensure_ascii=False), section.key)
            for section in sections
            for question in section.questions
            if question.key in MARIA_FIRST and question.key != CONSENT_KEY
        ]
        templates[kind] = ([section.key for section in sections], answers)
    return templates
