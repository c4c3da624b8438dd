"""No lost updates: when several saves of one record arrive at the same instant, each made from the
same page, exactly one is saved and answered so; every other one is told that someone else saved
first, and nothing it carried overwrites the saved record.

Before the saves carried the version into the UPDATE, PostgreSQL let most such races end with two
or more "saved" answers and one of them silently lost (6 of 6 at once, on every versioned record)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from portal.db import db
from portal.joblog.models import JobLogEntry
from portal.meetings.models import Homework, Meeting
from portal.plan.models import Plan, PlanItem
from portal.questionnaire.models import Answer, Questionnaire
from tests.factories import csrf_token_from
from tests.locking.conftest import AT_ONCE, ROUNDS, logged_in, race, shown_form

#: record: (who saves, the page, the field each save changes, the column it lands in, which row)
RECORDS = {
    "joblog entry": (
        "citizen", lambda p: f"/joblog/{p.entry.id}", "job_title",
        JobLogEntry.job_title, lambda p: JobLogEntry.id == p.entry.id,
    ),
    "plan item": (
        "caseworker", lambda p: f"/caseworker/citizens/{p.citizen.id}/plan/items/{p.item.id}/edit", "title",
        PlanItem.title, lambda p: PlanItem.id == p.item.id,
    ),
    "plan end goal": (
        "caseworker", lambda p: f"/caseworker/citizens/{p.citizen.id}/plan/goal", "end_goal",
        Plan.end_goal, lambda p: Plan.id == p.plan.id,
    ),
    "practicum expectations": (
        "citizen", lambda p: f"/plan/items/{p.practicum.id}/expectations", "text",
        PlanItem.expectations, lambda p: PlanItem.id == p.practicum.id,
    ),
    "meeting": (
        "caseworker", lambda p: f"/caseworker/citizens/{p.citizen.id}/meetings/{p.meeting.id}/edit", "place",
        Meeting.place, lambda p: Meeting.id == p.meeting.id,
    ),
    "meeting absence": (
        "citizen", lambda p: f"/meetings/{p.meeting.id}/absence", "reason",
        Meeting.absence_reason, lambda p: Meeting.id == p.meeting.id,
    ),
}  # fmt: skip


def one_saved(responses, stored, sent: list[str]) -> None:
    statuses = [response.status_code for response in responses]
    assert set(statuses) <= {200, 302}, f"every save is answered, none fails: {statuses}"
    saved = [n for n, status in enumerate(statuses) if status == 302]
    assert len(saved) == 1, f"{len(saved)} of {AT_ONCE} saves made from the same page answered 'saved'"
    assert stored == sent[saved[0]], "the record holds what the one answered 'saved' sent"
    for n, response in enumerate(responses):
        if n not in saved:
            page = response.get_data(as_text=True)
            assert 'id="conflict-notice"' in page, "the others are told someone saved first"


def read(app, column, where):
    with app.app_context():
        return db.session.scalar(select(column).where(where))


def run_rounds(app, client, url, field, stored, rounds=ROUNDS, extra=None):
    for round_number in range(rounds):
        form = shown_form(client, url)
        sent = [f"Runde {round_number} nr. {n}" for n in range(AT_ONCE)]
        responses = race(app, client, url, [{**form, **(extra or {}), field: value} for value in sent])
        one_saved(responses, stored(), sent)


@pytest.mark.parametrize("record", RECORDS)
def test_saves_at_the_same_instant(race_app, people, record):
    who, url, field, column, row = RECORDS[record]
    client = logged_in(race_app, getattr(people, who))
    run_rounds(race_app, client, url(people), field, lambda: read(race_app, column, row(people)))


def test_homework(race_app, people):
    """Ticking a task off with a note: each task is ticked off once, so one round a task."""
    client = logged_in(race_app, people.citizen)
    for task in people.homework:
        stored = lambda task=task: read(race_app, Homework.done_note, Homework.id == task.id)  # noqa: E731
        run_rounds(race_app, client, f"/homework/{task.id}", "note", stored, rounds=1)


def test_questionnaire_step(race_app, people):
    """The questionnaire merges saves answer by answer; two saves of one answer still clash."""
    client = logged_in(race_app, people.citizen)
    token = csrf_token_from(client.get("/questionnaire/").get_data(as_text=True))
    start = client.post(f"/questionnaire/{people.meeting.id}/start", data={"csrf_token": token})
    assert start.status_code == 302

    def answer() -> str | None:
        questionnaire = select(Questionnaire.id).where(Questionnaire.meeting_id == people.meeting.id)
        value = read(race_app, Answer.value_json, (Answer.questionnaire_id == questionnaire.scalar_subquery())
                     & (Answer.question_key == "A2"))  # fmt: skip
        return json.loads(value) if value else None

    run_rounds(race_app, client, start.headers["Location"], "A2", answer, extra={"action": "save"})
