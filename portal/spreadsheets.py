"""Files bound for a spreadsheet (the joblog's CSV, the audit export), in the one dialect Danish Excel
opens with a double-click (the reasons are in portal/joblog/export.py): `;` between cells, `\\r\\n`
line endings, UTF-8 with a byte order mark, and times it reads as times.

Text in a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is run as a formula by
Excel, LibreOffice and Sheets (OWASP "CSV Injection"), so such text gets a leading `'` and is shown
as text."""

from __future__ import annotations

import csv
from datetime import datetime, tzinfo
from typing import Any

#: Danish Excel's list separator: `,` is its decimal comma, so a comma-separated file is one column.
DELIMITER = ";"
LINE_END = "\r\n"
#: UTF-8's byte order mark, written first: without it Excel reads the file as Windows-1252.
BOM = "\ufeff"
#: First characters that make a spreadsheet treat a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """Prefix `'` to text that a spreadsheet would run as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def writer(output: Any) -> Any:
    """A csv writer in the dialect; minimal quoting keeps a `;`, `"` or line break inside its cell."""
    return csv.writer(output, delimiter=DELIMITER, lineterminator=LINE_END, quoting=csv.QUOTE_MINIMAL)


def date_and_time(moment: datetime, zone: tzinfo) -> str:
    """`2026-03-02 00:30:00` on `zone`'s clock: Excel, LibreOffice and Sheets read it as a date and
    time in every locale (ISO 8601's `T` and offset they would keep as text)."""
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S")
