"""The questionnaire's labels tell the truth: "(frivilligt)" exactly on the questions "Næste" lets the
citizen leave empty, on first view and after a failed "Næste"; the error summary names the question;
each "Det vil jeg gerne tale om til mødet" box is named by its question."""

from __future__ import annotations

import pytest

from portal.meetings.models import Homework
from portal.questionnaire import definition
from tests.field_labels import accessible_name_by_labelledby, label_text
from tests.pages import parse_page
from tests.questionnaire.conftest import GOOD_ANSWERS

FOLLOW_UP = ["A", "D", "E", "F", "H", "I"]
#: The questions "Næste" refuses to pass empty in a follow-up meeting (A3: the citizen has open homework).
REQUIRED_IN_FOLLOW_UP = {"A3", "D2", "D3", "D5", "D6", "E1", "E2", "E4", "F1", "I1"}


@pytest.fixture
def open_homework(session, prepared):
    citizen, _caseworker, meeting = prepared
    session.add(Homework(citizen_id=citizen.id, meeting_id=meeting.id, title="Opdater dit cv"))
    session.commit()


def marked_optional(page, key: str) -> bool:
    return "(frivilligt)" in label_text(page, key)


def shown_keys(page, section: str) -> list[str]:
    return [q.key for q in definition.load().section(section).questions if page.find(id=f"question-{q.key}")]


# test that a required question never says "(frivilligt)", on first view or after a failed "Næste",
# and that every other question does
def test_optional_exactly_where_next_accepts_an_empty_answer(walker, open_homework):
    walker.start()
    seen = set()
    for section in FOLLOW_UP:
        first_view = parse_page(walker.client.get(walker.url(section)))
        shown = shown_keys(first_view, section)
        response = walker.post(section, {})  # "Næste" with nothing answered
        assert (response.status_code == 200) is bool(REQUIRED_IN_FOLLOW_UP & set(shown)), section
        views = {"first view": first_view}
        if response.status_code == 200:
            views["after a failed Næste"] = parse_page(response)
        for key in shown:
            seen.add(key)
            for view, page in views.items():
                assert marked_optional(page, key) is (key not in REQUIRED_IN_FOLLOW_UP), f"{key} on {view}"
        walker.answer_all([section], GOOD_ANSWERS | {"A3": "partly"})
    assert seen >= REQUIRED_IN_FOLLOW_UP


# test that the consent question says "(frivilligt)": "Næste" passes without an answer to it
def test_the_consent_question_is_optional_and_says_so(walker):
    walker.start()
    walker.answer_all(["A", "D", "E", "F"])
    page = parse_page(walker.client.get(walker.url("H")))
    assert label_text(page, "H0").endswith("(frivilligt)")
    assert walker.post("H", {}).status_code == 302


# test that each entry of the error summary names the question it is about
def test_the_error_summary_names_each_question(walker, open_homework):
    walker.start()
    page = parse_page(walker.post("A", {"A2": "x" * 2001}))
    links = {a["href"]: a.get_text(strip=True) for a in page.select("[data-module=error-summary] a")}
    assert links == {
        "#A2": "Skriv højst 2000 tegn – Hvad vil du helst tale om til mødet?",
        "#A3-0": "Svar på: Har du lavet hjemmeopgaverne fra sidste møde?",
    }
    # beside the question the message stays short: the question is right above it
    assert page.find(id="A3-error").get_text(strip=True) == "Fejl:Vælg et svar"


# test that every "talk about it" box is named by its own question, and the names differ
def test_each_talk_about_box_is_named_by_its_question(walker):
    walker.start()
    walker.answer_all(["A", "D", "E", "F"])
    walker.post("H", {"H0": "yes"})
    page = parse_page(walker.client.get(walker.url("H")))
    names = {}
    for box in page.select("input[type=checkbox][id$=__talk], input[type=checkbox][id$=__later]"):
        key = box["id"].split("__")[0]
        names[box["id"]] = accessible_name_by_labelledby(page, box)
        question = definition.load().question(key).text
        assert names[box["id"]].endswith(question), box["id"]
        assert names[box["id"]].startswith(("Det vil jeg gerne tale om til mødet", "Det vil jeg hellere tale om"))
    assert "F2__later" in names and len(set(names.values())) == len(names)
