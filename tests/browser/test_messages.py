"""Beskeder in the browser, by keyboard: Maria asks about a homework task, Karen reads and answers it,
and Maria sees the answer and that Karen read her question. axe finds nothing at phone and desktop
width, with the form's errors shown too, in Danish and in Arabic (right to left)."""

from __future__ import annotations

import re

from tests.browser.conftest import check_axe, login
from tests.browser.test_plan import press_button, press_enter_and_wait, tab_to
from tests.browser.test_questionnaire import choose_language

TASK = "Find 5 virksomheder, der passer til dit jobmål"
QUESTION = "Må det være virksomheder uden for Holbæk?"
ANSWER = "Ja, gerne i hele Region Sjælland."


def unread_answers(page) -> int:
    """The overview's count of answers not read yet."""
    page.goto("/")
    found = re.search(r"Du har (\d+) (?:nyt|nye) svar fra din sagsbehandler", page.locator("main").inner_text())
    return int(found.group(1)) if found else 0


def test_maria_asks_about_homework_karen_answers_and_maria_sees_it_read(page_factory):
    maria = page_factory(390)
    login(maria, "citizen@demo.dk")
    maria.goto("/homework/")
    tab_to(maria, lambda el: el.get("text") == TASK, "the homework task")
    press_enter_and_wait(maria)
    tab_to(maria, lambda el: el.get("text") == "Spørg om dette", "Spørg om dette")
    press_enter_and_wait(maria)
    assert maria.locator("#subject").input_value() == TASK
    assert "Jobcentret svarer inden for 2 arbejdsdage." in maria.locator("main").inner_text()
    check_axe(maria, "messages-new")
    press_button(maria, "Send beskeden")
    assert "Skriv din besked" in maria.locator("[data-module='error-summary']").inner_text()
    check_axe(maria, "messages-new-errors")
    tab_to(maria, lambda el: el.get("id") == "body", "the message box")
    maria.keyboard.type(QUESTION)
    press_button(maria, "Send beskeden")
    thread_url = maria.url
    assert re.search(r"/messages/\d+$", thread_url)
    assert maria.locator(".message-body").last.inner_text() == QUESTION
    assert maria.locator(".message-receipt").inner_text() == "Ikke læst endnu"
    assert maria.locator(".message-about a").inner_text() == TASK
    check_axe(maria, "messages-thread-sent")

    karen = page_factory(1280)
    login(karen, "caseworker@demo.dk")
    karen.goto("/caseworker/")
    row = karen.locator("tr", has=karen.get_by_role("link", name="Maria Jensen", exact=True))
    assert "ulæst" in row.inner_text().casefold() or "ny" in row.inner_text().casefold()
    karen.get_by_role("link", name="Maria Jensen", exact=True).click()
    karen.wait_for_load_state()
    karen.get_by_role("link", name=TASK).first.click()
    karen.wait_for_load_state()
    check_axe(karen, "caseworker-messages-thread")
    tab_to(karen, lambda el: el.get("id") == "body", "the answer box")
    karen.keyboard.type(ANSWER)
    press_button(karen, "Send svaret")
    assert karen.locator(".message-body").last.inner_text() == ANSWER
    check_axe(karen, "caseworker-messages-answered")

    new_answers = unread_answers(maria)
    assert new_answers >= 1
    maria.goto(thread_url)
    assert maria.locator(".message-body").last.inner_text() == ANSWER
    assert maria.locator(".message-receipt").inner_text().startswith("Læst af din sagsbehandler ")
    # The page marked the answer read once it was on screen: the overview says nothing new now.
    maria.wait_for_selector("form[data-auto-read]", state="hidden")
    assert unread_answers(maria) == new_answers - 1
    check_axe(maria, "overview-after-reading")

    wide = page_factory(1280)
    login(wide, "citizen@demo.dk")
    for path, name in (("/messages/", "messages-index"), (thread_url, "messages-thread"), ("/messages/new", "new")):
        wide.goto(path)
        check_axe(wide, f"{name}-1280")


def test_beskeder_in_arabic_reads_right_to_left_and_passes_axe(page_factory):
    maria = page_factory(390)
    login(maria, "citizen2@demo.dk")
    choose_language(maria, "ar")
    try:
        maria.goto("/messages/")
        assert maria.get_attribute("html", "dir") == "rtl"
        check_axe(maria, "messages-index-ar")
        maria.locator(".message-threads a").first.click()
        maria.wait_for_load_state()
        # Yusuf's Danish message keeps its own direction inside the Arabic page.
        assert maria.locator(".message-body").first.get_attribute("dir") == "auto"
        check_axe(maria, "messages-thread-ar")
        maria.goto("/messages/new")
        maria.locator("form[method=post] button[type=submit]").last.click()
        maria.wait_for_load_state()
        assert maria.locator("[data-module='error-summary']").is_visible()
        check_axe(maria, "messages-new-errors-ar")
    finally:
        choose_language(maria, "da")
