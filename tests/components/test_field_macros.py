"""The field macros: label and id wiring, aria-describedby, error state, kept values, escaping and the
label's note."""

from __future__ import annotations

import pytest

from tests.components.steps import XSS, describedby_ids


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


# test the label's note: it follows the field's validators, whatever the template says
@pytest.mark.parametrize(
    "template, note",
    [
        ("{{ fds.text_input(form.name) }}", None),  # InputRequired
        ("{{ fds.text_input(form.nickname) }}", " (frivilligt)"),  # Optional
        ("{{ fds.text_input(form.password, type='password') }}", " (frivilligt)"),  # nothing checks it
        ("{{ fds.radios(form.answer) }}", None),
        ("{{ fds.checkboxes(form.topics) }}", None),  # DataRequired
        ("{{ fds.select(form.office) }}", None),
        ("{{ fds.select(form.region) }}", None),  # no empty choice: it always sends one
        ("{{ fds.single_checkbox(form.consent) }}", None),  # a box is a yes or a no
        ("{{ fds.text_input(form.employer) }}", " (skal udfyldes, når du har et job)"),  # RequiredWhen
    ],
)
def test_label_note(render, template, note):
    soup, _ = render(template)
    marker = soup.select_one(".form-label span.weight-normal")
    assert (marker.get_text() if marker else None) == note


# test that the note and `required` stay the same on the page that shows the errors
def test_label_note_after_errors(render):
    soup, _ = render("{{ fds.text_input(form.nickname) }}{{ fds.text_input(form.employer) }}", data={"answer": "ja"})
    assert [span.get_text() for span in soup.select(".form-label span.weight-normal")] == [
        " (frivilligt)",
        " (skal udfyldes, når du har et job)",
    ]
    assert soup.find(id="employer-error").get_text(strip=True) == "Fejl:Skriv din arbejdsgiver"


# test that a field for one answer of another field says which, for the page's script to hide it otherwise
def test_shown_when(render):
    soup, _ = render("{{ fds.text_input(form.employer) }}{{ fds.text_input(form.nickname) }}")
    assert soup.find(id="employer").find_parent(class_="form-group")["data-shown-when"] == "answer=ja"
    assert not soup.find(id="nickname").find_parent(class_="form-group").has_attr("data-shown-when")


# test that a box named by another field too is labelled by both, in order
def test_single_checkbox_about_another_field(render):
    soup, _ = render("{{ fds.radios(form.answer) }}{{ fds.single_checkbox(form.consent, about=form.answer) }}")
    box = soup.find(id="consent")
    assert box["aria-labelledby"] == "consent-label answer-label-text"
    named = [soup.find(id=id_).get_text() for id_ in box["aria-labelledby"].split()]
    assert named == ["Jeg har læst vilkårene", "Har du et job?"]


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
