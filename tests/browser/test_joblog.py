"""The joblog in the browser: add, edit and delete (and undo) with the keyboard alone at phone width;
the forms with errors and the list with its chart pass axe at both widths."""

from __future__ import annotations

import pytest

from tests.browser.conftest import check_axe, login
from tests.browser.test_plan import follow, press_button, press_enter_and_wait, send_with_errors, tab_to


def test_add_edit_delete_and_undo_with_the_keyboard(page_factory):
    page = page_factory(390)
    login(page, "citizen@demo.dk")
    follow(page, "Se din joblog")
    tab_to(page, lambda el: el.get("text") == "Tilføj en ansøgning", "the add link")
    press_enter_and_wait(page)
    press_button(page, "Gem og tilføj en til")
    assert page.locator("[data-module='error-summary']").is_visible()
    check_axe(page, "joblog-new-errors")
    tab_to(page, lambda el: el.get("id") == "job_title", "the title field")
    page.keyboard.type("Lagerchef")
    tab_to(page, lambda el: el.get("id") == "employer", "the employer field")
    page.keyboard.type("Tastatur A/S")
    tab_to(page, lambda el: el.get("id") == "application_type", "how you applied")
    page.keyboard.press("ArrowDown")
    press_button(page, "Gem")
    assert "Indførslen er gemt i din joblog." in page.locator("main").inner_text()

    follow(page, "Lagerchef")
    check_axe(page, "joblog-edit")
    tab_to(page, lambda el: el.get("id") == "employer", "the employer field")
    page.keyboard.press("End")  # Tab selects the text; typing would replace it
    page.keyboard.type(" og Søn")
    press_button(page, "Gem")
    assert "Tastatur A/S og Søn" in page.locator("main").inner_text()
    follow(page, "Lagerchef")
    press_button(page, "Slet")
    assert "Slettet: Lagerchef" in page.locator("main").inner_text()
    check_axe(page, "joblog-deleted-undo")
    press_button(page, "Fortryd")
    assert "Indførslen er tilbage i din joblog" in page.locator("main").inner_text()


@pytest.mark.parametrize("width", [390, 1280])
def test_joblog_pages_with_errors_have_no_axe_violations(page_factory, width):
    page = page_factory(width)
    login(page, "citizen@demo.dk")
    page.goto("/joblog/?start=2.2.2026&end=1.1.2026")
    assert page.locator("[data-module='error-summary']").is_visible()
    check_axe(page, "joblog-list-filter-errors")
    page.locator("details.details summary").first.click()
    check_axe(page, "joblog-list-table-open")
    page.goto("/joblog/new")
    page.get_by_text("Flere oplysninger (frivilligt)").click()
    page.locator("#link").fill("javascript:alert(1)")
    page.locator("#employer").fill("")
    send_with_errors(page, "Gem", "joblog-new-link-errors")
    assert page.locator("details[open] #link").is_visible(), "optional fields with errors are shown open"
    for path in ("/account/my-data", "/account/access-log"):
        page.goto(path)
        check_axe(page, f"account-{path.rsplit('/', 1)[-1]}")

    caseworker = page_factory(width)
    login(caseworker, "caseworker@demo.dk")
    caseworker.goto("/caseworker/?view=rocket")
    assert caseworker.locator("[data-module='error-summary']").is_visible()
    check_axe(caseworker, "caseload-filter-errors")
    caseworker.goto("/caseworker/?view=attention&order=attention")
    check_axe(caseworker, "caseload-needs-attention")
    follow(caseworker, "Maria Jensen")
    follow(caseworker, "Se borgerens joblog")
    check_axe(caseworker, "caseworker-joblog")
