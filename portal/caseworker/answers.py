"""The caseworker's read view of a citizen's questionnaire, built from the questionnaire's services."""

from __future__ import annotations

from dataclasses import dataclass, field

from portal.auth.models import User
from portal.db import db
from portal.meetings.models import Meeting
from portal.questionnaire import presenters, services
from portal.questionnaire.definition import Question
from portal.questionnaire.models import Questionnaire, SensitiveAnswer, Status


@dataclass
class QuestionnairePage:
    questionnaire: Questionnaire | None = None
    meeting: Meeting | None = None
    progress: services.Progress | None = None
    talk_about: list[presenters.AnswerRow] = field(default_factory=list)
    summaries: list[presenters.SectionSummary] = field(default_factory=list)
    missing: list[Question] = field(default_factory=list)
    sensitive_count: int = 0

    @property
    def readable(self) -> bool:
        return self.questionnaire is not None and self.questionnaire.status is Status.SENT


def read_for_caseworker(citizen: User, *, include_sensitive: bool) -> QuestionnairePage:
    """What the caseworker sees: nothing before the citizen sends; then every answer by section,
    what the citizen wants to talk about first, changes since the previous questionnaire marked,
    required questions left open listed, and sensitive answers only when asked for."""
    questionnaire, meeting = services.for_caseworker(citizen)
    if questionnaire is None:
        return QuestionnairePage()
    page = QuestionnairePage(questionnaire, meeting, services.progress(questionnaire, questionnaire.meeting_kind))
    if questionnaire.status is not Status.SENT:
        return page
    all_answers = services.answers_of(questionnaire, sensitive=True)
    sensitive_keys = {key for key, answer in all_answers.items() if isinstance(answer, SensitiveAnswer)}
    page.sensitive_count = len(sensitive_keys)
    shown = all_answers if include_sensitive else {k: a for k, a in all_answers.items() if k not in sensitive_keys}
    previous = None
    if questionnaire.carried_from_id is not None:
        previous_questionnaire = db.session.get(Questionnaire, questionnaire.carried_from_id)
        previous = services.answers_of(previous_questionnaire, sensitive=False) if previous_questionnaire else None
    sections = []
    for section in services.steps(questionnaire):
        questions = services.visible_questions(questionnaire, section)
        if not include_sensitive:
            questions = [q for q in questions if not q.sensitive]
        sections.append((section, questions))
    page.summaries = presenters.summarise(sections, shown, previous)
    page.talk_about = [row for summary in page.summaries for row in summary.rows if row.talk_about]
    page.missing = services.missing_required(questionnaire, all_answers)
    return page
