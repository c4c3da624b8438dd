"""The header's main menu in a real browser: on a phone behind DKFDS's menu button (a drawer that opens
and closes by keyboard and keeps focus inside while open), in a row on a desktop, and without
JavaScript still in the header; the caseworker's caseload uses the width of a desktop screen."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import assert_no_horizontal_scroll, check_axe, focused, login
from tests.browser.test_keyboard import tab_until

CITIZEN_MENU = ["Overblik", "Min plan", "Møder", "Hjemmeopgaver", "Joblog", "Beskeder"]
DRAWER = "header .mobile-drawer"


def in_drawer(page) -> bool:
    return page.evaluate(f"document.querySelector('{DRAWER}').contains(document.activeElement)")


def open_menu_by_keyboard(page) -> None:
    tab_until(page, lambda el: el.get("tag") == "button" and el.get("text") == "Menu" and el.get("visible"), "Menu")
    page.keyboard.press("Enter")
    page.locator(DRAWER).wait_for(state="visible")


def test_on_a_phone_the_menu_opens_and_closes_by_keyboard(page_factory):
    page = page_factory(390)
    login(page, "citizen@demo.dk")
    assert page.locator("header .navigation-menu").is_hidden(), "the desktop row is folded away on a phone"
    assert page.locator(DRAWER).is_hidden()
    assert page.get_by_role("button", name="Log af").locator("visible=true").count() == 0, "Log af is in the menu"
    assert_no_horizontal_scroll(page, "overview with the menu closed")
    check_axe(page, "menu-closed")

    open_menu_by_keyboard(page)
    # As DKFDS does: focus moves to "Luk" at the top of the drawer, and Tab stays inside it.
    assert focused(page)["text"] == "Luk"
    assert page.get_by_role("dialog", name="Menu").is_visible()
    links = page.locator(f"{DRAWER} nav a")
    assert links.all_inner_texts() == CITIZEN_MENU
    assert page.locator(f"{DRAWER} nav a[aria-current=page]").inner_text() == "Overblik"
    stops = []
    for _ in range(len(CITIZEN_MENU) + 2):
        page.keyboard.press("Tab")
        assert in_drawer(page), f"Tab left the open menu for {focused(page)}"
        stops.append(focused(page)["text"])
    assert stops == [*CITIZEN_MENU, "Log af", "Luk"], "after the last stop Tab goes round to the first"
    page.keyboard.press("Shift+Tab")
    assert focused(page)["text"] == "Log af", "Shift+Tab from the first stop goes round to the last"
    assert_no_horizontal_scroll(page, "overview with the menu open")
    check_axe(page, "menu-open")

    page.keyboard.press("Escape")
    page.locator(DRAWER).wait_for(state="hidden")
    assert focused(page)["text"] == "Menu", "closing gives focus back to the menu button"

    open_menu_by_keyboard(page)
    page.keyboard.press("Enter")  # on "Luk"
    page.locator(DRAWER).wait_for(state="hidden")
    assert focused(page)["text"] == "Menu"


def test_on_a_phone_a_menu_entry_opens_its_page_marked_as_current(page_factory):
    page = page_factory(390)
    login(page, "citizen@demo.dk")
    open_menu_by_keyboard(page)
    tab_until(page, lambda el: el.get("text") == "Joblog", "Joblog in the menu")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert urlsplit(page.url).path == "/joblog/"
    assert page.locator(DRAWER).is_hidden()
    open_menu_by_keyboard(page)
    assert page.locator(f"{DRAWER} nav a[aria-current=page]").inner_text() == "Joblog"
    check_axe(page, "menu-open-joblog")

    tab_until(page, lambda el: el.get("text") == "Log af", "Log af in the menu")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_text("Du er nu logget af").is_visible()
    assert page.locator("header .js-menu-open").count() == 0, "logged out: no menu"


def test_on_a_desktop_the_menu_is_a_row_in_the_header(page_factory):
    page = page_factory(1280)
    login(page, "citizen@demo.dk")
    page.goto("/meetings/")
    row = page.get_by_role("navigation", name="Hovedmenu")
    assert row.is_visible() and row.locator("a").all_inner_texts() == CITIZEN_MENU
    assert page.locator("header .js-menu-open").is_hidden(), "no menu button on a desktop"
    assert row.locator("a[aria-current=page]").inner_text() == "Møder"
    boxes = [link.bounding_box() for link in row.locator("a").all()]
    assert len({round(box["y"]) for box in boxes}) == 1, "the five entries stand in one row"
    assert page.locator("header .more-option").is_hidden(), "all five fit: DKFDS's 'Mere' stays folded away"

    with page.expect_navigation():
        page.locator("main a[href^='/meetings/']").first.click()
    assert urlsplit(page.url).path.startswith("/meetings/") and urlsplit(page.url).path != "/meetings/"
    assert row.locator("a[aria-current=true]").inner_text() == "Møder", "a meeting's page is under Møder"
    check_axe(page, "menu-desktop")


def test_without_javascript_a_phone_shows_the_menu_and_log_af_in_the_header(context_factory):
    page = context_factory(390, java_script_enabled=False).new_page()
    login(page, "citizen@demo.dk")
    assert page.locator(DRAWER).is_hidden()
    assert page.locator("header .js-menu-open").is_hidden(), "no button that cannot open anything"
    menu = page.locator("header nav.navigation-menu-mobile").locator("visible=true")
    assert menu.locator("a").all_inner_texts() == CITIZEN_MENU
    assert menu.locator("a[aria-current=page]").inner_text() == "Overblik"
    assert_no_horizontal_scroll(page, "overview without JavaScript")
    with page.expect_navigation():
        page.get_by_role("button", name="Log af").locator("visible=true").click()
    assert page.get_by_text("Du er nu logget af").is_visible()


@pytest.mark.parametrize("width", [1280, 1920])
def test_the_caseload_uses_the_width_of_a_desktop_screen(page_factory, width):
    page = page_factory(width)
    login(page, "caseworker@demo.dk")
    assert urlsplit(page.url).path == "/caseworker/"
    assert page.get_by_role("navigation", name="Hovedmenu").locator("a[aria-current=page]").inner_text() == (
        "Mine borgere"
    )
    measured = page.evaluate("""() => {
        const wrapper = document.querySelector('main .table--responsive-scroll');
        const table = wrapper.querySelector('table');
        return {viewport: document.documentElement.clientWidth,
                main: document.querySelector('main').getBoundingClientRect().width,
                table: table.getBoundingClientRect().width,
                hiddenSideways: wrapper.scrollWidth - wrapper.clientWidth};
    }""")
    assert measured["main"] == measured["viewport"], measured
    assert measured["table"] >= measured["viewport"] - 2 * 16 - 1, f"the table fills the width: {measured}"
    assert measured["hiddenSideways"] <= 0, f"no column is scrolled out of sight: {measured}"
    check_axe(page, f"caseload-{width}")


@pytest.mark.parametrize(("own_name", "more"), [("Українська", "Більше"), ("العربية", "المزيد")])
def test_dkfds_more_button_speaks_the_page_language(page_factory, own_name, more):
    """DKFDS builds the "Mere" button for menu entries that do not fit; it says so in the page's
    language, not in Danish (it shows once the row is too long for the screen)."""
    page = page_factory(1280)
    login(page, "citizen@demo.dk")
    try:
        with page.expect_navigation():
            page.get_by_role("button", name=own_name, exact=True).click()
        assert page.locator("header .more-option .more-button").text_content().strip() == more
    finally:
        with page.expect_navigation():
            page.get_by_role("button", name="Dansk", exact=True).click()
