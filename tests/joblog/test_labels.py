"""The joblog form's labels say what the server asks: "Virksomhed" is needed for a job application
(and says so), "Hvilken aktivitet?" and "Hvordan søgte du?" say when they apply, on the empty form
and on the page that shows errors, whichever kind of entry was chosen."""

from __future__ import annotations

import pytest

from tests.factories import post_form
from tests.field_labels import label_text
from tests.joblog.test_citizen_joblog import QUICK
from tests.pages import parse_page

LABELS = {
    "employer": "Virksomhed (skal udfyldes ved jobsøgning)",
    "application_type": "Hvordan søgte du? (skal udfyldes ved jobsøgning)",
    "activity_kind": "Hvilken aktivitet? (skal udfyldes ved anden aktivitet)",
}


# test that a field the server needs for a job application never says "(frivilligt)"
@pytest.mark.parametrize("entry_type", ["application", "other"])
def test_conditional_fields_say_when_they_are_needed(client, jobseeker, entry_type):
    first_view = parse_page(client.get("/joblog/new"))
    sent = {**QUICK, "entry_type": entry_type, "employer": "", "application_type": "", "job_title": ""}
    refused = parse_page(post_form(client, "/joblog/new", sent, page_url="/joblog/new"))
    for page in (first_view, refused):
        assert {name: label_text(page, name) for name in LABELS} == LABELS
    needed = {"application": "Skriv virksomhedens navn", "other": "Vælg, hvilken aktivitet det var"}[entry_type]
    assert needed in refused.find(attrs={"data-module": "error-summary"}).get_text()


# test that the fields shown only for one kind of entry carry what the page's script needs to hide
# them for the other kind (without the script they stay, and their label says when they apply)
def test_fields_for_one_kind_of_entry_name_that_kind(client, jobseeker):
    page = parse_page(client.get("/joblog/new"))
    groups = {
        name: page.find(id=name).find_parent(class_="form-group")
        for name in ("employer", "application_type", "activity_kind")
    }
    assert groups["application_type"]["data-shown-when"] == "entry_type=application"
    assert groups["activity_kind"]["data-shown-when"] == "entry_type=other"
    assert not groups["employer"].has_attr("data-shown-when"), "an activity has an organiser too"
