"""The background save the script makes: JSON answers, nothing marked done, conflicts refused."""

from __future__ import annotations

from sqlalchemy import select

from portal.questionnaire.models import Answer, Questionnaire


def test_autosave_saves_and_returns_time_and_version(walker, session):
    walker.start()
    state = walker.form_state("A")
    response = walker.post("A", {"A2": "Noget om mit CV"}, action="autosave", state=state)
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "saved" and body["message"].startswith("Gemt kl. ")
    assert body["version"] == int(state["version"]) + 1
    assert session.scalar(select(Answer.value_json).where(Answer.question_key == "A2")) == '"Noget om mit CV"'
    questionnaire = session.scalar(select(Questionnaire))
    session.refresh(questionnaire)
    assert questionnaire.completed == [], "autosave never moves the citizen on"


def test_autosave_does_not_enforce_required_but_refuses_bad_input(walker, session):
    walker.start()
    walker.answer_all(["A"])
    state = walker.form_state("D")
    ok = walker.post("D", {"D1": "Kok"}, action="autosave", state=state)
    assert ok.status_code == 200
    bad = walker.post("D", {"D5": "7"}, action="autosave", state={**state, "version": ok.get_json()["version"]})
    assert bad.status_code == 422 and "D5" in bad.get_json()["errors"]


def test_autosave_chain_uses_the_returned_version_and_a_stale_tab_gets_409(walker, session):
    walker.start()
    tab_one = walker.form_state("A")
    tab_two = walker.form_state("A")
    first = walker.post("A", {"A2": "et"}, action="autosave", state=tab_one).get_json()
    second = walker.post("A", {"A2": "to"}, action="autosave", state={**tab_one, "version": first["version"]})
    assert second.status_code == 200
    stale = walker.post("A", {"A2": "tre"}, action="autosave", state=tab_two)
    assert stale.status_code == 409 and stale.get_json()["status"] == "conflict"
    assert session.scalar(select(Answer.value_json).where(Answer.question_key == "A2")) == '"to"'
