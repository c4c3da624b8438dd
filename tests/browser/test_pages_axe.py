"""Every page a person can reach, at phone and desktop width: axe WCAG 2.1 A + AA, and no sideways
scrolling (WCAG 1.4.10 reflow). Logged out, as a citizen, as a caseworker, and in English.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

from tests.browser.conftest import assert_no_horizontal_scroll, check_axe, login, save_screenshot

WIDTHS = [390, 1280]
MAX_PAGES = 30
#: Pages that differ only by an id (/caseworker/citizens/<id>) share a template: check a sample of
#: them (the first and last rows of the caseload: a meeting booked and none), which keeps the suite short;
#: the questionnaire and plan browser tests open the pages with sent answers and proposals on purpose.
MAX_PER_PATTERN = 3


def visit(page, path: str, status: int = 200):
    response = page.goto(path)
    assert response is not None and response.status == status, (
        f"{path}: expected {status}, got {response and response.status}"
    )
    return response


def check_page(page, name: str) -> None:
    """axe, and at phone width no horizontal scroll."""
    check_axe(page, name)
    if page.viewport_size["width"] <= 390:
        assert_no_horizontal_scroll(page, name)


def page_name(prefix: str, url: str) -> str:
    path = urlsplit(url).path.strip("/") or "overview"
    return f"{prefix}-{path}"


def same_origin_links(page, origin: str) -> list[str]:
    """Absolute same-origin page URLs linked from the current page (no /static, no fragments)."""
    links = []
    for href in page.eval_on_selector_all("a[href]", "els => els.map(a => a.getAttribute('href'))"):
        if not href or href.startswith("#"):
            continue
        url, _fragment = urldefrag(urljoin(page.url, href))
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != origin or parts.path.startswith("/static"):
            continue
        if parts.path.endswith((".ics", ".csv", ".json")):
            continue  # a download, not a page (tests/meetings, tests/joblog and tests/account check the files)
        links.append(url)
    return links


def url_pattern(url: str) -> str:
    return re.sub(r"\d+", "<id>", urlsplit(url).path)


def spread(items: list, count: int) -> list:
    """At most `count` items, evenly spread from first to last (a sorted list keeps both ends)."""
    if count <= 0:
        return []
    if len(items) <= count:
        return items
    if count == 1:
        return items[:1]
    step = (len(items) - 1) / (count - 1)
    return [items[round(i * step)] for i in range(count)]


def crawl(page, start: str, origin: str, prefix: str) -> list[str]:
    """Breadth-first from `start` over same-origin links, axe on each page; returns the URLs seen."""
    queue = deque([urljoin(origin, start)])
    seen: set[str] = set(queue)
    per_pattern = Counter(url_pattern(url) for url in queue)
    checked: list[str] = []
    while queue and len(checked) < MAX_PAGES:
        url = queue.popleft()
        response = page.goto(url)
        assert response is not None and response.ok, f"{url} answered {response and response.status}"
        final = page.url
        if final in checked:
            continue  # a redirect to a page already checked (e.g. / -> /caseworker/)
        seen.add(final)
        check_page(page, page_name(prefix, final))
        checked.append(final)
        new_links: dict[str, list[str]] = {}
        for link in same_origin_links(page, origin):
            if link not in seen and link not in new_links.setdefault(url_pattern(link), []):
                new_links[url_pattern(link)].append(link)
        for pattern, links in new_links.items():
            for link in spread(links, MAX_PER_PATTERN - per_pattern[pattern]):
                seen.add(link)
                per_pattern[pattern] += 1
                queue.append(link)
    return checked


# --- logged out ---------------------------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
def test_public_pages(page_factory, page_guard, width):
    page = page_factory(width)

    visit(page, "/login")
    check_page(page, "login")

    page.get_by_role("button", name="Log ind", exact=True).click()
    page.wait_for_load_state()
    assert page.title().startswith("Fejl:"), "a page with form errors says so in its <title>"
    assert page.locator(".form-error-message").count() >= 1
    check_page(page, "login-form-errors")

    visit(page, "/login")
    page.fill("#email", "citizen@demo.dk")
    page.fill("#password", "not-the-password")
    with page.expect_navigation():
        page.get_by_role("button", name="Log ind", exact=True).click()
    assert page.get_by_text("Du blev ikke logget ind").is_visible()
    check_page(page, "login-failed")

    visit(page, "/tilgaengelighed")
    check_page(page, "tilgaengelighed")

    visit(page, "/privatliv")
    check_page(page, "privatliv")

    page_guard.allow_console_error(r"status of 404")  # Chromium logs the page's own 404 status
    visit(page, "/denne-side-findes-ikke", status=404)
    check_page(page, "not-found")


# --- logged in ----------------------------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
def test_citizen_pages(page_factory, page_guard, width):
    page = page_factory(width)
    login(page, "citizen@demo.dk")
    assert page.get_by_role("heading", level=1, name="Hej Maria").is_visible()
    checked = crawl(page, "/", page_guard.origin, "citizen")
    paths = {urlsplit(url).path for url in checked}
    assert {"/", "/tilgaengelighed", "/privatliv"} <= paths, paths


@pytest.mark.parametrize("width", WIDTHS)
def test_caseworker_pages(page_factory, page_guard, width):
    page = page_factory(width)
    login(page, "caseworker@demo.dk")
    assert urlsplit(page.url).path == "/caseworker/"
    checked = crawl(page, "/caseworker/", page_guard.origin, "caseworker")
    citizen_pages = [url for url in checked if "/caseworker/citizens/" in url]
    assert len(citizen_pages) >= 2, f"the crawl reached the citizen pages: {checked}"


@pytest.mark.parametrize("width", WIDTHS)
def test_english_overview(page_factory, width):
    # citizen2, not citizen: the choice is stored on the account, and other tests expect Danish.
    page = page_factory(width)
    login(page, "citizen2@demo.dk")
    try:
        with page.expect_navigation():
            page.get_by_role("button", name="English", exact=True).click()
        assert page.get_attribute("html", "lang") == "en"
        # lang="en" must describe the text too (WCAG 3.1.1), not a Danish page with an English label.
        assert not page.inner_text("h1").startswith("Hej"), page.inner_text("h1")
        assert page.get_by_role("button", name="English", exact=True).get_attribute("aria-current") == "true"
        check_page(page, "overview-en")
    finally:
        with page.expect_navigation():
            page.get_by_role("button", name="Dansk", exact=True).click()
    assert page.get_attribute("html", "lang") == "da"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("language", "own_name"), [("ar", "العربية"), ("uk", "Українська")])
def test_citizen_pages_in_arabic_and_ukrainian(page_factory, page_guard, width, language, own_name):
    """Every page a citizen reaches, in the language chosen: axe, no sideways scroll at 390 px, the
    page really in that language and direction. At 390 px in Arabic each page is also saved as a
    screenshot (test-results/screenshots/citizen-ar-*-390.png) to be looked at."""
    page = page_factory(width)
    login(page, "citizen2@demo.dk")
    try:
        with page.expect_navigation():
            page.get_by_role("button", name=own_name, exact=True).click()
        assert page.get_attribute("html", "lang") == language
        assert page.get_attribute("html", "dir") == ("rtl" if language == "ar" else "ltr")
        checked = crawl(page, "/", page_guard.origin, f"citizen-{language}")
        assert len(checked) >= 8, checked
        if language == "ar" and width == 390:
            for url in checked:
                page.goto(url)
                save_screenshot(page, page_name("citizen-ar", url))
        # DKFDS's live character count speaks the page's language too (static/js/portal.js).
        counters = 0
        for url in checked:
            page.goto(url)
            for counter in page.locator(".form-limit .character-limit").all():
                counters += 1
                text = counter.text_content() or ""  # it may sit in a folded <details>
                assert "tegn" not in text and any(c.isdigit() for c in text), text
        assert counters, "a page with a character count was checked"
        page.goto("/")
        # The text is in the language too, not a Danish page under another lang (WCAG 3.1.1).
        assert not page.inner_text("h1").startswith("Hej"), page.inner_text("h1")
        if language == "ar":
            direction = page.evaluate("getComputedStyle(document.querySelector('main')).direction")
            assert direction == "rtl"
    finally:
        with page.expect_navigation():
            page.get_by_role("button", name="Dansk", exact=True).click()
    assert page.get_attribute("html", "lang") == "da"


# --- reflow at the smallest width -----------------------------------------------------------------


def test_no_horizontal_scroll_at_320(page_factory):
    page = page_factory(320)
    visit(page, "/login")
    assert_no_horizontal_scroll(page, "login at 320 px")
    login(page, "citizen@demo.dk")
    assert urlsplit(page.url).path == "/"
    assert_no_horizontal_scroll(page, "overview at 320 px")
