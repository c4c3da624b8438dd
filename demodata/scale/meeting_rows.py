"""A citizen's meetings every five weeks, with summaries, homework, comments, the caseworker's
audited reads, and the questionnaires for the last meeting and the next."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from demodata.scale.rows import Rows
from demodata.scale.shape import MEETING_INTERVAL
from demodata.scale.texts import HOMEWORK, OFFICE, SUMMARY
from demodata.seed import MARIA_FIRST, YUSUF_SENSITIVE, local
from portal.caseworker import PURPOSE_CASEWORK
from portal.meetings.models import MeetingKind
from portal.questionnaire.definition import CONSENT_KEY, CURRENT_VERSION, load


class MeetingRows(Rows):
    #: Purpose, agenda and preparation by kind of meeting, and the questionnaire answers' templates.
    step_texts: dict
    answers: dict

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


def answer_templates() -> dict[MeetingKind, tuple[list[str], list[tuple[str, str, str]]]]:
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
