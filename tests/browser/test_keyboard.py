"""The portal works with the keyboard alone: skip link, log in, log out (WCAG 2.1.1, 2.4.1, 2.4.3)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import focused

MAX_TABS = 30


def tab_until(page, matches, what: str) -> int:
    """Press Tab until `matches(focused element)`; returns the number of presses."""
    for presses in range(1, MAX_TABS + 1):
        page.keyboard.press("Tab")
        if matches(focused(page)):
            return presses
    raise AssertionError(f"{what} not reached with {MAX_TABS} presses of Tab; focus is on {focused(page)}")


@pytest.mark.parametrize("width", [390, 1280])
def test_log_in_and_out_with_the_keyboard(page_factory, width):
    page = page_factory(width)
    page.goto("/login")

    page.keyboard.press("Tab")
    first = focused(page)
    assert first["text"] == "Gå til sidens indhold" and first["visible"], (
        f"the first Tab focuses the visible skip link, not {first}"
    )

    presses = 1 + tab_until(page, lambda el: el.get("id") == "email", "the e-mail field")
    assert presses <= MAX_TABS
    page.keyboard.type("citizen@demo.dk")
    page.keyboard.press("Tab")
    assert focused(page).get("id") == "password", "Tab goes from the e-mail field to the password field"
    page.keyboard.type("demo-password")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    heading = page.get_by_role("heading", level=1, name="Hej Maria")
    assert heading.is_visible(), "the overview greets the citizen after logging in"

    if width <= 390:
        # On a phone "Log af" is in the menu, DKFDS's drawer, which opens with focus inside it.
        tab_until(page, lambda el: el.get("text") == "Menu" and el.get("visible"), "the visible 'Menu' button")
        page.keyboard.press("Enter")
    tab_until(
        page,
        lambda el: el.get("tag") == "button" and el.get("text") == "Log af" and el.get("visible"),
        "the visible 'Log af' button",
    )
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.split("?")[0].endswith("/login")
    assert page.get_by_text("Du er nu logget af").is_visible()


@pytest.mark.parametrize("path", ["/login", "/tilgaengelighed"])
def test_skip_link_moves_focus_to_main(page_factory, path):
    page = page_factory(390)
    page.goto(path)
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Gå til sidens indhold"
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'main-content'", timeout=2000)
    assert page.evaluate("document.activeElement.tagName") == "MAIN"
    # The next Tab continues inside the main content, not back at the top of the page.
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('main')"), (
        f"after the skip link, Tab stays in <main>; focus is on {focused(page)}"
    )
