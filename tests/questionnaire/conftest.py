"""Helpers for questionnaire tests: a citizen with an upcoming meeting, and answers that pass."""

from __future__ import annotations

import pytest

from portal.meetings.models import MeetingKind
from tests.factories import csrf_token_from, log_in

#: A valid answer for every required question (and a few optional ones), by question key.
GOOD_ANSWERS = {
    "A2": "Mit CV og praktik",
    "A4": "no",
    "B1": "vocational",
    "B3": "Lagermedarbejder hos Coop",
    "B3_end": "31.3.2026",
    "B4": ["b"],
    "B6": "partly",
    "C1": "Jeg er god til at organisere",
    "C3_speak": "5",
    "C3_write": "4",
    "D2": "Lagerarbejder",
    "D3": "Chauffør",
    "D5": "3",
    "D6": "37",
    "E1": "12",
    "E2": ["advertised", "network"],
    "E4": "1_2h",
    "F1": ["bike", "public"],
    "G1": "yes",
    "H0": "no",
    "I1": ["cv", "practicum"],
}


@pytest.fixture
def prepared(client, make_caseworker, make_citizen, make_meeting):
    """A logged-in citizen with an upcoming follow-up meeting; returns (citizen, caseworker, meeting)."""
    caseworker = make_caseworker(name="Karen Holm")
    citizen = make_citizen(caseworker=caseworker, name="Maria Jensen")
    meeting = make_meeting(citizen, caseworker, days=5, kind=MeetingKind.FOLLOW_UP)
    log_in(client, citizen.email)
    return citizen, caseworker, meeting


class Walker:
    """Drives the questionnaire through its real forms, as a browser without JavaScript would."""

    def __init__(self, client, meeting):
        self.client, self.meeting = client, meeting

    def start(self):
        page = self.client.get("/questionnaire/")
        return self.client.post(
            f"/questionnaire/{self.meeting.id}/start", data={"csrf_token": csrf_token_from(page.get_data(as_text=True))}
        )

    def url(self, section: str) -> str:
        return f"/questionnaire/{self.meeting.id}/{section}"

    def form_state(self, section: str) -> dict:
        html = self.client.get(self.url(section)).get_data(as_text=True)
        import re

        version = re.search(r'name="version" type="hidden" value="(\d+)"', html)
        return {"csrf_token": csrf_token_from(html), "version": version.group(1) if version else ""}

    def post(self, section: str, answers: dict, action: str = "next", state: dict | None = None):
        data = dict(state or self.form_state(section))
        data.update(answers)
        data["action"] = action
        return self.client.post(self.url(section), data=data)

    def send(self):
        return self.client.post(self.url("check"), data=self.form_state("check"))

    def answer_all(self, sections, answers=GOOD_ANSWERS):
        for section in sections:
            relevant = {k: v for k, v in answers.items() if k.startswith(section)}
            response = self.post(section, relevant)
            assert response.status_code == 302, f"step {section} did not save"
        return response


@pytest.fixture
def walker(client, prepared):
    return Walker(client, prepared[2])


@pytest.fixture
def next_meeting(client, session, prepared, make_meeting):
    """End the current meeting, book a new one and answer and send its questionnaire.

    Each call moves one meeting on; returns the Walker for the new meeting.
    """
    citizen, caseworker, _ = prepared
    state = {"meeting": prepared[2]}

    def _next(days: int, answers: dict = GOOD_ANSWERS) -> Walker:
        over = state["meeting"]
        over.starts_at = over.starts_at.replace(year=2020)
        session.merge(over)
        session.commit()
        state["meeting"] = make_meeting(citizen, caseworker, days=days)
        walker = Walker(client, state["meeting"])
        walker.start()
        walker.answer_all(["A", "D", "E", "F", "H", "I"], answers)
        walker.send()
        return walker

    return _next
