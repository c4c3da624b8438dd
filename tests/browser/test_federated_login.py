"""MitID and the staff login in Chromium: the portal and the development identity provider as real
servers, the person pressing the buttons by keyboard, axe on every page of the flow that is ours
(the login page and the refusal pages, in Danish and English, at phone and desktop width)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import _origin, check_axe, create_browser_app
from tests.browser.test_keyboard import tab_until
from tests.identity import LateApp, running_devidp, serving


@pytest.fixture(scope="module")
def federated(browser_db_url, client_key):
    """(portal URL, provider URL): the demo database's portal with both logins on, and the provider
    that knows the portal's address."""
    late = LateApp()
    with serving(late, threaded=True) as url:
        provider = running_devidp(client_key, url)
        devidp = next(provider)
        late.app = create_browser_app(
            browser_db_url,
            BASE_URL=url,
            MITID_ISSUER=f"{devidp}/mitid",
            MITID_PRIVATE_KEY_FILE=str(client_key.private_file),
            STAFF_ISSUER=f"{devidp}/staff",
            STAFF_CLIENT_SECRET="a-staff-client-secret-for-tests-only",
        )
        yield url, devidp
        provider.close()


@pytest.fixture
def live_server(federated):
    return federated[0]


@pytest.fixture
def page_guard(page_guard, federated):
    page_guard.also_allowed.add(_origin(federated[1]))
    return page_guard


def choose(page, identity: str, second: str) -> None:
    """On the provider's page: pick the identity and the level (or MFA), then log in."""
    page.check(f"input[name=identity][value={identity}]")
    page.check(second)
    with page.expect_navigation(url=lambda url: "/interaction/" not in url):
        page.get_by_role("button", name="Log ind", exact=True).click()


@pytest.mark.parametrize("width", [390, 1280])
def test_a_citizen_logs_in_with_mitid_by_keyboard_and_out_again(page_factory, federated, width):
    _portal, devidp = federated
    page = page_factory(width)
    page.goto("/login")
    check_axe(page, "login with MitID")
    tab_until(page, lambda el: el.get("text") == "Log ind med MitID", "the MitID button")
    with page.expect_navigation(url=lambda url: url.startswith(devidp)):
        page.keyboard.press("Enter")
    choose(page, "maria", "input[name=level][value=Substantial]")
    assert page.get_by_role("heading", level=1, name="Hej Maria").is_visible()

    if width <= 390:
        page.get_by_role("button", name="Menu").click()  # on a phone "Log af" is in the menu
    with page.expect_navigation(url=lambda url: url.startswith(devidp)):
        page.locator("header button:visible", has_text="Log af").first.click()
    with page.expect_navigation(url=lambda url: "/login" in url):
        page.get_by_role("button", name="Ja, log mig ud").click()
    assert page.get_by_text("Du er nu logget af").is_visible()


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("language", ["da", "en"])
def test_a_refused_login_says_what_to_do(page_factory, page_guard, width, language):
    page_guard.allow_console_error(r"status of 403 .*/login/mitid/callback")  # the refusal's own status
    page = page_factory(width)
    page.goto("/login")
    if language == "en":
        with page.expect_navigation():
            page.get_by_role("button", name="English").first.click()
    check_axe(page, f"login page {language}")
    button = "Log ind med MitID" if language == "da" else "Log in with MitID"
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()
    choose(page, "maria", "input[name=level][value=Low]")
    title = "Dit login med MitID er ikke sikkert nok" if language == "da" else "Your MitID login is not secure enough"
    assert page.get_by_role("heading", level=1, name=title).is_visible()
    check_axe(page, f"refused login {language}")


def test_a_caseworker_logs_in_with_mfa_and_lands_on_the_caseload(page, federated):
    page.goto("/login")
    with page.expect_navigation():
        page.get_by_role("button", name="Log ind som medarbejder").click()
    choose(page, "karen", "input[name=mfa][value=yes]")
    assert page.get_by_role("heading", level=1, name="Mine borgere").is_visible()


@pytest.mark.parametrize("width", [390, 1280])
def test_an_auditor_lands_on_the_audit_page(page_factory, federated, width):
    page = page_factory(width)
    page.goto("/login")
    with page.expect_navigation():
        page.get_by_role("button", name="Log ind som medarbejder").click()
    choose(page, "rikke", "input[name=mfa][value=yes]")
    assert page.get_by_role("heading", level=1, name="Revision").is_visible()
    check_axe(page, "auditor page")
