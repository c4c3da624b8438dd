"""Text bound for a spreadsheet (the joblog's CSV, the audit export): a cell starting with `=`,
`+`, `-`, `@`, a tab or a carriage return is run as a formula by Excel, LibreOffice and Sheets
(OWASP "CSV Injection"), so such text gets a leading `'` and is shown as text."""

from __future__ import annotations

#: First characters that make a spreadsheet treat a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """Prefix `'` to text that a spreadsheet would run as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text
