"""The caseworker's read view of a citizen's questionnaire, built from the questionnaire's queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import case, select

from portal.auth.models import User
from portal.clock import utcnow
from portal.db import db
from portal.meetings import queries as meetings
from portal.meetings.models import Meeting
from portal.questionnaire import presenters
from portal.questionnaire import queries as questionnaires
from portal.questionnaire.definition import Question
from portal.questionnaire.models import Questionnaire, SensitiveAnswer, Status


@dataclass
class QuestionnairePage:
    questionnaire: Questionnaire | None = None
    meeting: Meeting | None = None
    progress: questionnaires.Progress | None = None
    talk_about: list[presenters.AnswerRow] = field(default_factory=list)
    summaries: list[presenters.SectionSummary] = field(default_factory=list)
    missing: list[Question] = field(default_factory=list)
    sensitive_count: int = 0
    #: The sensitive answers are on the page: asked for, and there are some (a sent questionnaire).
    sensitive_shown: bool = False

    @property
    def readable(self) -> bool:
        return self.questionnaire is not None and self.questionnaire.status is Status.SENT


def read_for_caseworker(citizen: User, *, include_sensitive: bool) -> QuestionnairePage:
    """What the caseworker sees: nothing before the citizen sends; then every answer by section,
    what the citizen wants to talk about first, changes since the previous questionnaire marked,
    required questions left open listed, and sensitive answers only when asked for."""
    questionnaire, meeting = for_caseworker(citizen)
    if questionnaire is None:
        return QuestionnairePage()
    page = QuestionnairePage(questionnaire, meeting, questionnaires.progress(questionnaire, questionnaire.meeting_kind))
    if questionnaire.status is not Status.SENT:
        return page
    all_answers = questionnaires.answers_of(questionnaire, sensitive=True)
    sensitive_keys = {key for key, answer in all_answers.items() if isinstance(answer, SensitiveAnswer)}
    page.sensitive_count = len(sensitive_keys)
    page.sensitive_shown = include_sensitive and page.sensitive_count > 0
    shown = all_answers if include_sensitive else {k: a for k, a in all_answers.items() if k not in sensitive_keys}
    previous = None
    if questionnaire.carried_from_id is not None:
        previous_questionnaire = db.session.get(Questionnaire, questionnaire.carried_from_id)
        previous = (
            questionnaires.answers_of(previous_questionnaire, sensitive=False) if previous_questionnaire else None
        )
    open_homework = meetings.has_open_homework(citizen.id)
    sections = []
    for section in questionnaires.steps(questionnaire):
        questions = questionnaires.visible_questions(questionnaire, section, open_homework=open_homework)
        if not include_sensitive:
            questions = [q for q in questions if not q.sensitive]
        sections.append((section, questions))
    page.summaries = presenters.summarise(sections, shown, previous)
    page.talk_about = [row for summary in page.summaries for row in summary.rows if row.talk_about]
    page.missing = questionnaires.missing_required(questionnaire, open_homework=open_homework, answers=all_answers)
    return page


def for_caseworker(citizen: User) -> tuple[Questionnaire | None, Meeting | None]:
    """The questionnaire a caseworker reads: the one for the citizen's next meeting, else the newest."""
    now = utcnow()
    upcoming_start = case((Meeting.starts_at >= now, Meeting.starts_at), else_=None)
    row = db.session.execute(
        select(Questionnaire, Meeting)
        .join(Meeting, Meeting.id == Questionnaire.meeting_id)
        .where(Questionnaire.citizen_id == citizen.id)
        .order_by(upcoming_start.asc().nulls_last(), Meeting.starts_at.desc())
        .limit(1)
    ).first()
    return (row[0], row[1]) if row is not None else (None, None)
