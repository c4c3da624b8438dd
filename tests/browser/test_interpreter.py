""" "Jeg har brug for en tolk" in the browser: the citizen asks with the keyboard, the caseworker sees
it on the caseload and books it, and the citizen sees the booking; axe finds nothing at phone and
desktop width, with the form's errors shown too."""

from __future__ import annotations

from tests.browser.conftest import check_axe, login
from tests.browser.test_plan import follow, press_button, tab_to

NO_LANGUAGE = "Vælg det sprog, du skal have en tolk til"
NO_OTHER_LANGUAGE = "Skriv, hvilket sprog du skal have en tolk til"


def errors_shown(page) -> str:
    summary = page.locator("[data-module='error-summary']")
    assert summary.is_visible()
    return summary.inner_text()


def test_citizen_asks_for_an_interpreter_and_sees_the_booking(page_factory):
    citizen = page_factory(390)
    login(citizen, "citizen@demo.dk")
    follow(citizen, "Se mødet og hvad du skal forberede")
    meeting_url = citizen.url
    follow(citizen, "Jeg har brug for en tolk")
    other = citizen.locator("#other_language")
    assert not other.is_visible(), "the box for another language waits under its choice"
    check_axe(citizen, "interpreter-form")

    press_button(citizen, "Send til din sagsbehandler")
    assert NO_LANGUAGE in errors_shown(citizen)
    check_axe(citizen, "interpreter-form-errors")
    tab_to(citizen, lambda el: el.get("id") == "language-0", "the first language")
    citizen.keyboard.press("ArrowUp")  # radios wrap round: the last choice, "Andet sprog"
    assert citizen.locator("#language-14").is_checked() and other.is_visible()
    press_button(citizen, "Send til din sagsbehandler")
    assert NO_OTHER_LANGUAGE in errors_shown(citizen)
    assert citizen.locator("#language-14").is_checked() and other.is_visible(), "the choice is kept"
    check_axe(citizen, "interpreter-form-other-errors")

    tab_to(citizen, lambda el: el.get("id") == "language-14", "the chosen language")
    citizen.keyboard.press("ArrowDown")  # and round again to the first, "Arabisk"
    assert citizen.locator("#language-0").is_checked() and not other.is_visible()
    press_button(citizen, "Send til din sagsbehandler")
    assert citizen.url.startswith(meeting_url)
    assert "Du har bedt om en tolk på arabisk." in citizen.locator("main").inner_text()
    check_axe(citizen, "interpreter-requested")

    caseworker = page_factory(1280)
    login(caseworker, "caseworker@demo.dk")
    caseworker.goto("/caseworker/")
    row = caseworker.locator("tr", has=caseworker.get_by_role("link", name="Maria Jensen", exact=True))
    assert "Tolk: Arabisk, ikke bestilt" in row.inner_text()
    caseworker.get_by_role("link", name="Maria Jensen", exact=True).click()
    caseworker.wait_for_load_state()
    caseworker.locator("#next-meeting ~ h3 a").first.click()
    caseworker.wait_for_load_state()
    check_axe(caseworker, "caseworker-meeting-interpreter-requested")
    with caseworker.expect_navigation():
        caseworker.get_by_role("button", name="Tolk er bestilt").click()
    assert "Markeret som bestilt" in caseworker.locator("main").inner_text()
    check_axe(caseworker, "caseworker-meeting-interpreter-booked")

    citizen.goto(meeting_url)
    assert "Der er bestilt en tolk på arabisk" in citizen.locator("#interpreter-heading ~ .alert-success").inner_text()
    check_axe(citizen, "interpreter-booked")
    wide = page_factory(1280)
    login(wide, "citizen@demo.dk")
    wide.goto(meeting_url)
    assert "Der er bestilt en tolk på arabisk" in wide.locator("main").inner_text()
    check_axe(wide, "interpreter-booked")
    follow(wide, "Skift sprog, eller sig, at du ikke har brug for en tolk")
    wide.locator("#language-14").check()
    wide.get_by_role("button", name="Send til din sagsbehandler").click()
    wide.wait_for_load_state()
    assert NO_OTHER_LANGUAGE in errors_shown(wide)
    check_axe(wide, "interpreter-form-other-errors")
