"""Labels in a real browser: the joblog's "Hvilken aktivitet?" shows only for "Anden aktivitet" with
JavaScript, and without it stays and says when it applies; Chromium names each "Det vil jeg gerne
tale om til mødet" box by its question; list bullets and "·" separators stay out of Chromium's
accessibility tree; axe finds nothing on these pages."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import check_axe, login

ACTIVITY_LABEL = "Hvilken aktivitet? (skal udfyldes ved anden aktivitet)"
HOW_LABEL = "Hvordan søgte du? (skal udfyldes ved jobsøgning)"
EMPLOYER_LABEL = "Virksomhed (skal udfyldes ved jobsøgning)"


def accessibility_tree(page) -> list[dict]:
    """The nodes of Chromium's own accessibility tree that assistive technology is given."""
    cdp = page.context.new_cdp_session(page)
    try:
        return [node for node in cdp.send("Accessibility.getFullAXTree")["nodes"] if not node.get("ignored")]
    finally:
        cdp.detach()


def role_of(node: dict) -> str:
    return (node.get("role") or {}).get("value", "")


def name_of(node: dict) -> str:
    return str((node.get("name") or {}).get("value", ""))


def choose(page, label: str) -> None:
    """Pick a radio by clicking its label, as a person does (DKFDS draws the radio on the label)."""
    page.locator("label.form-label", has_text=re.compile(f"^{re.escape(label)}$")).click()


def save(page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Gem", exact=True).click()


def labels(page) -> list[str]:
    names = ("employer", "application_type", "activity_kind")
    return [page.locator(f"label[for={name}]").inner_text() for name in names]


# test that with JavaScript "Hvilken aktivitet?" is there only for "Anden aktivitet", and "Hvordan
# søgte du?" only for a job application, also on the page that shows an error
@pytest.mark.parametrize("width", [390, 1280])
def test_the_activity_field_shows_only_for_another_activity(page_factory, width):
    page = page_factory(width)
    login(page, "citizen@demo.dk")
    page.goto("/joblog/new")
    activity, how = page.locator("#activity_kind"), page.locator("#application_type")
    assert how.is_visible() and not activity.is_visible()
    check_axe(page, "joblog-new-application")
    choose(page, "Anden aktivitet")
    assert activity.is_visible() and not how.is_visible()
    assert labels(page) == [EMPLOYER_LABEL, HOW_LABEL, ACTIVITY_LABEL]
    check_axe(page, "joblog-new-activity")
    page.locator("#job_title").fill("Jobmesse i Holbæk")
    save(page)
    summary = page.locator("[data-module='error-summary']")
    assert summary.is_visible() and "Vælg, hvilken aktivitet det var" in summary.inner_text()
    assert activity.is_visible() and not how.is_visible(), "the field with the error is shown"
    check_axe(page, "joblog-new-activity-errors")
    choose(page, "Jobsøgning")
    assert how.is_visible() and not activity.is_visible()


# test that without JavaScript both fields stay, their labels say when they apply, and the server
# still asks for the activity
def test_without_javascript_the_labels_say_when_the_fields_apply(context_factory):
    page = context_factory(390, java_script_enabled=False).new_page()
    login(page, "citizen@demo.dk")
    page.goto("/joblog/new")
    assert page.locator("#activity_kind").is_visible() and page.locator("#application_type").is_visible()
    assert labels(page) == [EMPLOYER_LABEL, HOW_LABEL, ACTIVITY_LABEL]
    choose(page, "Anden aktivitet")
    page.locator("#job_title").fill("Jobmesse i Holbæk")
    page.locator("#employer").fill("")
    save(page)
    assert "Vælg, hvilken aktivitet det var" in page.locator("[data-module='error-summary']").inner_text()
    assert page.locator("#activity_kind").is_visible() and page.locator("#application_type").is_visible()
    assert labels(page) == [EMPLOYER_LABEL, HOW_LABEL, ACTIVITY_LABEL]


def open_a_sent_step(page, section: str) -> None:
    """Yusuf has sent his answers (with consent): every step is open to change, and nothing is saved
    unless a button is pressed."""
    login(page, "citizen2@demo.dk")
    page.goto("/questionnaire/")
    assert "/check" in page.url
    page.goto(re.sub(r"/check$", f"/{section}", page.url))


# test that Chromium names every "talk about it" box by its own question, radio questions too
@pytest.mark.parametrize("section", ["A", "H"])
def test_chromium_names_each_talk_about_box_by_its_question(page_factory, section):
    page = page_factory(1280)
    open_a_sent_step(page, section)
    expected = []
    for box in page.locator("input[type=checkbox][id*='__']").all():
        key = box.get_attribute("id").split("__")[0]
        own = page.locator(f"label[for='{box.get_attribute('id')}']").inner_text()
        expected.append(f"{own} {page.locator(f'#{key}-label-text').inner_text()}")
    named = [name_of(n) for n in accessibility_tree(page) if role_of(n) == "checkbox"]
    assert named == expected and len(set(named)) == len(named) > 1
    assert any("__later" in box.get_attribute("id") for box in page.locator("input[id*='__']").all()) is (
        section == "H"
    )
    check_axe(page, f"questionnaire-talk-{section}")


# test that neither DKFDS's list bullets nor the "·" between pieces of text reach the
# accessibility tree, for a citizen and for a caseworker
@pytest.mark.parametrize(
    "email, path",
    [("citizen@demo.dk", "/"), ("citizen@demo.dk", "/homework/"), ("caseworker@demo.dk", None)],
)
def test_decorative_bullets_and_separators_are_not_read_out(page_factory, email, path):
    page = page_factory(1280)
    login(page, email)
    if path is None:  # a citizen's page, which has the most of both
        page.get_by_role("link", name="Maria Jensen", exact=True).click()
        page.wait_for_load_state()
    else:
        page.goto(path)
    assert page.locator("main li").count() > 0 and "·" in page.locator("body").inner_text()
    read_out = [name_of(n) for n in accessibility_tree(page) if re.search("[•·]", name_of(n))]
    assert read_out == []
