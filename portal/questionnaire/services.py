"""Starting, saving and sending a questionnaire; every write is audited without answer contents."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select

from portal import audit
from portal.auth.models import User
from portal.clock import utcnow
from portal.db import db
from portal.questionnaire import definition as definitions
from portal.questionnaire import queries
from portal.questionnaire.definition import Question, Section
from portal.questionnaire.models import Answer, Questionnaire, SensitiveAnswer, Status


def start(citizen: User, meeting_id: int, meeting_kind: str) -> Questionnaire:
    """Begin the questionnaire for a meeting, starting from the citizen's previous answers.

    Sensitive answers, consent and answers about one meeting (section A) are not carried over.
    """
    previous = db.session.scalar(
        select(Questionnaire)
        .where(Questionnaire.citizen_id == citizen.id, Questionnaire.meeting_id != meeting_id)
        .order_by(Questionnaire.created_at.desc(), Questionnaire.id.desc())
        .limit(1)
    )
    questionnaire = Questionnaire(
        citizen_id=citizen.id,
        meeting_id=meeting_id,
        definition_version=definitions.CURRENT_VERSION,
        meeting_kind=meeting_kind,
        carried_from_id=previous.id if previous else None,
    )
    db.session.add(questionnaire)
    db.session.flush()
    if previous is not None:
        carried = definitions.load().carried_keys()
        for old in queries.answers_of(previous, sensitive=False).values():
            if old.question_key in carried and old.value_json is not None:
                db.session.add(
                    Answer(
                        questionnaire_id=questionnaire.id,
                        question_key=old.question_key,
                        value_json=old.value_json,
                        written_in_version=1,
                    )
                )
    audit.record(
        db.session,
        "questionnaire.started",
        actor=citizen,
        citizen_id=citizen.id,
        questionnaire_id=questionnaire.id,
        carried_over=previous is not None,
    )
    db.session.commit()
    return questionnaire


@dataclass(frozen=True)
class Conflict:
    """An answer someone else (another tab or device) saved after this form was shown."""

    question: Question
    saved_value: object
    submitted_value: object


def find_conflicts(
    questionnaire: Questionnaire, submitted: dict[str, dict], shown_version: int | None, existing: dict
) -> list[Conflict]:
    if shown_version is None or shown_version >= questionnaire.version:
        return []
    questions = queries.definition_of(questionnaire).questions_by_key()
    conflicts = []
    for key, new in submitted.items():
        old = existing.get(key)
        if old is not None and old.written_in_version > shown_version and old.value != _normalised(new["value"]):
            conflicts.append(Conflict(questions[key], old.value, new["value"]))
    return conflicts


def _normalised(value):
    return None if value in (None, "", []) else value


@dataclass(frozen=True)
class SaveResult:
    conflicts: list[Conflict]
    #: Consent was just given: the section now has more questions, so the citizen stays on it.
    section_grew: bool = False

    @property
    def saved(self) -> bool:
        return not self.conflicts


def save_section(
    questionnaire: Questionnaire,
    section: Section,
    submitted: dict[str, dict],
    *,
    shown_version: int | None,
    actor: User,
    advance: bool,
) -> SaveResult:
    """Write one section's answers; reports conflicts instead of saving when the form was stale."""
    # Two saves of one questionnaire (a tab and an autosave) take turns, each seeing the other's work.
    db.session.refresh(questionnaire, with_for_update=True)
    existing = queries.answers_of(questionnaire)
    conflicts = find_conflicts(questionnaire, submitted, shown_version, existing)
    if conflicts:
        return SaveResult(conflicts)
    had_consent = questionnaire.has_consent
    now = utcnow()
    questionnaire.version += 1
    questions = queries.definition_of(questionnaire).questions_by_key()
    for key, new in submitted.items():
        question = questions[key]
        if question.type == "consent":
            _apply_consent(questionnaire, new["value"], actor, now)
        _write_answer(questionnaire, existing.get(key), question, new, now)
    section_grew = questionnaire.has_consent and not had_consent
    if advance and not section_grew and section.key not in questionnaire.completed:
        questionnaire.completed_sections = ",".join(questionnaire.completed + [section.key])
    questionnaire.updated_at = now
    if questionnaire.status is Status.SENT:
        questionnaire.changed_after_sending_at = now
    audit.record(
        db.session,
        "questionnaire.saved",
        actor=actor,
        citizen_id=questionnaire.citizen_id,
        questionnaire_id=questionnaire.id,
        section=section.key,
    )
    db.session.commit()
    return SaveResult([], section_grew)


def _write_answer(
    questionnaire: Questionnaire, answer: Answer | SensitiveAnswer | None, question: Question, new: dict, now: datetime
) -> None:
    """One submitted answer into its row (sensitive answers in their own table). An unchanged answer
    keeps the version it was written in, so a later clash names only what really changed."""
    if answer is None:
        model = SensitiveAnswer if question.sensitive else Answer
        answer = model(questionnaire_id=questionnaire.id, question_key=question.key)
        db.session.add(answer)
    if (
        answer.value == _normalised(new["value"])
        and answer.talk_about == new["talk_about"]
        and (not isinstance(answer, SensitiveAnswer) or answer.prefer_in_person == new["prefer_in_person"])
    ):
        return
    answer.value = new["value"]
    answer.talk_about = new["talk_about"]
    if isinstance(answer, SensitiveAnswer):
        answer.prefer_in_person = new["prefer_in_person"]
        if new["prefer_in_person"]:
            answer.value = None
    answer.written_in_version = questionnaire.version
    answer.updated_at = now


def _apply_consent(questionnaire: Questionnaire, answer: str | None, actor: User, now) -> None:
    """H0: "yes" records consent with its time; "no" after a "yes" withdraws it and deletes at once."""
    if answer == "yes" and not questionnaire.has_consent:
        questionnaire.consent_given_at = now
        questionnaire.consent_withdrawn_at = None
        audit.record(
            db.session,
            "questionnaire.consent.given",
            actor=actor,
            citizen_id=questionnaire.citizen_id,
            questionnaire_id=questionnaire.id,
        )
    elif answer != "yes" and questionnaire.has_consent:
        questionnaire.consent_given_at = None
        questionnaire.consent_withdrawn_at = now
        deleted = db.changed_rows(delete(SensitiveAnswer).where(SensitiveAnswer.questionnaire_id == questionnaire.id))
        audit.record(
            db.session,
            "questionnaire.consent.withdrawn",
            actor=actor,
            citizen_id=questionnaire.citizen_id,
            questionnaire_id=questionnaire.id,
            sensitive_answers_deleted=deleted,
        )


def send(questionnaire: Questionnaire, actor: User, *, open_homework: bool) -> list[Question]:
    """Send to the caseworker; returns the required questions still open instead, if any."""
    missing = queries.missing_required(questionnaire, open_homework=open_homework)
    if missing:
        return missing
    now = utcnow()
    if questionnaire.status is Status.SENT:
        questionnaire.changed_after_sending_at = now
    else:
        questionnaire.status = Status.SENT
        questionnaire.sent_at = now
    questionnaire.updated_at = now
    questionnaire.version += 1
    audit.record(
        db.session,
        "questionnaire.sent",
        actor=actor,
        citizen_id=questionnaire.citizen_id,
        questionnaire_id=questionnaire.id,
    )
    db.session.commit()
    return []
