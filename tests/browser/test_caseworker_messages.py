"""The caseworker's Beskeder in a real browser, at phone and desktop width: from the citizen page to a
new thread, its errors, the thread page with its answer, wait and close forms, and a close without a
note; axe on every page and error state. A citizen of the demo caseload no other browser test uses."""

from __future__ import annotations

import pytest

from tests.browser.conftest import assert_no_horizontal_scroll, check_axe, login
from tests.browser.test_caseworker_workspace import open_citizen
from tests.browser.test_plan import press_button, send_with_errors, type_and_send

CITIZEN = {390: "Fatima Petersen", 1280: "Jonas Nielsen"}


@pytest.mark.parametrize("width", [390, 1280])
def test_the_caseworker_writes_waits_and_closes(page_factory, width):
    page = page_factory(width)
    login(page, "caseworker@demo.dk")
    open_citizen(page, CITIZEN[width])
    assert "Beskeder" in page.locator("main h2").all_inner_texts()
    page.get_by_role("link", name="Skriv til borgeren").click()
    page.wait_for_load_state()
    check_axe(page, "caseworker-message-new")
    send_with_errors(page, "Send beskeden", "caseworker-message-new-errors")
    page.fill("#subject", "Dit næste møde")
    type_and_send(page, "body", "Kan du komme tirsdag kl. 10?", "Send beskeden")
    assert page.get_by_text("Kan du komme tirsdag kl. 10?").is_visible()
    check_axe(page, "caseworker-message-thread")
    if width <= 390:
        assert_no_horizontal_scroll(page, "caseworker-message-thread")

    press_button(page, "Venter på svar fra borgeren")
    assert page.get_by_text("Borgeren kan nu se, at du venter på svar.").is_visible()
    check_axe(page, "caseworker-message-waiting")

    send_with_errors(page, "Luk samtalen", "caseworker-message-close-errors")
    page.fill("#note", "Vi ses tirsdag.")
    press_button(page, "Luk samtalen")
    assert page.get_by_text("Samtalen er lukket. Borgeren kan læse din note.").is_visible()
    check_axe(page, "caseworker-message-closed")
