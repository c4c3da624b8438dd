"""Real-browser tests: Debian's Chromium driven by Playwright, axe-core for WCAG 2.1 A + AA.

The suite runs against its own database (never the one the other tests roll back), migrated and
filled with the demo data, served by a real werkzeug server on a free port in a daemon thread.
Every page is opened in a fresh browser context that
- aborts and records any request that leaves the test server's origin (no CDN, font or tracker), and
- records console errors (CSP violations are reported there);
both lists must be empty when the test ends.

See /work/shared/TESTING.md (never run `playwright install`: the browser is Debian's).
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from portal import create_app
from portal.db import db
from portal.extensions import limiter
from tests.databases import migrated_database
from tests.identity import serving

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent.parent
SCREENSHOTS = REPO_ROOT / "test-results" / "screenshots"

CHROMIUM = "/usr/lib/chromium/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEMO_PASSWORD = "demo-password"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

MOBILE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
SMALLEST = {"width": 320, "height": 640}
VIEWPORTS = {390: MOBILE, 1280: DESKTOP, 320: SMALLEST}


# --- marker -------------------------------------------------------------------------------------


def pytest_collection_modifyitems(config, items):
    """Every test in this folder (and only those) is a `browser` test."""
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def connection():
    """Override the suite-wide rollback fixture: browser tests never touch the shared test database.

    The live server commits for real into its own database (see `browser_db_url`).
    """
    yield None


@pytest.fixture(autouse=True)
def rate_limits_off():
    """The suite logs in more often than LOGIN_RATE_LIMIT allows, all from 127.0.0.1.

    Flask-Limiter keeps `enabled` on its one global object, not per app, so RATELIMIT_ENABLED=False
    in the browser app's config would switch rate limiting off for every other test in the same
    run as well. Switch it off only while a browser test runs, and put it back afterwards.
    """
    previous = limiter.enabled
    limiter.enabled = False
    yield
    limiter.enabled = previous


def create_browser_app(url: str, **overrides):
    """create_app without leaving the global limiter switched off (see `rate_limits_off`)."""
    previous = limiter.enabled
    try:
        return create_app({**browser_app_config(url), **overrides})
    finally:
        limiter.enabled = previous


# --- database, app and server -------------------------------------------------------------------


def browser_app_config(url: str) -> dict:
    return {
        "DATABASE_URL": url,
        "SECRET_KEY": "b" * 40,
        "PORTAL_ENV": "development",
        "REDIS_URL": None,
        "RATELIMIT_ENABLED": False,
        "MITID_ISSUER": None,
        "STAFF_ISSUER": None,
    }


@pytest.fixture(scope="session")
def browser_db_url(tmp_path_factory) -> str:
    """A migrated database with the demo accounts, for the browser tests alone."""
    url = migrated_database("browser", tmp_path_factory)
    app = create_browser_app(url)
    with app.app_context():
        from demodata import seed as demo

        demo.seed()
    db.state(app).engine.dispose()
    return url


@pytest.fixture(scope="session")
def browser_app(browser_db_url):
    return create_browser_app(browser_db_url)


@pytest.fixture(scope="session")
def live_server(browser_app) -> Iterator[str]:
    """The app on http://127.0.0.1:<free port>, served from a daemon thread."""
    werkzeug_log = logging.getLogger("werkzeug")
    log_level = werkzeug_log.level
    werkzeug_log.setLevel(logging.WARNING)  # no access log line per request
    try:
        with serving(browser_app, threaded=True) as url:
            yield url
    finally:
        db.state(browser_app).engine.dispose()
        werkzeug_log.setLevel(log_level)


# --- browser ------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        message = (
            f"Chromium not found at {CHROMIUM}: install Debian's package "
            "(apt-get install chromium); never `playwright install`"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
    finally:
        playwright.stop()


class PageGuard:
    """What a test's browser contexts saw that they must not: off-origin requests, console errors."""

    def __init__(self, origin: str):
        self.origin = origin
        #: Origins a test goes to on purpose (the identity provider's login page).
        self.also_allowed: set[str] = set()
        self.off_origin: list[str] = []
        self.console_errors: list[str] = []
        self.allowed_console: list[re.Pattern] = []

    def allow_console_error(self, pattern: str) -> None:
        """Expect a console error matching `pattern` (e.g. the 404 of a deliberately missing page)."""
        self.allowed_console.append(re.compile(pattern))

    def route(self, route, request) -> None:
        if _origin(request.url) in {self.origin, *self.also_allowed}:
            route.continue_()
        else:
            self.off_origin.append(f"{request.method} {request.url}")
            route.abort()

    def on_console(self, message) -> None:
        if message.type == "error":
            location = message.location or {}
            self.console_errors.append(f"{message.text} ({location.get('url', '?')})")

    def unexpected_console_errors(self) -> list[str]:
        return [
            error for error in self.console_errors if not any(pattern.search(error) for pattern in self.allowed_console)
        ]


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@pytest.fixture
def page_guard(live_server) -> PageGuard:
    return PageGuard(_origin(live_server))


@pytest.fixture
def context_factory(browser, live_server, page_guard) -> Iterator[Callable]:
    """`context_factory(width)` -> a fresh context (viewport, da-DK) with the guards installed; other
    keywords go to Playwright's new_context (java_script_enabled=False)."""
    contexts = []

    def _new_context(width: int = 1280, height: int | None = None, **options):
        viewport = dict(VIEWPORTS.get(width, {"width": width, "height": 900}))
        if height is not None:
            viewport["height"] = height
        context = browser.new_context(viewport=viewport, locale="da-DK", base_url=live_server, **options)
        context.set_default_timeout(10_000)
        context.route("**/*", page_guard.route)
        context.on("console", page_guard.on_console)
        contexts.append(context)
        return context

    yield _new_context
    for context in contexts:
        context.close()
    assert not page_guard.off_origin, f"requests left the test server: {page_guard.off_origin}"
    unexpected = page_guard.unexpected_console_errors()
    assert not unexpected, f"console errors (a CSP violation shows up here): {unexpected}"


@pytest.fixture
def page_factory(context_factory) -> Callable:
    """`page_factory(width)` -> a new page in a new context of that width."""

    def _new_page(width: int = 1280, height: int | None = None):
        return context_factory(width, height).new_page()

    return _new_page


@pytest.fixture
def page(page_factory):
    """A desktop page (1280 x 900)."""
    return page_factory(1280)


# --- helpers ------------------------------------------------------------------------------------


def login(page, email: str, password: str = DEMO_PASSWORD) -> None:
    """Log in through the real form (from wherever the page is: goes to /login first)."""
    if urlsplit(page.url).path != "/login":
        page.goto("/login")
    page.fill("#email", email)
    page.fill("#password", password)
    with page.expect_navigation():
        page.get_by_role("button", name="Log ind", exact=True).click()


def check_axe(page, name: str) -> None:
    """axe-core, WCAG 2.0/2.1 A + AA: zero violations. A page with violations is saved as a
    full-page screenshot; with TEST_SCREENSHOTS=all every page checked is (a quarter of the
    browser tests' time, so not by default)."""
    from axe_playwright_python.sync_playwright import Axe

    # resultTypes only trims the passes/incomplete details axe sends back; every rule still runs.
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
    violations = results.response["violations"]
    if violations or os.environ.get("TEST_SCREENSHOTS") == "all":
        save_screenshot(page, name)
    assert not violations, (
        f"axe found {len(violations)} violation(s) on {name} at {page.viewport_size['width']} px "
        f"({page.url}):\n" + format_violations(violations)
    )


def save_screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    safe_name = re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-") or "page"
    page.screenshot(path=str(SCREENSHOTS / f"{safe_name}-{page.viewport_size['width']}.png"), full_page=True)


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation.get('impact')}): {violation['help']} [{violation.get('helpUrl', '')}]"
        )
        for node in violation["nodes"]:
            lines.append(f"    target {node['target']}: {node.get('html', '')[:300]}")
            summary = node.get("failureSummary")
            if summary:
                lines.append("      " + summary.replace("\n", "\n      "))
    return "\n".join(lines)


def assert_no_horizontal_scroll(page, name: str = "") -> None:
    """WCAG 1.4.10 reflow: the page never scrolls sideways at this width."""
    scroll_width, inner_width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll_width <= inner_width, (
        f"{name or page.url} scrolls horizontally at {inner_width} px: scrollWidth {scroll_width}"
        + _widest_elements(page, inner_width)
    )


def _widest_elements(page, inner_width: int) -> str:
    offenders = page.evaluate(
        """(limit) => {
        const out = [];
        for (const el of document.querySelectorAll('body *')) {
            const r = el.getBoundingClientRect();
            if (r.right > limit + 0.5 && r.width > 0) {
                const classes = el.className && typeof el.className === 'string'
                    ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
                out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + classes
                         + ' right=' + Math.round(r.right));
            }
            if (out.length >= 8) break;
        }
        return out;
    }""",
        inner_width,
    )
    return ("; wider elements: " + ", ".join(offenders)) if offenders else ""


def focused(page) -> dict:
    """The element with keyboard focus: tag, id, text, and whether it is visible in the viewport."""
    return page.evaluate("""() => {
        const el = document.activeElement;
        if (!el) return {};
        const r = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        const onScreen = r.right > 0 && r.bottom > 0 && r.left < window.innerWidth
                         && r.top < window.innerHeight;
        return {tag: el.tagName.toLowerCase(), id: el.id, text: (el.innerText || '').trim(),
                visible: r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && onScreen};
    }""")
