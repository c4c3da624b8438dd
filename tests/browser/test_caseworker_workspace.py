"""The caseworker workspace in a real browser: the citizen page's sections, a handover and its note,
adding a citizen whose one-time link sets their password, the citizen told of a new caseworker.
Keyboard only where a person would send a form, axe on every page and every error state."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import check_axe, login
from tests.browser.test_plan import press_button, press_enter_and_wait, send_with_errors, tab_to

pytestmark = pytest.mark.browser


def open_citizen(page, name: str) -> None:
    page.goto("/caseworker/")
    page.get_by_role("link", name=name, exact=True).click()
    page.wait_for_load_state()


@pytest.mark.parametrize("width", [390, 1280])
def test_citizen_page_opens_on_the_next_meeting_with_a_section_per_subject(page_factory, width):
    page = page_factory(width)
    login(page, "caseworker@demo.dk")
    open_citizen(page, "Maria Jensen")
    headings = page.locator("main h2").all_inner_texts()
    for section in ("Til næste møde", "Forberedelse", "Plan", "Møder og hjemmeopgaver", "Joblog", "Sagsbehandlere"):
        assert section in headings, headings
    assert headings.index("Til næste møde") < headings.index("Forberedelse")
    page.get_by_role("link", name="Joblog", exact=True).click()  # the in-page navigation
    assert page.url.endswith("#joblog")
    check_axe(page, "caseworker-citizen-sections")


def test_a_handover_goes_to_the_colleague_who_reads_the_note_and_hands_back(page_factory):
    karen = page_factory(390)
    login(karen, "caseworker@demo.dk")
    open_citizen(karen, "Mads Christensen")
    tab_to(karen, lambda el: el.get("text") == "Overdrag borgeren til en kollega", "the handover link")
    press_enter_and_wait(karen)
    check_axe(karen, "caseworker-handover")
    send_with_errors(karen, "Overdrag borgeren", "caseworker-handover-errors")
    karen.select_option("#caseworker", label="Lene Vestergaard")
    karen.fill("#note", "Mads starter i praktik på mandag. Ring til ham fredag.")
    press_button(karen, "Overdrag borgeren")
    assert urlsplit(karen.url).path == "/caseworker/"
    assert karen.get_by_text("Borgeren er overdraget til din kollega").is_visible()
    assert karen.get_by_role("link", name="Mads Christensen", exact=True).count() == 0
    check_axe(karen, "caseworker-handover-done")

    lene = page_factory(1280)
    login(lene, "caseworker3@demo.dk")
    assert lene.get_by_text("Overdraget til dig, note ikke læst").is_visible()
    open_citizen(lene, "Mads Christensen")
    assert lene.get_by_text("Overdraget fra Karen Holm den").is_visible()
    assert lene.get_by_text("Mads starter i praktik på mandag.").first.is_visible()
    check_axe(lene, "caseworker-handover-note")
    press_button(lene, "Marker noten som læst")
    assert lene.get_by_text("Overdragelsesnoten er markeret som læst.").is_visible()
    assert lene.get_by_role("button", name="Marker noten som læst").count() == 0
    assert lene.get_by_text("1 skift af sagsbehandler").is_visible()

    # Hand him back, so the other browser tests find Karen's caseload as the demo made it.
    lene.get_by_role("link", name="Overdrag borgeren til en kollega").click()
    lene.wait_for_load_state()
    lene.select_option("#caseworker", label="Karen Holm")
    lene.fill("#note", "Tilbage til dig efter ferien.")
    press_button(lene, "Overdrag borgeren")
    open_citizen(karen, "Mads Christensen")
    assert karen.get_by_text("2 skift af sagsbehandler").is_visible()
    press_button(karen, "Marker noten som læst")


def test_a_new_citizen_chooses_a_password_with_the_one_time_link(page_factory, page_guard):
    karen = page_factory(1280)
    login(karen, "caseworker@demo.dk")
    tab_to(karen, lambda el: el.get("text") == "Tilføj en borger", "the add-citizen link")
    press_enter_and_wait(karen)
    check_axe(karen, "caseworker-invite")
    send_with_errors(karen, "Tilføj borgeren", "caseworker-invite-errors")
    karen.fill("#name", "Birgitte Lund")
    karen.fill("#cpr_number", "020290-4321")
    karen.fill("#email", "birgitte.lund@example.dk")
    karen.fill("#first_contact_date", "2.11.2026")
    press_button(karen, "Tilføj borgeren")
    assert karen.get_by_role("heading", name="Giv borgeren linket").is_visible()
    check_axe(karen, "caseworker-invite-link")
    path = urlsplit(karen.input_value("#activation-link")).path

    citizen = page_factory(390)
    citizen.goto(path)
    assert citizen.get_by_role("heading", name="Velkommen til Min Plan").is_visible()
    check_axe(citizen, "activate")
    citizen.fill("#password", "en lang og god adgangskode")
    citizen.fill("#repeat", "en anden adgangskode")
    press_button(citizen, "Gem adgangskoden og log ind")
    assert citizen.get_by_text("Skriv den samme adgangskode begge steder").first.is_visible()
    check_axe(citizen, "activate-errors")
    tab_to(citizen, lambda el: el.get("id") == "password", "the password field")
    citizen.keyboard.type("en lang og god adgangskode")
    tab_to(citizen, lambda el: el.get("id") == "repeat", "the repeat field")
    citizen.keyboard.type("en lang og god adgangskode")
    press_button(citizen, "Gem adgangskoden og log ind")
    assert urlsplit(citizen.url).path == "/"
    assert citizen.get_by_role("heading", level=1, name="Hej Birgitte").is_visible()
    assert citizen.get_by_text("Karen Holm, siden").is_visible()

    page_guard.allow_console_error(r"status of 410")
    used = page_factory(390)
    response = used.goto(path)
    assert response.status == 410
    assert used.get_by_role("heading", name="Linket er allerede brugt").is_visible()
    check_axe(used, "activate-used")


def test_the_citizen_is_told_of_a_new_caseworker_and_dismisses_it(page_factory):
    page = page_factory(390)
    login(page, "citizen2@demo.dk")
    notice = page.get_by_text("Du har fået en ny sagsbehandler")
    assert notice.is_visible()
    assert page.get_by_text("er Karen Holm din sagsbehandler i stedet for Lene Vestergaard").is_visible()
    check_axe(page, "overview-new-caseworker")
    press_button(page, "OK, forstået")
    assert page.get_by_text("Du har fået en ny sagsbehandler").count() == 0
    assert page.get_by_text("Karen Holm, siden").is_visible()
