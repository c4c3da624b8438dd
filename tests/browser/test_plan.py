"""Min Plan in the browser: the citizen proposes a milestone and the caseworker accepts it, both
with the keyboard alone; axe finds nothing on the forms, also with errors shown."""
from __future__ import annotations

import pytest

from tests.browser.conftest import check_axe, focused, login

MAX_TABS = 150


def tab_to(page, predicate, what: str) -> None:
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if predicate(focused(page)):
            return
    raise AssertionError(f"{what} not reached by Tab; focus is on {focused(page)}")


def open_marias_plan(page) -> None:
    """As the caseworker: caseload, Maria's page, her plan, by following the links."""
    page.goto("/caseworker/")
    page.get_by_role("link", name="Maria Jensen", exact=True).click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Se borgerens plan").click()
    page.wait_for_load_state()


def press_enter_and_wait(page) -> None:
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_citizen_proposes_and_caseworker_accepts_with_the_keyboard(page_factory):
    citizen = page_factory(390)
    login(citizen, "citizen@demo.dk")
    citizen.goto("/plan/")
    check_axe(citizen, "plan-index")
    tab_to(citizen, lambda el: el.get("text") == "Foreslå noget nyt", "the propose link")
    press_enter_and_wait(citizen)
    tab_to(citizen, lambda el: el.get("tag") == "button" and el.get("text") == "Send forslaget", "the send button")
    press_enter_and_wait(citizen)
    assert citizen.locator("[data-module='error-summary']").is_visible()
    check_axe(citizen, "plan-propose-errors")
    tab_to(citizen, lambda el: el.get("id") == "kind-0", "the first choice")
    citizen.keyboard.press("Space")
    tab_to(citizen, lambda el: el.get("id") == "title", "the title field")
    citizen.keyboard.type("Svejsekursus hos AMU")
    tab_to(citizen, lambda el: el.get("tag") == "button" and el.get("text") == "Send forslaget", "the send button")
    press_enter_and_wait(citizen)
    assert "Venter på din sagsbehandler" in citizen.locator("main").inner_text()
    check_axe(citizen, "plan-item-proposal")

    caseworker = page_factory(1280)
    login(caseworker, "caseworker@demo.dk")
    open_marias_plan(caseworker)
    check_axe(caseworker, "caseworker-plan")
    heading = caseworker.get_by_role("heading", name="Delmål: Svejsekursus hos AMU")
    form = heading.locator("xpath=following-sibling::form[1]")
    accept_id = form.locator("input[type=radio][value=accept]").get_attribute("id")
    tab_to(caseworker, lambda el: el.get("id") == accept_id, "the accept choice")
    caseworker.keyboard.press("Space")
    tab_to(caseworker, lambda el: el.get("tag") == "button" and el.get("text") == "Gem svar", "the save button")
    press_enter_and_wait(caseworker)
    assert "Dit svar er gemt" in caseworker.locator("main").inner_text()

    citizen.goto("/plan/")
    milestones = citizen.locator("h3:has-text('Dine delmål') + ul").inner_text()
    assert "Svejsekursus hos AMU" in milestones


def test_caseworker_item_form_with_errors_is_accessible(page_factory):
    page = page_factory(1280)
    login(page, "caseworker@demo.dk")
    open_marias_plan(page)
    page.get_by_role("link", name="Tilføj aktiviteter").click()
    page.wait_for_load_state()
    check_axe(page, "caseworker-plan-new-activity")
    page.get_by_role("button", name="Gem").click()
    page.wait_for_load_state()
    assert page.locator("[data-module='error-summary']").is_visible()
    check_axe(page, "caseworker-plan-new-activity-errors")


@pytest.mark.parametrize("width", [390, 1280])
def test_plan_forms_with_errors_have_no_axe_violations(page_factory, width):
    """Every plan form, sent empty: the error summary and inline errors pass axe."""
    citizen = page_factory(width)
    login(citizen, "citizen@demo.dk")
    citizen.goto("/plan/")
    citizen.get_by_role("button", name="Bekræft").click()
    citizen.wait_for_load_state()
    assert citizen.locator("[data-module='error-summary']").is_visible()
    check_axe(citizen, "plan-acknowledge-errors")
    citizen.goto("/plan/")
    citizen.get_by_role("link", name="Praktik hos Holbæk Logistik").first.click()
    citizen.wait_for_load_state()
    citizen.get_by_role("button", name="Send kommentar").click()
    citizen.wait_for_load_state()
    assert citizen.locator("[data-module='error-summary']").is_visible()
    check_axe(citizen, "plan-comment-errors")
    citizen.get_by_role("link", name="Ret dine mål og forventninger").click()
    citizen.wait_for_load_state()
    citizen.locator("#text").fill("")
    citizen.get_by_role("button", name="Gem").click()
    citizen.wait_for_load_state()
    assert citizen.locator("[data-module='error-summary']").is_visible()
    check_axe(citizen, "plan-expectations-errors")

    caseworker = page_factory(width)
    login(caseworker, "caseworker@demo.dk")
    open_marias_plan(caseworker)
    plan_url = caseworker.url
    caseworker.get_by_role("button", name="Gem svar").first.click()
    caseworker.wait_for_load_state()
    assert caseworker.locator("[data-module='error-summary']").is_visible()
    check_axe(caseworker, "caseworker-proposal-errors")
    caseworker.goto(plan_url)
    caseworker.get_by_role("link", name="Ret slutmålet").click()
    caseworker.wait_for_load_state()
    caseworker.locator("#end_goal").fill("")
    caseworker.get_by_role("button", name="Gem").click()
    caseworker.wait_for_load_state()
    assert caseworker.locator("[data-module='error-summary']").is_visible()
    check_axe(caseworker, "caseworker-end-goal-errors")
