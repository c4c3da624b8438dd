"""The header's main menu (DKFDS header navigation) per kind of person, the page it marks as current,
the subtitle under the jobcentre's name, and the caseworker's full-width frame."""

from __future__ import annotations

import pytest

from portal.access import Role
from portal.joblog.models import JobLogEntry, search_text
from portal.meetings.models import Homework
from tests.factories import log_in

CITIZEN_MENU = [
    ("Overblik", "/"),
    ("Min plan", "/plan/"),
    ("Møder", "/meetings/"),
    ("Hjemmeopgaver", "/homework/"),
    ("Joblog", "/joblog/"),
    ("Beskeder", "/messages/"),
]
CASEWORKER_MENU = [("Mine borgere", "/caseworker/"), ("Tilføj en borger", "/caseworker/invitations/new")]
CITIZEN_SUBTITLE = "Forbered dine møder, følg din plan og hold din joblog opdateret"
CASEWORKER_SUBTITLE = "Forbered møderne med dine borgere, og følg op på deres plan og joblog"


def menus(page) -> list[list[tuple[str, str, str | None]]]:
    """Each main menu on the page (desktop row, then the phone's drawer): (text, href, aria-current)."""
    found = []
    for nav in page.select("header nav.nav, header .mobile-drawer nav.navigation-menu-mobile"):
        found.append(
            [(a.get_text(strip=True), a["href"], a.get("aria-current")) for a in nav.select("ul.mainmenu > li > a")]
        )
    return found


def marked(page) -> list[tuple[str, str]]:
    """The entry marked as where the person is, in both menus, with its aria-current; [] for none."""
    marks = {(text, current) for menu in menus(page) for text, _href, current in menu if current}
    return sorted(marks)


def subtitle(page) -> str:
    return page.select_one("header .solution-info .additional-info").get_text(" ", strip=True)


@pytest.fixture
def citizen(client, make_caseworker, make_citizen):
    caseworker = make_caseworker()
    person = make_citizen(caseworker=caseworker, name="Maria Jensen")
    log_in(client, person.email)
    return person, caseworker


def test_the_citizen_menu_has_the_six_pages_in_both_menus(get_page, citizen):
    page = get_page("/")
    desktop, drawer = menus(page)
    assert [(text, href) for text, href, _current in desktop] == CITIZEN_MENU
    assert desktop == drawer, "the phone's drawer lists the same entries as the desktop row"
    # DKFDS's own hooks: its JavaScript opens the drawer from this button and closes it from "Luk".
    assert page.select_one("header .portal-info button.js-menu-open[aria-haspopup=dialog]").get_text(strip=True) == (
        "Menu"
    )
    drawer_element = page.select_one("header .mobile-drawer[role=dialog][aria-modal=true]")
    assert drawer_element["aria-labelledby"] == "menu-heading"
    assert drawer_element.select_one("button.js-menu-close")["aria-label"] == "Luk menu"
    assert drawer_element.select_one(".portal-info-mobile form[action='/logout'] button").get_text(strip=True) == (
        "Log af"
    )


@pytest.mark.parametrize(("path", "entry"), [(href, text) for text, href in CITIZEN_MENU])
def test_each_citizen_page_is_marked_as_the_current_page(get_page, citizen, path, entry):
    page = get_page(path)
    assert marked(page) == [(entry, "page")]
    current_items = page.select("header nav.nav li.current")
    assert [li.get_text(strip=True) for li in current_items] == [entry]
    assert "active" in current_items[0]["class"]


def test_a_page_below_an_entry_marks_that_entry_as_the_section(get_page, session, citizen, make_meeting):
    person, caseworker = citizen
    meeting = make_meeting(person, caseworker)
    task = Homework(citizen_id=person.id, meeting_id=meeting.id, title="Opdater cv")
    entry = JobLogEntry(
        citizen_id=person.id,
        job_title="Lagermedarbejder",
        employer="Coop",
        applied_on=meeting.starts_at.date(),
        search_text=search_text("Lagermedarbejder", "Coop"),
        application_type="advertised",
        status="applied",
    )
    session.add_all([task, entry])
    session.commit()
    below = {
        f"/meetings/{meeting.id}": "Møder",
        f"/meetings/{meeting.id}/absence": "Møder",
        "/questionnaire/": "Møder",
        f"/homework/{task.id}": "Hjemmeopgaver",
        f"/joblog/{entry.id}": "Joblog",
        "/joblog/new": "Joblog",
        "/messages/new": "Beskeder",
        "/account/access-log": "Overblik",
    }
    for path, section in below.items():
        page = get_page(path)
        assert marked(page) == [(section, "true")], path
        assert not page.select("header li.current"), f"{path}: only the entry's own page is the current one"
        assert [li.get_text(strip=True) for li in page.select("header nav.nav li.active")] == [section]


def test_a_page_outside_the_menu_marks_nothing(get_page, citizen):
    page = get_page("/tilgaengelighed")
    assert [(text, href) for text, href, _current in menus(page)[0]] == CITIZEN_MENU
    assert marked(page) == []


def test_the_login_page_has_no_menu(get_page):
    page = get_page("/login")
    assert menus(page) == []
    assert page.select("header nav") == []
    assert page.select_one("header .js-menu-open") is None
    assert page.select_one("header .mobile-drawer") is None
    assert subtitle(page) == CITIZEN_SUBTITLE


def test_the_caseworker_has_their_own_menu_subtitle_and_full_width(get_page, make_caseworker, make_citizen, client):
    caseworker = make_caseworker()
    someone = make_citizen(caseworker=caseworker)
    log_in(client, caseworker.email)

    caseload = get_page("/caseworker/")
    desktop, drawer = menus(caseload)
    assert [(text, href) for text, href, _current in desktop] == CASEWORKER_MENU
    assert desktop == drawer
    assert marked(caseload) == [("Mine borgere", "page")]
    assert subtitle(caseload) == CASEWORKER_SUBTITLE
    assert CITIZEN_SUBTITLE not in caseload.get_text()
    assert "frame-wide" in caseload.body.get("class", [])

    for path in (
        f"/caseworker/citizens/{someone.id}",
        f"/caseworker/citizens/{someone.id}/plan",
        f"/caseworker/citizens/{someone.id}/joblog",
        f"/caseworker/citizens/{someone.id}/meetings/new",
    ):
        assert marked(get_page(path)) == [("Mine borgere", "true")], path
    assert marked(get_page("/caseworker/invitations/new")) == [("Tilføj en borger", "page")]


def test_the_citizen_page_is_not_full_width(get_page, citizen):
    assert "frame-wide" not in get_page("/").body.get("class", [])


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.AUDITOR, "Revision af, hvem der har set og ændret borgernes oplysninger"),
        (Role.ADMIN, "Administration af konti og jobcentre"),
    ],
)
def test_an_auditor_and_an_administrator_have_no_menu_but_can_log_out_on_a_phone(
    get_page, client, make_user, role, expected
):
    person = make_user(role)
    log_in(client, person.email)
    page = get_page("/")
    assert menus(page) == []
    assert subtitle(page) == expected
    assert CITIZEN_SUBTITLE not in page.get_text()
    # On a phone "Log af" lives in the drawer, so the menu button stays.
    assert page.select_one("header .js-menu-open") is not None
    assert page.select_one("header .mobile-drawer .portal-info-mobile form[action='/logout']") is not None
    assert "frame-wide" not in page.body.get("class", [])


def test_without_javascript_a_phone_still_shows_the_menu_and_log_af(client, citizen):
    """The drawer needs DKFDS's JavaScript to open; a <noscript> copy stands in the header instead."""
    from bs4 import BeautifulSoup

    html = client.get("/plan/").get_data(as_text=True)
    # Parsed as a browser without scripting does (html5lib reads <noscript> as text otherwise).
    fallback = BeautifulSoup(html, "html.parser").select_one("header noscript")
    assert fallback is not None
    assert "d-lg-none" in fallback.div["class"], "only below DKFDS's menu breakpoint, where the desktop row is hidden"
    entries = [(a.get_text(strip=True), a.get("aria-current")) for a in fallback.select("nav.navigation-menu-mobile a")]
    assert entries == [(text, "page" if text == "Min plan" else None) for text, _href in CITIZEN_MENU]
    assert fallback.select_one("form[action='/logout'] button").get_text(strip=True) == "Log af"
