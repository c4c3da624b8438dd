"""Tests for the DKFDS Jinja macros in templates/components/fds/.

Each test renders a macro with a real WTForms field in a tiny Flask app (no portal
factory, no database) and checks the parsed HTML: label/id wiring, aria-describedby,
error state, kept values, escaping, and the DKFDS hooks the CSS and DKFDS.init() need.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import flask_babel
import html5lib
import pytest
from bs4 import BeautifulSoup
from flask import Flask, render_template_string
from flask_babel import Babel
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    PasswordField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice as C
from wtforms.validators import DataRequired, InputRequired, Length, Optional

REPO = Path(__file__).resolve().parents[2]
SPRITE = REPO / "templates" / "components" / "fds" / "icons-sprite.svg"
IMPORTS = (
    '{% import "components/fds/forms.html" as fds %}{% import "components/fds/feedback.html" as feedback %}'
    '{% import "components/fds/navigation.html" as nav %}{% import "components/fds/icons.html" as icons %}'
)
XSS = '<script>alert("x")</script>'


class ProfileForm(FlaskForm):
    name = StringField(
        "Navn",
        description="Fornavn og efternavn",
        validators=[InputRequired("Skriv dit navn"), Length(max=40, message="Navnet er for langt")],
    )
    nickname = StringField("Kaldenavn", validators=[Optional()])
    password = PasswordField("Adgangskode")
    note = TextAreaField("Note", validators=[Optional(), Length(max=20, message="Noten er for lang")])
    answer = RadioField(
        "Har du et job?", choices=[C("ja", "Ja"), C("nej", "Nej")], validators=[InputRequired("Vælg ja eller nej")]
    )
    topics = SelectMultipleField(
        "Emner",
        choices=[C(1, "Løn"), C(2, "Ferie"), C(3, "Kursus")],
        coerce=int,
        validators=[DataRequired("Vælg mindst ét emne")],
    )
    consent = BooleanField("Jeg har læst vilkårene", validators=[DataRequired("Sæt flueben")])
    office = SelectField(
        "Jobcenter",
        choices=[C("", "Vælg"), C("aarhus", "Aarhus"), C("odense", "Odense")],
        validators=[InputRequired("Vælg et jobcenter")],
    )
    region = SelectField(
        "Region",
        choices=[C("aarhus", "Aarhus", optgroup="Jylland"), C("kbh", "København", optgroup="Sjælland")],
        validators=[Optional()],
    )
    meeting = DateField("Mødedato", format="%d.%m.%Y", validators=[InputRequired("Skriv en dato")])
    token = HiddenField(validators=[DataRequired("Siden er udløbet")])


ALL_FIELDS = (
    "{{ fds.error_summary(form) }}{{ fds.text_input(form.name) }}{{ fds.text_input(form.nickname) }}"
    "{{ fds.text_input(form.password, type='password') }}{{ fds.textarea(form.note, maxlength=20) }}"
    "{{ fds.radios(form.answer) }}{{ fds.checkboxes(form.topics) }}{{ fds.single_checkbox(form.consent) }}"
    "{{ fds.select(form.office) }}{{ fds.select(form.region) }}{{ fds.date_input(form.meeting) }}{{ form.token }}"
)


@pytest.fixture(autouse=True)
def connection():
    """Shadow the suite's autouse per-test database transaction (tests/conftest.py):
    these template tests need no app factory and no database."""
    yield None


@pytest.fixture
def render():
    """render(template, data=None, **context) -> (soup, html). With `data` the form is POSTed and validated."""
    app = Flask(__name__, template_folder=str(REPO / "templates"))
    app.config.update(SECRET_KEY="test", WTF_CSRF_ENABLED=False, TESTING=True)
    Babel(app)

    def _render(template, data=None, **context):
        with app.test_request_context("/", method="GET" if data is None else "POST", data=data or {}):
            form = ProfileForm()
            if data is not None:
                form.validate()
            html = render_template_string(IMPORTS + template, form=form, **context)
        return BeautifulSoup(html, "html5lib"), html

    return _render


def describedby_ids(soup, element):
    """The ids in aria-describedby; fails if one of them is not on the page."""
    ids = element.get("aria-describedby", "").split()
    for id_ in ids:
        assert soup.find(id=id_) is not None, f"aria-describedby points to missing #{id_}"
    return ids


def assert_unique_ids(soup):
    counts = Counter(tag["id"] for tag in soup.find_all(id=True))
    assert [id_ for id_, n in counts.items() if n > 1] == []


# test that a valid text field has label/id wiring and no error state
def test_text_input_without_errors(render):
    soup, _ = render("{{ fds.text_input(form.nickname, width='m', autocomplete='nickname') }}")
    group = soup.select_one("div.form-group")
    field = group.find("input")
    assert group.find("label", class_="form-label")["for"] == field["id"] == "nickname"
    assert field["type"] == "text" and field["name"] == "nickname" and field["autocomplete"] == "nickname"
    assert field["class"] == ["form-input", "input-width-m"] and "form-error" not in group["class"]
    for attr in ("aria-invalid", "aria-describedby", "required", "value"):
        assert not field.has_attr(attr), attr
    assert group.select(".form-error-message") == []


# test that the hint (field.description) is described, and `required` follows the flags
def test_text_input_hint(render):
    soup, _ = render("{{ fds.text_input(form.name) }}")
    field = soup.find("input")
    assert soup.find(id="name-hint").get_text() == "Fornavn og efternavn"
    assert describedby_ids(soup, field) == ["name-hint"] and field.has_attr("required")


# test that an invalid field shows label, hint, error, input in that order and marks the input
def test_text_input_with_error(render):
    soup, _ = render("{{ fds.text_input(form.name, inputmode='text') }}", data={"name": ""})
    group = soup.select_one("div.form-group")
    assert "form-error" in group["class"]
    error = group.select_one("span.form-error-message")
    assert error["id"] == "name-error" and error.select_one("span.sr-only").get_text() == "Fejl: "
    assert error.get_text() == "Fejl: Skriv dit navn"
    field = group.find("input")
    assert field["aria-invalid"] == "true" and field["inputmode"] == "text"
    assert describedby_ids(soup, field) == ["name-hint", "name-error"]
    order = [el.name if el.name != "span" else el["class"][0] for el in group.find_all(recursive=False)]
    assert order == ["label", "form-hint", "form-error-message", "input"]


# test that submitted markup is kept as the value, escaped, and passwords are not echoed
def test_values_kept_and_escaped(render):
    soup, html = render(
        "{{ fds.text_input(form.name) }}{{ fds.text_input(form.password, type='password') }}",
        data={"name": XSS * 3, "password": "hemmelig"},
    )  # name too long: shown again
    name, password = soup.find_all("input")
    assert name["value"] == XSS * 3 and "&lt;script&gt;" in html
    assert soup.find("script") is None and "<script" not in html
    assert password["type"] == "password" and not password.has_attr("value") and "hemmelig" not in html


# test the optional marker: explicit, from an Optional() validator, and absent otherwise
@pytest.mark.parametrize(
    "template, expected",
    [
        ("{{ fds.text_input(form.name, optional=True) }}", True),
        ("{{ fds.text_input(form.nickname) }}", True),
        ("{{ fds.text_input(form.name) }}", False),
        ("{{ fds.radios(form.answer, optional=True) }}", True),
    ],
)
def test_optional_marker(render, template, expected):
    soup, _ = render(template)
    marker = soup.select_one(".form-label span.weight-normal")
    assert (marker.get_text() if marker else None) == (" (frivilligt)" if expected else None)


# test the DKFDS character limit markup, its no-JS text and the kept textarea value
def test_textarea_with_limit(render):
    value = "\nførste linje <b>"  # a leading newline must survive the round trip
    soup, html = render("{{ fds.textarea(form.note, rows=3, maxlength=20) }}", data={"note": value})
    group = soup.select_one("div.form-group")
    assert "form-limit" in group["class"] and group["data-maxlength"] == "20"
    area = group.find("textarea")
    assert group.find("label")["for"] == area["id"] == "note" and area["rows"] == "3"
    assert area.get_text().replace("\r\n", "\n") == value and "<b>" not in html
    assert describedby_ids(soup, area) == ["note-limit-message"]
    assert "20" in soup.find(id="note-limit-message").get_text()
    fallback = group.select_one(".form-hint.character-limit")
    assert fallback["aria-hidden"] == "true" and "20" in fallback.get_text()
    assert group.select_one(".character-limit-sr-only")["aria-live"] == "polite"


def test_textarea_without_limit(render):
    soup, _ = render("{{ fds.textarea(form.note) }}")
    group = soup.select_one("div.form-group")
    assert "form-limit" not in group["class"] and not group.has_attr("data-maxlength")
    assert group.select(".character-limit") == [] and not group.find("textarea").has_attr("aria-describedby")


# test radios: fieldset/legend, label wiring, the chosen option stays checked
def test_radios_keep_choice(render):
    soup, _ = render("{{ fds.radios(form.answer, inline=True) }}", data={"answer": "nej"})
    fieldset = soup.find("fieldset")
    assert fieldset.find("legend", class_="form-label").get_text() == "Har du et job?"
    radios = fieldset.select("div.form-group-radio > input.form-radio[type=radio]")
    assert [r["id"] for r in radios] == ["answer-0", "answer-1"]
    assert all(soup.find("label", attrs={"for": r["id"]}) and r.has_attr("required") for r in radios)
    assert [r.has_attr("checked") for r in radios] == [False, True]
    assert all("d-inline-block" in div["class"] for div in fieldset.select("div.form-group-radio"))
    assert not fieldset.has_attr("aria-describedby")


# test checkboxes: every chosen value stays checked and no box is "required"
def test_checkboxes_keep_choices(render):
    soup, _ = render("{{ fds.checkboxes(form.topics) }}", data={"topics": ["1", "3"]})
    boxes = soup.select("fieldset div.form-group-checkbox > input.form-checkbox[type=checkbox]")
    assert [(b["value"], b.has_attr("checked")) for b in boxes] == [("1", True), ("2", False), ("3", True)]
    assert all(b["name"] == "topics" and not b.has_attr("required") for b in boxes)
    assert [soup.find("label", attrs={"for": b["id"]}).get_text() for b in boxes] == ["Løn", "Ferie", "Kursus"]


# test that a group's error is described on the fieldset, with no aria-invalid on options
@pytest.mark.parametrize(
    "template, name, message",
    [
        ("{{ fds.radios(form.answer) }}", "answer", "Vælg ja eller nej"),
        ("{{ fds.checkboxes(form.topics) }}", "topics", "Vælg mindst ét emne"),
    ],
)
def test_choice_group_with_error(render, template, name, message):
    soup, _ = render(template, data={})
    assert "form-error" in soup.select_one("div.form-group")["class"]
    assert describedby_ids(soup, soup.find("fieldset")) == [f"{name}-error"]
    assert soup.find(id=f"{name}-error").get_text() == f"Fejl: {message}"
    assert not any(i.has_attr("checked") or i.has_attr("aria-invalid") for i in soup.select("input"))


# test the single checkbox: checked state kept, error state on the box itself
@pytest.mark.parametrize("data, checked, invalid", [({"consent": "y"}, True, False), ({}, False, True)])
def test_single_checkbox(render, data, checked, invalid):
    soup, _ = render("{{ fds.single_checkbox(form.consent) }}", data=data)
    box = soup.select_one("div.form-group-checkbox > input.form-checkbox")
    assert soup.find("label", attrs={"for": box["id"]}).get_text() == "Jeg har læst vilkårene"
    assert (box.has_attr("checked"), box.has_attr("aria-invalid"), box.has_attr("required")) == (checked, invalid, True)
    assert ("form-error" in soup.select_one("div.form-group")["class"]) is invalid
    assert describedby_ids(soup, box) == (["consent-error"] if invalid else [])


# test selects: the submitted option stays selected, optgroups are kept
def test_select_keeps_choice(render):
    soup, _ = render(
        "{{ fds.select(form.office) }}{{ fds.select(form.region) }}", data={"office": "odense", "region": "kbh"}
    )
    office, region = soup.select("select.form-select")
    assert soup.find("label")["for"] == office["id"] == "office"
    assert [o["value"] for o in soup.find_all("option", selected=True)] == ["odense", "kbh"]
    assert office.has_attr("required") and not office.has_attr("aria-invalid")
    assert [g["label"] for g in region.find_all("optgroup")] == ["Jylland", "Sjælland"]


# test the date field: format hint, width and the unparsable input kept for correction
def test_date_input_keeps_invalid_text(render):
    soup, _ = render("{{ fds.date_input(form.meeting) }}", data={"meeting": "32.13.2026"})
    field = soup.find("input")
    assert field["type"] == "text" and "input-width-s" in field["class"]
    assert field["value"] == "32.13.2026" and field["aria-invalid"] == "true"
    assert soup.find(id="meeting-hint").get_text() == "For eksempel 24.12.2026"
    assert describedby_ids(soup, field) == ["meeting-hint", "meeting-error"]


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
        "{{ fds.error_summary(form) }}{{ fds.text_input(form.name, optional=True) }}{{ fds.date_input(form.meeting) }}"
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
