"""Reading a questionnaire: its steps, the questions a citizen sees, its answers and how far it is.

Callers pass a citizen they hold through a scope. The questionnaire belongs to one meeting but does
not read the meetings: what it needs of them (which meeting, what kind, whether the citizen has open
homework) the caller hands in.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam, select

from portal.auth.models import User
from portal.db import db
from portal.questionnaire import definition as definitions
from portal.questionnaire.definition import Question, Section
from portal.questionnaire.models import Answer, Questionnaire, SensitiveAnswer, Status


def definition_of(questionnaire: Questionnaire) -> definitions.Definition:
    return definitions.load(questionnaire.definition_version)


def steps(questionnaire: Questionnaire) -> list[Section]:
    return definition_of(questionnaire).sections_for(questionnaire.meeting_kind)


def steps_for_kind(meeting_kind: str) -> list[Section]:
    return definitions.load().sections_for(meeting_kind)


def visible_questions(questionnaire: Questionnaire, section: Section, *, open_homework: bool) -> list[Question]:
    """The section's questions this citizen sees: some ask about open homework (the caller knows,
    from the meetings), the sensitive ones wait for consent."""
    return [
        q
        for q in section.questions
        if definitions.visible(q, open_homework=open_homework, consent=questionnaire.has_consent)
    ]


def answers_of(questionnaire: Questionnaire, *, sensitive: bool = True) -> dict[str, Answer | SensitiveAnswer]:
    """All answers keyed by question, in one statement per table."""
    found: dict[str, Answer | SensitiveAnswer] = {
        a.question_key: a for a in db.session.scalars(select(Answer).where(Answer.questionnaire_id == questionnaire.id))
    }
    if sensitive:
        found.update(
            {
                a.question_key: a
                for a in db.session.scalars(
                    select(SensitiveAnswer).where(SensitiveAnswer.questionnaire_id == questionnaire.id)
                )
            }
        )
    return found


#: Built once: the overview runs it on every visit.
_FOR_MEETING = select(Questionnaire).where(
    Questionnaire.citizen_id == bindparam("citizen_id"), Questionnaire.meeting_id == bindparam("meeting_id")
)


def for_meeting(citizen: User, meeting_id: int) -> Questionnaire | None:
    """The citizen's questionnaire for one of their meetings, if they have begun it."""
    return db.session.scalar(_FOR_MEETING, {"citizen_id": citizen.id, "meeting_id": meeting_id})


def missing_required(
    questionnaire: Questionnaire, *, open_homework: bool, answers: dict | None = None
) -> list[Question]:
    """Required questions, among those shown, that have no answer yet."""
    answers = answers_of(questionnaire, sensitive=False) if answers is None else answers
    return [
        q
        for section in steps(questionnaire)
        for q in visible_questions(questionnaire, section, open_homework=open_homework)
        if q.required and (answers.get(q.key) is None or answers[q.key].value is None)
    ]


def next_step(questionnaire: Questionnaire) -> Section | None:
    """The first section not yet passed with "Næste"; None when all are done."""
    done = set(questionnaire.completed)
    return next((s for s in steps(questionnaire) if s.key not in done), None)


def may_open(questionnaire: Questionnaire, section: Section) -> bool:
    """Steps are taken in order: a section is open once every section before it was passed."""
    done = set(questionnaire.completed)
    for step in steps(questionnaire):
        if step.key == section.key:
            return True
        if step.key not in done:
            return False
    return False


@dataclass(frozen=True)
class Progress:
    """How far a citizen is with the questionnaire for a meeting, for overviews and the caseload."""

    state: str  # not_started | started | sent
    done: int = 0
    total: int = 0
    sent_at: object = None
    changed_at: object = None


def progress(questionnaire: Questionnaire | None, meeting_kind: str) -> Progress:
    keys = {section.key for section in steps_for_kind(meeting_kind)}
    total = len(keys)
    if questionnaire is None:
        return Progress("not_started", 0, total)
    done = len(keys & set(questionnaire.completed))
    if questionnaire.status is Status.SENT:
        return Progress("sent", done, total, questionnaire.sent_at, questionnaire.changed_after_sending_at)
    return Progress("started", done, total)
