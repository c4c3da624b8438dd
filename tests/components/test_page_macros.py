"""The page macros: the error summary, alerts, the step indicator, icons and their sprite, and the macros' own
texts through Babel."""

from __future__ import annotations

import subprocess
import sys

import flask_babel
import html5lib
import pytest

from tests.components.steps import ALL_FIELDS, REPO, SPRITE, XSS, assert_unique_ids, describedby_ids


# test that the error summary renders nothing for an unsubmitted form
def test_error_summary_empty(render):
    assert render("{{ fds.error_summary(form) }}")[1].strip() == ""


# test that the summary lists every error, each link lands on a control, and the page is valid HTML
def test_error_summary_links_to_fields(render):
    soup, html = render(ALL_FIELDS, data={"name": XSS * 3, "note": "x" * 21})
    summary = soup.select_one('div.alert.alert-error[role=alert][data-module="error-summary"]')
    assert summary.select_one(".alert-heading").get_text() == "Der er et problem"
    assert summary.select_one("svg.alert-icon")["aria-label"] == "Fejl"
    links = {a["href"]: a.get_text() for a in summary.select("ul.alert-text a")}
    assert links == {
        "#name": "Navnet er for langt",
        "#note": "Noten er for lang",
        "#answer-0": "Vælg ja eller nej",
        "#topics-0": "Vælg mindst ét emne",
        "#consent": "Sæt flueben",
        "#office": "Vælg et jobcenter",
        "#meeting": "Skriv en dato",
    }
    assert all(soup.find(id=href[1:]) is not None for href in links)
    # a hidden field has nothing to focus: its message is listed without a link
    assert [li.get_text() for li in summary.find_all("li") if li.find("a") is None] == ["Siden er udløbet"]
    assert_unique_ids(soup)
    for element in soup.find_all(attrs={"aria-describedby": True}):
        describedby_ids(soup, element)
    assert "<script" not in html
    html5lib.HTMLParser(strict=True).parse(f"<!DOCTYPE html><title>t</title>{html}")  # raises on parse errors


# test alerts: DKFDS structure, labelled icon, role only for warning/error, escaped body
@pytest.mark.parametrize(
    "kind, label, role",
    [
        ("info", "Information", None),
        ("success", "Succes", None),
        ("warning", "Advarsel", "alert"),
        ("error", "Fejl", "alert"),
    ],
)
def test_alert(render, kind, label, role):
    template = '{% call feedback.alert(kind, "Overskrift") %}<p>Tekst {{ user }}</p>{% endcall %}'
    soup, html = render(template, kind=kind, user=XSS)
    alert = soup.select_one(f"div.alert.alert-{kind}")
    assert alert.get("role") == role
    icon = alert.select_one("svg.icon-svg.alert-icon")
    assert (icon["aria-label"], icon["role"], icon.has_attr("aria-hidden")) == (label, "img", False)
    assert icon.find("use")["href"] == f"#{kind}"
    assert alert.select_one(".alert-body > p.alert-heading").get_text() == "Overskrift"
    assert alert.select_one(".alert-body > div.alert-text > p").get_text() == f"Tekst {XSS}"
    assert "<script" not in html


def test_alert_without_body_and_receipt_table(render):
    soup, _ = render(
        '{{ feedback.alert("info", "Kun overskrift") }}'
        "{{ feedback.receipt_table([('Dato', '24.12.2026'), ('Note', user)]) }}",
        user=XSS,
    )
    assert soup.select(".alert-text") == [] and soup.select_one(".alert-heading").get_text() == "Kun overskrift"
    rows = [(tr.th.get_text(), tr.th["scope"], tr.td.get_text()) for tr in soup.select("table.table--borderless tr")]
    assert rows == [("Dato", "row", "24.12.2026"), ("Note", "row", XSS)]


# test the step indicator: one current step with aria-current, unreached steps disabled
def test_step_indicator(render):
    steps = [("Om dig", "/trin/1"), ("Job", "/trin/2"), ("Opsummering", None)]
    soup, _ = render("{{ nav.step_indicator(steps, 2) }}", steps=steps)
    nav = soup.find("nav")
    assert nav["aria-label"] == "Trinindikator"
    items = nav.select("ol.step-indicator > li")
    assert [li.get("class", []) for li in items] == [[], ["current"], ["disabled"]]
    assert [el["aria-current"] for el in nav.select("[aria-current]")] == ["step"]
    current, disabled = items[1].select_one(".step"), items[2].select_one(".step")
    assert (current.name, current["href"], current["aria-current"]) == ("a", "/trin/2", "step")
    assert disabled.name == "div" and not disabled.has_attr("href")
    assert [li.select_one(".step-number").get_text() for li in items] == ["1", "2", "3"]
    assert [li.select_one(".step-title").get_text() for li in items] == ["Om dig", "Job", "Opsummering"]
    assert_unique_ids(soup)


def test_step_subheading_back_and_skip_links(render):
    soup, _ = render(
        '{{ nav.step_subheading(2, 5) }}{{ nav.back_link("/plan") }}'
        '{{ nav.back_link("/x", "Til forsiden") }}{{ nav.skip_link() }}'
    )
    assert soup.select_one("p.step-subheading").get_text() == "Trin 2 af 5"
    back, other = soup.select("a.back-link")
    assert back["href"] == "/plan" and back.get_text() == "Tilbage" and other.get_text() == "Til forsiden"
    assert back.find("use")["href"] == "#chevron-left" and back.find("svg")["aria-hidden"] == "true"
    skip = soup.select_one("a.skipnav")
    assert skip["href"] == "#main-content" and skip.get_text() == "Gå til sidens indhold"


def test_icon(render):
    soup, _ = render('{{ icons.icon("lock") }}{{ icons.icon("error", "Fejl", "alert-icon") }}')
    plain, labelled = soup.find_all("svg")
    assert plain["class"] == ["icon-svg"] and plain["aria-hidden"] == "true" and plain["focusable"] == "false"
    assert not plain.has_attr("role") and plain.find("use")["href"] == "#lock"
    assert labelled["class"] == ["icon-svg", "alert-icon"]
    assert (labelled["role"], labelled["aria-label"], labelled.has_attr("aria-hidden")) == ("img", "Fejl", False)


# test the inlined sprite: hidden wrapper, every icon the macros use, no URLs
def test_sprite(render):
    soup, _ = render(
        "{{ icons.sprite() }}" + ALL_FIELDS + '{{ nav.back_link("/") }}'
        '{% for t in ["info", "success", "warning", "error"] %}{{ feedback.alert(t) }}{% endfor %}',
        data={},
    )
    symbols = {s["id"] for s in soup.select_one("div.hide-base-svg").find_all("symbol")}
    assert {
        "error",
        "success",
        "info",
        "warning",
        "arrow-back",
        "chevron-left",
        "chevron-right",
        "lock",
        "language",
        "calendar-month",
        "person",
        "time",
        "close",
        "check",
    } <= symbols
    used = {use["href"][1:] for use in soup.find_all("use")}
    assert used and used <= symbols
    sprite = SPRITE.read_text(encoding="utf-8")
    assert "http" not in sprite and "url(" not in sprite and "href" not in sprite


def test_sprite_is_up_to_date():
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "extract_icons.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


# test that every text the macros write goes through gettext (pseudo-translation)
def test_macro_texts_are_translated(render, monkeypatch):
    class Marked:
        def ugettext(self, s):
            return f"«{s}»"

        def ungettext(self, s, p, n):
            return f"«{s if n == 1 else p}»"

    monkeypatch.setattr(flask_babel, "get_translations", lambda: Marked())
    soup, _ = render(
        "{{ fds.error_summary(form) }}{{ fds.text_input(form.nickname) }}{{ fds.date_input(form.meeting) }}"
        '{{ fds.textarea(form.note, maxlength=5) }}{{ nav.back_link("/") }}{{ nav.skip_link() }}'
        '{{ nav.step_subheading(1, 2) }}{{ nav.step_indicator([("Trin", None)], 1) }}{{ feedback.alert("warning") }}',
        data={},
    )
    for selector in [
        ".alert-heading",
        ".weight-normal",
        ".form-error-message .sr-only",
        "#meeting-hint",
        "#note-limit-message",
        ".character-limit",
        "a.back-link",
        "a.skipnav",
        ".step-subheading",
    ]:
        text = soup.select_one(selector).get_text().strip(" ()")
        assert text.startswith("«") and text.endswith("»"), (selector, text)
    labels = [soup.find("nav")["aria-label"]] + [svg["aria-label"] for svg in soup.select("svg[aria-label]")]
    assert labels and all(label.startswith("«") for label in labels), labels
