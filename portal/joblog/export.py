"""The joblog as a CSV file that opens correctly in Danish Excel (a double-click, no import wizard).

What Danish Excel needs, and why each choice is made:
- UTF-8 with a byte order mark: without the BOM Excel reads the file as Windows-1252 and "æøå" turn
  into "Ã¦Ã¸Ã¥".
- `;` between cells: Danish Excel's list separator is `;` because `,` is the decimal comma; a
  comma-separated file would open as one column.
- `\\r\\n` line endings and the csv module's minimal quoting, so a `;`, a `"` or a line break in the
  notes stays inside its cell.
- Dates as ISO 8601 (yyyy-mm-dd), which Excel recognises as a date in every locale; "01-09-2026"
  would be read day-first or month-first depending on the reader's regional settings.
- Formula injection (OWASP "CSV Injection"): the citizen's own text is typed into a spreadsheet by a
  caseworker's Excel, so a cell starting with `=`, `+`, `-`, `@`, tab or carriage return gets a
  leading `'` and is shown as text instead of being run as a formula (`=HYPERLINK(...)` could leak
  data or lure a click). The apostrophe is visible in the cell; that is the accepted price.
- The first header is "Type", never "ID": a file starting with "ID" is taken by Excel for SYLK.

Labels and headers are rendered in the current locale, so call these inside a request or app context.
`csv_chunks` is a generator so a long joblog streams instead of being built in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date

from flask_babel.speaklater import LazyString

from portal import spreadsheets
from portal.i18n import lazy_gettext as _l
from portal.joblog import labels
from portal.joblog.models import JobLogEntry
from portal.spreadsheets import neutralise


def _iso(value: date | None) -> str:
    """ISO 8601 date; made by us from a `date`, so it needs no neutralising."""
    return value.isoformat() if value else ""


def _label(words: Mapping[str, LazyString], code: str | None) -> str:
    """The code's label in the current locale; an unknown code is shown as it is rather than lost."""
    if not code:
        return ""
    return str(words.get(code, code))


def _how(entry: JobLogEntry) -> str:
    """How the citizen applied, or for "Anden aktivitet" what kind of activity it was."""
    if entry.is_application:
        return _label(labels.APPLICATION_TYPES, entry.application_type)
    return _label(labels.ACTIVITY_KINDS, entry.activity_kind)


@dataclass(frozen=True)
class Column:
    """One exported column: its header and how a cell is made from an entry.

    `text` cells can hold the citizen's own words and are neutralised against formula injection.
    """

    header: LazyString
    value: Callable[[JobLogEntry], str]
    text: bool = True


COLUMNS: tuple[Column, ...] = (
    Column(_l("Type"), lambda e: _label(labels.ENTRY_TYPES, e.entry_type)),
    # ISO 8601 (yyyy-mm-dd): Excel recognises it as a date in every locale, Danish included.
    Column(_l("Dato"), lambda e: _iso(e.applied_on), text=False),
    Column(_l("Stilling/aktivitet"), lambda e: e.job_title or ""),
    Column(_l("Virksomhed"), lambda e: e.employer or ""),
    Column(_l("Arbejdssted"), lambda e: e.location or ""),
    Column(_l("Ansøgningstype"), _how),
    Column(_l("Status"), lambda e: _label(labels.STATUSES, e.status)),
    Column(_l("Resultat"), lambda e: _label(labels.RESULTS, e.result)),
    Column(_l("Plan"), lambda e: _label(labels.TRACKS, e.track)),
    Column(_l("Ansøgningsfrist"), lambda e: _iso(e.deadline), text=False),
    Column(_l("Kontaktperson"), lambda e: e.contact_person or ""),
    Column(_l("Link"), lambda e: e.link or ""),
    Column(_l("Noter"), lambda e: e.notes or ""),
)


class _Line:
    """A file for csv.writer that hands back what is written, so each row can be yielded."""

    def write(self, text: str) -> str:
        return text


def row(entry: JobLogEntry) -> list[str]:
    """One entry's cells in COLUMNS order, text cells neutralised."""
    return [neutralise(column.value(entry)) if column.text else column.value(entry) for column in COLUMNS]


def csv_chunks(entries: Iterable[JobLogEntry]) -> Iterator[bytes]:
    """The file in pieces: the BOM and header first, then one chunk per entry, for a streamed response."""
    writer = spreadsheets.writer(_Line())
    yield (spreadsheets.BOM + writer.writerow([str(column.header) for column in COLUMNS])).encode("utf-8")
    for entry in entries:
        yield writer.writerow(row(entry)).encode("utf-8")


def csv_bytes(entries: Iterable[JobLogEntry]) -> bytes:
    """The whole file at once, for small exports and tests."""
    return b"".join(csv_chunks(entries))


def filename(start: date | None = None, end: date | None = None) -> str:
    """ "joblog-2026-09-01-til-2026-11-23.csv", or "joblog.csv" without a period.

    The citizen's name is left out on purpose: a file name travels further than the file's
    contents (download lists, e-mail attachment names, proxy logs), and a name with æøå, quotes or `;`
    would need RFC 6266 `filename*` encoding to be safe in a Content-Disposition header. Only ASCII
    letters, digits, `-` and `.` are produced, so the header needs no escaping.
    """
    if start and end:
        return f"joblog-{start.isoformat()}-til-{end.isoformat()}.csv"
    if start:
        return f"joblog-fra-{start.isoformat()}.csv"
    if end:
        return f"joblog-til-{end.isoformat()}.csv"
    return "joblog.csv"
