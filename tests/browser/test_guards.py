"""The guards every browser test relies on really catch what they claim to (so "zero" means zero)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Error as PlaywrightError


def test_off_origin_requests_are_blocked_and_counted(page, page_guard):
    # A top-level navigation is not limited by the CSP, so only the route guard stands in the way.
    with pytest.raises(PlaywrightError):
        page.goto("https://cdn.example.invalid/tracker.js")
    assert page_guard.off_origin == ["GET https://cdn.example.invalid/tracker.js"]
    page_guard.off_origin.clear()
    page_guard.console_errors.clear()


def test_csp_violations_reach_the_console_collector(page, page_guard):
    response = page.goto("/login")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.evaluate("""() => {
        const script = document.createElement('script');
        script.textContent = 'window.inlineRan = true;';
        document.body.appendChild(script);
    }""")
    page.wait_for_timeout(200)
    assert page.evaluate("window.inlineRan === undefined"), "the CSP blocks inline scripts"
    assert any("Content Security Policy" in error for error in page_guard.console_errors), page_guard.console_errors
    page_guard.console_errors.clear()


def test_axe_fails_on_a_violation_and_keeps_a_screenshot_of_it(page):
    from tests.browser.conftest import SCREENSHOTS, check_axe

    page.goto("/login")
    page.evaluate("""() => {
        const image = document.createElement('img');
        image.src = '/static/img/favicon.svg';
        document.querySelector('main').appendChild(image);
    }""")
    shot = SCREENSHOTS / f"guard-image-without-alt-{page.viewport_size['width']}.png"
    shot.unlink(missing_ok=True)
    with pytest.raises(AssertionError, match="image-alt"):
        check_axe(page, "guard image without alt")
    assert shot.stat().st_size > 0
