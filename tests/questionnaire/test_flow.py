"""The citizen's journey: start, step by step with saving, resume, consent, check, send, change."""

from __future__ import annotations

from datetime import UTC

from sqlalchemy import select

from portal.audit import AuditEntry
from portal.questionnaire.models import Answer, Questionnaire, SensitiveAnswer, Status
from tests.pages import parse_page
from tests.questionnaire.conftest import GOOD_ANSWERS

FOLLOW_UP = ["A", "D", "E", "F", "H", "I"]


def test_overview_invites_to_prepare_then_shows_progress_then_sent(client, get_page, walker):
    card = get_page("/").find(id="prepare-heading").parent
    assert "Forbered dig til dit møde" in card.get_text() and "ikke svaret" in card.get_text()
    walker.start()
    walker.answer_all(["A", "D"])
    assert "2 af 6 trin" in get_page("/").find(id="prepare-heading").parent.get_text()
    walker.answer_all(["E", "F", "H", "I"])
    walker.send()
    assert "Du sendte dine svar" in get_page("/").find(id="prepare-heading").parent.get_text()


def test_step_page_shows_indicator_and_fields(walker, get_page):
    walker.start()
    response = walker.client.get(walker.url("D"))  # D is not open yet
    assert response.status_code == 302 and response.headers["Location"].endswith("/A")
    page = parse_page(walker.client.get(walker.url("A")))
    assert page.find(class_="step-subheading").get_text(strip=True) == "Trin 1 af 6"
    assert page.find("li", class_="current").get_text(" ", strip=True).endswith("Før mødet")
    assert page.find("textarea", id="A2") is not None
    assert page.find("input", id="A2__talk")["type"] == "checkbox"
    assert page.find("button", attrs={"value": "save"}).get_text(strip=True) == "Gem og fortsæt senere"


def test_post_to_a_later_step_before_the_first_redirects_to_the_first(walker, session):
    walker.start()
    state = walker.form_state("A")
    response = walker.post("E", {"E1": "3"}, state=state)
    assert response.status_code == 302 and response.headers["Location"].endswith("/A")
    assert session.scalar(select(Answer).where(Answer.question_key == "E1")) is None


def test_required_answers_are_enforced_on_next_with_input_kept(walker):
    walker.start()
    walker.answer_all(["A"])
    response = walker.post("D", {"D1": "Noget med <b>lager</b>", "D2": "", "D5": "9"})
    page = parse_page(response)
    summary = page.find(attrs={"data-module": "error-summary"})
    messages = [a.get_text(strip=True) for a in summary.find_all("a")]
    assert "Svar på: Plan A: Hvilket job søger du først og fremmest?" in messages
    assert "Vælg et af svarene på listen – Hvor sikker er du på at få et job inden for 3 måneder?" in messages
    assert page.find(id="D2-error").get_text(strip=True) == "Fejl:Skriv et svar"
    assert page.find("textarea", id="D1").get_text().strip() == "Noget med <b>lager</b>"
    assert "<b>lager</b>" not in response.get_data(as_text=True)


def test_save_and_continue_later_keeps_partial_answers_without_required(walker, session, get_page):
    walker.start()
    walker.answer_all(["A"])
    response = walker.post("D", {"D1": "Kok"}, action="save")
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert session.scalar(select(Answer.value_json).where(Answer.question_key == "D1")) == '"Kok"'
    # Coming back resumes on the step not yet finished, with the saved text in place.
    resume = walker.client.get("/questionnaire/")
    assert resume.headers["Location"].endswith("/D")
    assert get_page(walker.url("D")).find("textarea", id="D1").get_text().strip() == "Kok"


def test_back_saves_and_goes_to_the_previous_step(walker, session):
    walker.start()
    walker.answer_all(["A"])
    response = walker.post("D", {"D2": "Kok"}, action="back")
    assert response.headers["Location"].endswith("/A")
    assert session.scalar(select(Answer.value_json).where(Answer.question_key == "D2")) == '"Kok"'


def test_only_offered_choices_real_dates_and_numbers_in_range(walker, session):
    walker.start()
    walker.answer_all(["A", "D"])
    page = parse_page(walker.post("E", {"E1": "-4", "E2": ["advertised", "hacking"], "E4": "1_2h"}))
    errors = page.find(attrs={"data-module": "error-summary"}).get_text(" ", strip=True)
    assert "Skriv et tal fra 0 til 500" in errors and "Vælg et af svarene på listen" in errors
    assert session.scalar(select(Answer).where(Answer.question_key == "E2")) is None


def test_strange_input_never_breaks(walker):
    walker.start()
    nasty = "\x00\x07ﬀ🙂 ' \" <script>alert(1)</script> {{7*7}} " + "ø" * 1990
    response = walker.post("A", {"A2": nasty, "A4": "maybe"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html and "Skriv højst 2000 tegn" in html
    response = walker.post("A", {"A2": "\x00\x07 kort <i>tekst</i> 🙂", "A4": "yes"})
    assert response.status_code == 302


def test_consent_reveals_sensitive_questions_and_withdrawal_deletes_them(walker, session):
    walker.start()
    walker.answer_all(["A", "D", "E", "F"])
    page = parse_page(walker.client.get(walker.url("H")))
    assert page.find(id="H0-0") is not None and page.find(id="H1-0") is None
    response = walker.post("H", {"H0": "yes"})
    assert response.headers["Location"].endswith("/H"), "the citizen stays to see the new questions"
    questionnaire = session.scalar(select(Questionnaire))
    session.refresh(questionnaire)
    assert questionnaire.consent_given_at is not None
    page = parse_page(walker.client.get(walker.url("H")))
    assert page.find(id="H1-0") is not None
    assert page.find("input", id="H2__later") is not None, "sensitive questions can wait for the meeting"
    walker.post("H", {"H0": "yes", "H1": "some", "H2": "Ondt i ryggen", "H6__later": "y"})
    assert session.scalar(select(SensitiveAnswer).where(SensitiveAnswer.question_key == "H2")).value == "Ondt i ryggen"
    assert session.scalar(select(Answer).where(Answer.question_key == "H2")) is None, "stored apart"

    walker.post("H", {"H0": "no"})
    session.expire_all()
    assert session.scalars(select(SensitiveAnswer)).all() == []
    questionnaire = session.scalar(select(Questionnaire))
    assert questionnaire.consent_given_at is None and questionnaire.consent_withdrawn_at is not None
    actions = session.scalars(select(AuditEntry.action).where(AuditEntry.action.like("questionnaire.consent%"))).all()
    assert actions == ["questionnaire.consent.given", "questionnaire.consent.withdrawn"]
    assert "Ondt i ryggen" not in " ".join(
        session.scalars(select(AuditEntry.detail).where(AuditEntry.detail.is_not(None)))
    )


def test_check_page_lists_answers_with_change_links_then_send_gives_receipt(walker, session, get_page):
    walker.start()
    walker.answer_all(FOLLOW_UP)
    page = get_page(walker.url("check"))
    assert page.h1.get_text(strip=True) == "Tjek dine svar"
    text = page.get_text(" ", strip=True)
    assert "Lagerarbejder" in text and "Offentlig transport" in text and "3 af 5" in text
    change = page.find("a", href=f"{walker.url('D')}#question-D2")
    assert change is not None and "Ændr" in change.get_text()
    response = walker.send()
    assert response.headers["Location"] == walker.url("receipt")
    receipt = get_page(walker.url("receipt"))
    assert receipt.h1.get_text(strip=True) == "Dine svar er sendt"
    questionnaire = session.scalar(select(Questionnaire))
    session.refresh(questionnaire)
    assert questionnaire.status is Status.SENT and questionnaire.sent_at is not None


def test_change_after_sending_is_recorded(walker, session):
    walker.start()
    walker.answer_all(FOLLOW_UP)
    walker.send()
    response = walker.post("D", {**{k: v for k, v in GOOD_ANSWERS.items() if k.startswith("D")}, "D2": "Truckfører"})
    assert response.headers["Location"].endswith("/check")
    questionnaire = session.scalar(select(Questionnaire))
    session.refresh(questionnaire)
    assert questionnaire.status is Status.SENT and questionnaire.changed_after_sending_at is not None


def test_a_stale_form_is_refused_with_both_texts(walker, session):
    walker.start()
    walker.answer_all(["A"])
    tab_one = walker.form_state("D")
    tab_two = walker.form_state("D")
    assert walker.post("D", {"D2": "Kok", "D1": "Kok"}, action="save", state=tab_one).status_code == 302
    response = walker.post("D", {"D2": "Tømrer", "D1": "Kok"}, action="save", state=tab_two)
    page = parse_page(response)
    notice = page.find(id="conflict-notice")
    assert "Nogen har gemt, før du nåede det" in notice.get_text()
    rows = [[cell.get_text(strip=True) for cell in row(["th", "td"])] for row in notice.tbody("tr")]
    assert len(rows) == 1 and rows[0][1:] == ["Kok", "Tømrer"], "only the answer saved elsewhere clashes"
    assert session.scalar(select(Answer.value_json).where(Answer.question_key == "D2")) == '"Kok"'
    # Saving again needs a choice: without one nothing is saved; "mine" saves the citizen's answer.
    version = page.find("input", attrs={"name": "version"})["value"]
    state = {"csrf_token": tab_two["csrf_token"], "version": version, "conflict": "1"}
    unchosen = walker.post("D", {"D2": "Tømrer", "D1": "Kok"}, action="save", state=state)
    assert unchosen.status_code == 200
    assert "Vælg, om du vil gemme din udgave eller beholde den gemte" in parse_page(unchosen).get_text()
    again = walker.post("D", {"D2": "Tømrer", "D1": "Kok", "keep": "mine"}, action="save", state=state)
    assert again.status_code == 302
    assert session.scalar(select(Answer.value_json).where(Answer.question_key == "D2")) == '"Tømrer"'


def test_a_new_questionnaire_starts_from_the_previous_answers(
    client, walker, session, prepared, make_meeting, get_page
):
    citizen, caseworker, meeting = prepared
    walker.start()
    walker.answer_all(FOLLOW_UP)
    walker.send()
    later = make_meeting(citizen, caseworker, days=30)
    meeting.starts_at = meeting.starts_at.replace(year=2020)  # the first meeting is over
    session.merge(meeting)
    session.commit()
    from tests.questionnaire.conftest import Walker

    second = Walker(client, later)
    second.start()
    page = get_page(second.url("A"))
    assert not page.find("input", id="A4-1").has_attr("checked"), "answers about one meeting start empty"
    new = session.scalars(select(Questionnaire).order_by(Questionnaire.id)).all()[-1]
    assert new.carried_from_id is not None and new.status is Status.DRAFT
    assert (
        session.scalar(select(Answer.value_json).where(Answer.questionnaire_id == new.id, Answer.question_key == "D2"))
        == '"Lagerarbejder"'
    )
    carried = set(session.scalars(select(Answer.question_key).where(Answer.questionnaire_id == new.id)))
    assert "H0" not in carried and not any(key.startswith("A") for key in carried)


def test_answers_cannot_change_once_the_meeting_has_started(walker, session, prepared):
    walker.start()
    walker.answer_all(FOLLOW_UP)
    meeting = prepared[2]
    meeting.starts_at = meeting.starts_at.replace(year=2020)
    session.merge(meeting)
    session.commit()
    response = walker.client.get(walker.url("A"))
    assert response.status_code == 302


def test_saving_is_audited_without_answer_text(walker, session):
    walker.start()
    walker.post("A", {"A2": "Hemmelig tekst om mig", "A4": "no"})
    rows = session.scalars(select(AuditEntry).where(AuditEntry.action.like("questionnaire.%"))).all()
    assert [r.action for r in rows] == ["questionnaire.started", "questionnaire.saved"]
    assert all("Hemmelig" not in (r.detail or "") for r in rows)


def test_statements_per_step_do_not_grow_with_answers_or_history(app, walker, next_meeting):
    from portal.db import db
    from tests.pages import StatementCounter

    engine = db.state(app).engine
    walker.start()
    walker.post("A", {"A4": "no"}, action="save")

    def count(url_walker, section):
        url_walker.client.get(url_walker.url(section))
        with StatementCounter(engine) as get:
            url_walker.client.get(url_walker.url(section))
        state = url_walker.form_state(section)
        with StatementCounter(engine) as post:
            url_walker.post(section, {"A2": "x", "A4": "no"}, action="save", state=state)
        return get.count, post.count

    few = count(walker, "A")
    # Much more history: the whole questionnaire answered and sent, then four more meetings' worth.
    walker.answer_all(FOLLOW_UP)
    walker.send()
    latest = walker
    for days in (40, 50, 60, 70):
        latest = next_meeting(days)
    many = count(latest, "A")
    assert few == many, f"GET/POST statements {few} with little data, {many} with more"


def test_homework_question_appears_only_with_open_homework_and_is_then_required(walker, prepared, session):
    from datetime import datetime

    from portal.meetings.models import Homework

    citizen = prepared[0]
    walker.start()
    assert parse_page(walker.client.get(walker.url("A"))).find(id="A3-0") is None
    homework = Homework(citizen_id=citizen.id, title="Opdater dit CV")
    session.add(homework)
    session.commit()
    page = parse_page(walker.client.get(walker.url("A")))
    assert page.find(id="A3-0") is not None
    errors = parse_page(walker.post("A", {"A4": "no"})).find(attrs={"data-module": "error-summary"})
    assert errors is not None and "Svar på: Har du lavet hjemmeopgaverne fra sidste møde?" in errors.get_text()
    assert walker.post("A", {"A3": "partly", "A4": "no"}).status_code == 302
    homework.done_at = datetime.now(UTC)
    session.commit()
    assert parse_page(walker.client.get(walker.url("A"))).find(id="A3-0") is None


def test_links_to_a_meeting_without_questionnaire_or_already_begun_are_friendly(walker, prepared, session):
    response = walker.client.get(walker.url("A"))
    assert response.status_code == 302 and response.headers["Location"] == "/questionnaire/"
    walker.start()
    walker.answer_all(FOLLOW_UP)
    state = walker.form_state("check")
    meeting = prepared[2]
    meeting.starts_at = meeting.starts_at.replace(year=2020)
    session.merge(meeting)
    session.commit()
    response = walker.client.post(walker.url("check"), data=state)
    assert response.status_code == 302
    page = parse_page(walker.client.get(response.headers["Location"]))
    assert "Mødet er begyndt" in page.get_text()
    assert page.find("button", string=lambda text: text and "Send" in text) is None
