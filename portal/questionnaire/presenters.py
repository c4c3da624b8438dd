"""Turning stored answers into what forms and pages show."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from portal.forms import date_for_input
from portal.i18n import gettext as _
from portal.i18n import short_date
from portal.questionnaire.definition import Question, Section


def form_data(questions: list[Question], answers: dict) -> dict:
    """Saved answers as the section form's initial data."""
    data = {}
    for question in questions:
        answer = answers.get(question.key)
        if answer is None:
            continue
        value = answer.value
        if question.type == "date" and value:
            value = date_for_input(date.fromisoformat(value))
        elif question.type == "scale" and value is not None:
            value = str(value)
        data[question.key] = value
        data[f"{question.key}__talk"] = answer.talk_about
        if question.sensitive:
            data[f"{question.key}__later"] = getattr(answer, "prefer_in_person", False)
    return data


def display_value(question: Question, value) -> str | None:
    """A stored value as words in the reader's language; None when there is no answer."""
    if value in (None, "", []):
        return None
    kind = question.type
    if kind == "single":
        label = question.option_label(value)
        return _(label) if label else None
    if kind == "multi":
        labels = [question.option_label(v) for v in value]
        return ", ".join(_(label) for label in labels if label)
    if kind in {"yesno", "consent"}:
        return _("Ja") if value == "yes" else _("Nej")
    if kind == "scale":
        return _("%(value)s af 5", value=value)
    if kind == "date":
        return short_date(date.fromisoformat(value))
    return str(value)


@dataclass(frozen=True)
class AnswerRow:
    question: Question
    text: str | None
    talk_about: bool
    prefer_in_person: bool
    changed: bool = False


@dataclass(frozen=True)
class SectionSummary:
    section: Section
    rows: list[AnswerRow]


def summarise(
    sections: list[tuple[Section, list[Question]]], answers: dict, previous: dict | None = None
) -> list[SectionSummary]:
    """Rows per section; `changed` marks answers that differ from the previous questionnaire."""
    summaries = []
    for section, questions in sections:
        rows = []
        for question in questions:
            answer = answers.get(question.key)
            value = answer.value if answer else None
            before = previous.get(question.key) if previous is not None else None
            # Consent is asked afresh each time, so a different answer there is no news.
            changed = (
                previous is not None and question.type != "consent" and (before.value if before else None) != value
            )
            rows.append(
                AnswerRow(
                    question,
                    display_value(question, value),
                    bool(answer and answer.talk_about),
                    bool(answer and getattr(answer, "prefer_in_person", False)),
                    changed,
                )
            )
        summaries.append(SectionSummary(section, rows))
    return summaries
