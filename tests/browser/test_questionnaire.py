"""The demo citizen fills in the whole questionnaire with the keyboard alone on a phone-sized
screen, in Danish and in Arabic (right to left); axe finds nothing on any step, also with errors
shown; the background save is seen."""

from __future__ import annotations

import re
from functools import cache

import pytest
from babel.support import Translations
from sqlalchemy import delete, select

from portal.auth.models import User
from portal.clock import utcnow
from portal.db import db
from portal.meetings.models import Meeting
from portal.questionnaire.models import Answer, Questionnaire, SensitiveAnswer
from tests.browser.conftest import REPO_ROOT, check_axe, focused, login

MAX_TABS = 120
OWN_NAMES = {"da": "Dansk", "ar": "العربية"}
#: What the citizen types, in the language she reads the page in.
TYPED = {
    "da": {"A2": "Hvordan jeg finder en praktik", "D2": "Lagermedarbejder"},
    "ar": {"A2": "كيف أجد تدريبًا عمليًا", "D2": "عامل مستودع"},
}


@cache
def catalogue(language: str) -> Translations:
    """The compiled catalogue the portal itself serves (the Danish text is the msgid)."""
    return Translations.load(str(REPO_ROOT / "translations"), [language])


def text(language: str, message: str, **values) -> str:
    translated = message if language == "da" else catalogue(language).gettext(message)
    assert language == "da" or translated != message, f"{message!r} has no {language} translation"
    return translated % values if values else translated


def pattern(language: str, message: str, placeholder: str, matches: str) -> str:
    """A regular expression for a translated text with one value in it (a time, a date)."""
    before, after = text(language, message).split(f"%({placeholder})s")
    return re.escape(before) + matches + re.escape(after)


@pytest.fixture
def maria_prepares_afresh(browser_app):
    """Maria's next meeting without a questionnaire, whichever test sent hers before; her answers
    for the meeting already held stay, as the next questionnaire starts from them."""
    with browser_app.app_context():
        maria = select(User.id).where(User.email == "citizen@demo.dk").scalar_subquery()
        upcoming = select(Meeting.id).where(Meeting.citizen_id == maria, Meeting.starts_at > utcnow())
        questionnaires = select(Questionnaire.id).where(Questionnaire.meeting_id.in_(upcoming))
        for answers in (Answer, SensitiveAnswer):
            db.session.execute(delete(answers).where(answers.questionnaire_id.in_(questionnaires)))
        db.session.execute(delete(Questionnaire).where(Questionnaire.id.in_(questionnaires)))
        db.session.commit()


def tab_to(page, element_id: str) -> None:
    """Press Tab (only) until the element with this id has the focus."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if focused(page).get("id") == element_id:
            return
    raise AssertionError(f"#{element_id} not reached by Tab; focus is on {focused(page)}")


def tab_to_button(page, label: str) -> None:
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        here = focused(page)
        if here.get("tag") == "button" and here.get("text") == label:
            return
    raise AssertionError(f"button {label!r} not reached by Tab")


def press_and_wait(page, key: str = "Enter") -> None:
    with page.expect_navigation():
        page.keyboard.press(key)


def choose_language(page, language: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=OWN_NAMES[language], exact=True).click()
    assert page.get_attribute("html", "lang") == language


@pytest.mark.parametrize("language", ["da", "ar"])
def test_fill_the_whole_questionnaire_with_the_keyboard_at_390(page_factory, maria_prepares_afresh, language):
    page = page_factory(390)
    login(page, "citizen@demo.dk")
    if language != "da":
        choose_language(page, language)
        assert page.get_attribute("html", "dir") == "rtl"
    try:
        fill_in_and_send(page, language)
    finally:
        if language != "da":
            choose_language(page, "da")


def fill_in_and_send(page, language: str) -> None:
    def _(message: str, **values) -> str:
        return text(language, message, **values)

    typed = TYPED[language]
    check_axe(page, f"questionnaire-overview-before-{language}")

    # The overview invites to prepare; follow the link with the keyboard.
    for _tab in range(MAX_TABS):
        page.keyboard.press("Tab")
        if focused(page).get("text") == _("Forbered dit møde"):
            break
    press_and_wait(page)
    check_axe(page, f"questionnaire-start-{language}")
    tab_to_button(page, _("Start"))
    press_and_wait(page)

    saved = pattern(language, "Gemt kl. %(time)s", "time", r"\d{2}[:.]\d{2}")
    steps_seen = []
    while "/check" not in page.url:
        subheading = page.locator(".step-subheading").inner_text()
        steps_seen.append(subheading)
        section = page.url.rsplit("/", 1)[-1]
        check_axe(page, f"questionnaire-step-{section}-{language}")
        if section == "A":
            # Maria has open homework from her first meeting, so she is asked about it.
            tab_to(page, "A3-0")  # Tab enters a radio group; the arrow keys choose within it
            page.keyboard.press("ArrowDown")
            assert page.locator("#A3-1").is_checked()
            tab_to(page, "A2")
            page.keyboard.type(typed["A2"])
            # The background save runs a few seconds after typing stops.
            page.wait_for_function(
                "(saved) => new RegExp(saved).test(document.querySelector('.autosave-status').textContent)",
                arg=saved,
                timeout=10_000,
            )
        if section == "D":
            # Empty a required answer and move on: errors, in the summary and at the field.
            tab_to(page, "D2")
            page.keyboard.press("Control+A")
            page.keyboard.press("Delete")
            tab_to_button(page, _("Næste"))
            press_and_wait(page)
            summary = page.locator("[data-module='error-summary']")
            expected = _("Svar på: %(question)s", question=_("Plan A: Hvilket job søger du først og fremmest?"))
            assert summary.is_visible() and expected in summary.inner_text()
            assert _("Skriv et svar") in page.locator("#D2-error").inner_text(), "beside the question: short"
            check_axe(page, f"questionnaire-step-D-errors-{language}")
            tab_to(page, "D2")
            page.keyboard.type(typed["D2"])
        if section == "H":
            assert page.locator("#H1-0").count() == 0, "sensitive questions wait for consent"
        tab_to_button(page, _("Næste"))
        press_and_wait(page)
        assert len(steps_seen) < 12, "the questionnaire ends"

    assert steps_seen[0] == _("Trin %(current)s af %(total)s", current=1, total=6)
    assert steps_seen[-1] == _("Trin %(current)s af %(total)s", current=6, total=6)
    check_axe(page, f"questionnaire-check-{language}")
    answers = page.locator("main").inner_text()
    assert typed["A2"] in answers and typed["D2"] in answers
    tab_to_button(page, _("Send til min sagsbehandler"))
    press_and_wait(page)
    assert page.get_by_role("heading", level=1, name=_("Dine svar er sendt")).is_visible()
    check_axe(page, f"questionnaire-receipt-{language}")
    page.goto("/")
    sent = pattern(language, "Du sendte dine svar %(when)s.", "when", ".+")
    assert re.search(sent, page.locator("main").inner_text())


def test_caseworker_reads_answers_and_reveals_sensitive_ones(page_factory):
    page = page_factory(1280)
    login(page, "caseworker@demo.dk")
    page.get_by_role("link", name=re.compile("Sendt .*: Yusuf Demir")).click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Forberedelse fra Yusuf Demir")
    check_axe(page, "caseworker-questionnaire")
    assert "Jeg kan ikke løfte tungt" not in page.locator("main").inner_text()
    page.get_by_role("button", name="Vis følsomme oplysninger").click()
    page.wait_for_load_state()
    check_axe(page, "caseworker-questionnaire-reason-missing")
    page.get_by_label("Forberedelse af mødet").check()
    page.get_by_role("button", name="Vis følsomme oplysninger").click()
    page.wait_for_load_state()
    assert "Jeg kan ikke løfte tungt" in page.locator("main").inner_text()
    check_axe(page, "caseworker-questionnaire-sensitive")
