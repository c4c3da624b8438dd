"""The demo citizen fills in the whole questionnaire with the keyboard alone on a phone-sized
screen; axe finds nothing on any step, also with errors shown; the background save is seen."""

from __future__ import annotations

import re

from tests.browser.conftest import check_axe, focused, login

MAX_TABS = 120


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


def test_fill_the_whole_questionnaire_with_the_keyboard_at_390(page_factory):
    page = page_factory(390)
    login(page, "citizen@demo.dk")
    check_axe(page, "questionnaire-overview-before")

    # The overview invites to prepare; follow the link with the keyboard.
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if focused(page).get("text") == "Forbered dit møde":
            break
    press_and_wait(page)
    check_axe(page, "questionnaire-start")
    tab_to_button(page, "Start")
    press_and_wait(page)

    steps_seen = []
    while "/check" not in page.url:
        subheading = page.locator(".step-subheading").inner_text()
        steps_seen.append(subheading)
        section = page.url.rsplit("/", 1)[-1]
        check_axe(page, f"questionnaire-step-{section}")
        if section == "A":
            # Maria has open homework from her first meeting, so she is asked about it.
            tab_to(page, "A3-0")  # Tab enters a radio group; the arrow keys choose within it
            page.keyboard.press("ArrowDown")
            assert page.locator("#A3-1").is_checked()
            tab_to(page, "A2")
            page.keyboard.type("Hvordan jeg finder en praktik")
            # The background save runs a few seconds after typing stops.
            page.wait_for_function(
                "() => /Gemt kl\\. \\d{2}:\\d{2}/.test(document.querySelector('.autosave-status').textContent)",
                timeout=10_000,
            )
        if section == "D":
            # Empty a required answer and move on: errors, in the summary and at the field.
            tab_to(page, "D2")
            page.keyboard.press("Control+A")
            page.keyboard.press("Delete")
            tab_to_button(page, "Næste")
            press_and_wait(page)
            summary = page.locator("[data-module='error-summary']")
            assert summary.is_visible() and "Svar på: Plan A: Hvilket job søger du først" in summary.inner_text()
            assert "Skriv et svar" in page.locator("#D2-error").inner_text(), "beside the question: short"
            check_axe(page, "questionnaire-step-D-errors")
            tab_to(page, "D2")
            page.keyboard.type("Lagermedarbejder")
        if section == "H":
            assert page.locator("#H1-0").count() == 0, "sensitive questions wait for consent"
        tab_to_button(page, "Næste")
        press_and_wait(page)
        assert len(steps_seen) < 12, "the questionnaire ends"

    assert steps_seen[0] == "Trin 1 af 6" and steps_seen[-1] == "Trin 6 af 6"
    check_axe(page, "questionnaire-check")
    text = page.locator("main").inner_text()
    assert "Hvordan jeg finder en praktik" in text and "Lagermedarbejder" in text
    tab_to_button(page, "Send til min sagsbehandler")
    press_and_wait(page)
    assert page.get_by_role("heading", level=1, name="Dine svar er sendt").is_visible()
    check_axe(page, "questionnaire-receipt")
    page.goto("/")
    assert re.search(r"Du sendte dine svar", page.locator("main").inner_text())


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
