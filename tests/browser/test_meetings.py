"""Meetings and homework in the browser: the citizen says they cannot come and ticks off homework
with the keyboard; every meeting form passes axe with its errors shown, at phone and desktop width."""

from __future__ import annotations

import pytest

from tests.browser.conftest import check_axe, login
from tests.browser.test_plan import follow, press_button, press_enter_and_wait, send_with_errors, tab_to, type_and_send


def test_citizen_cannot_come_and_ticks_off_homework_with_the_keyboard(page_factory):
    citizen = page_factory(390)
    login(citizen, "citizen2@demo.dk")
    follow(citizen, "Se mødet og hvad du skal forberede")
    check_axe(citizen, "meeting-upcoming")
    tab_to(citizen, lambda el: el.get("text") == "Jeg kan ikke komme", "the cannot-come link")
    press_enter_and_wait(citizen)
    press_button(citizen, "Send til din sagsbehandler")
    assert citizen.locator("[data-module='error-summary']").is_visible()
    check_axe(citizen, "meeting-absence-errors")
    type_and_send(citizen, "reason", "Jeg skal til jobsamtale hos Netto.", "Send til din sagsbehandler")
    assert "Du har meldt afbud" in citizen.locator("main").inner_text()
    check_axe(citizen, "meeting-absence-receipt")

    maria = page_factory(1280)
    login(maria, "citizen@demo.dk")
    follow(maria, "Se alle dine hjemmeopgaver")
    check_axe(maria, "homework-list")
    follow(maria, "Find 5 virksomheder, der passer til dit jobmål")
    maria.locator("#note").fill("x" * 2001)
    send_with_errors(maria, "Marker som gjort", "homework-done-errors")
    tab_to(maria, lambda el: el.get("id") == "note", "the note field")
    maria.keyboard.press("Control+A")
    maria.keyboard.type("Jeg fandt fem.")
    press_button(maria, "Marker som gjort")
    assert "Opgaven er markeret som gjort" in maria.locator("main").inner_text()


@pytest.mark.parametrize("width", [390, 1280])
def test_meeting_forms_with_errors_have_no_axe_violations(page_factory, width):
    caseworker = page_factory(width)
    login(caseworker, "caseworker@demo.dk")
    caseworker.goto("/caseworker/")
    follow(caseworker, "Maria Jensen")
    follow(caseworker, "Planlæg et møde")
    check_axe(caseworker, "caseworker-meeting-new")
    caseworker.locator("#place").fill("")
    send_with_errors(caseworker, "Gem", "caseworker-meeting-new-errors")
    caseworker.go_back()
    caseworker.go_back()
    caseworker.wait_for_load_state()
    caseworker.locator(".meeting-list a").last.click()
    caseworker.wait_for_load_state()
    check_axe(caseworker, "caseworker-meeting-past")
    meeting_url = caseworker.url
    follow(caseworker, "Skriv referat, hjemmeopgaver og aftaler")
    caseworker.locator("#summary").fill("")
    caseworker.locator("#agreements-0-due").fill("i morgen")
    send_with_errors(caseworker, "Gem", "caseworker-meeting-summary-errors")
    caseworker.goto(meeting_url)
    follow(caseworker, "Ret tid, sted, formål og dagsorden")
    caseworker.locator("#clock").fill("25:99")
    send_with_errors(caseworker, "Gem", "caseworker-meeting-edit-errors")
