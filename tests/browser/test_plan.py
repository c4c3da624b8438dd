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


def follow(page, link: str) -> None:
    page.get_by_role("link", name=link).first.click()
    page.wait_for_load_state()


def send_with_errors(page, button: str, name: str) -> None:
    """Press the form's button with what is filled in; the error summary shows and axe passes."""
    page.get_by_role("button", name=button).first.click()
    page.wait_for_load_state()
    assert page.locator("[data-module='error-summary']").is_visible(), name
    check_axe(page, name)


def press_enter_and_wait(page) -> None:
    with page.expect_navigation():
        page.keyboard.press("Enter")


def press_button(page, text: str) -> None:
    """Tab to the button with this text and press Enter, as a keyboard user sends a form."""
    tab_to(page, lambda el: el.get("tag") == "button" and el.get("text") == text, f"the {text!r} button")
    press_enter_and_wait(page)


def type_and_send(page, field_id: str, text: str, button: str) -> None:
    tab_to(page, lambda el: el.get("id") == field_id, f"the {field_id} field")
    page.keyboard.type(text)
    press_button(page, button)


def test_citizen_proposes_and_caseworker_accepts_with_the_keyboard(page_factory):
    citizen = page_factory(390)
    login(citizen, "citizen@demo.dk")
    citizen.goto("/plan/")
    check_axe(citizen, "plan-index")
    tab_to(citizen, lambda el: el.get("text") == "Foreslå noget nyt", "the propose link")
    press_enter_and_wait(citizen)
    press_button(citizen, "Send forslaget")
    assert citizen.locator("[data-module='error-summary']").is_visible()
    check_axe(citizen, "plan-propose-errors")
    tab_to(citizen, lambda el: el.get("id") == "kind-0", "the first choice")
    citizen.keyboard.press("Space")
    type_and_send(citizen, "title", "Svejsekursus hos AMU", "Send forslaget")
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
    follow(page, "Tilføj aktiviteter")
    check_axe(page, "caseworker-plan-new-activity")
    send_with_errors(page, "Gem", "caseworker-plan-new-activity-errors")


@pytest.mark.parametrize("width", [390, 1280])
def test_plan_forms_with_errors_have_no_axe_violations(page_factory, width):
    """Every plan form, sent empty: the error summary and inline errors pass axe."""
    citizen = page_factory(width)
    login(citizen, "citizen@demo.dk")
    citizen.goto("/plan/")
    send_with_errors(citizen, "Bekræft", "plan-acknowledge-errors")
    citizen.goto("/plan/")
    follow(citizen, "Praktik hos Holbæk Logistik")
    send_with_errors(citizen, "Send kommentar", "plan-comment-errors")
    follow(citizen, "Ret dine mål og forventninger")
    citizen.locator("#text").fill("")
    send_with_errors(citizen, "Gem", "plan-expectations-errors")

    caseworker = page_factory(width)
    login(caseworker, "caseworker@demo.dk")
    open_marias_plan(caseworker)
    plan_url = caseworker.url
    send_with_errors(caseworker, "Gem svar", "caseworker-proposal-errors")
    caseworker.goto(plan_url)
    follow(caseworker, "Ret slutmålet")
    caseworker.locator("#end_goal").fill("")
    send_with_errors(caseworker, "Gem", "caseworker-end-goal-errors")
