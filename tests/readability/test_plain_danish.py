"""Plain Danish: every page a citizen can reach reads at a median LIX of 35 or below, and no page
above 45 except the printable ones (issue 19). The table of every page's figures is printed
(`pytest -s`, or with the failure) and written to test-results/plain-danish.txt."""

from __future__ import annotations

from pathlib import Path
from statistics import median

from tests.readability.citizen_pages import collect
from tests.readability.lix import readability
from tests.readability.visible_text import main_units

REPORT = Path(__file__).resolve().parents[2] / "test-results" / "plain-danish.txt"
MEDIAN_TARGET = 35
PAGE_LIMIT = 45
#: Pages made for printing: a table of a citizen's own entries, read on paper, not a text.
PRINTABLE = {"joblog.print_view"}


def test_citizen_pages_are_plain_danish(app, client, session, make_app, make_citizen):
    pages = collect(app, client, session, make_app, make_citizen)
    figures = [(page, readability(main_units(page.html))) for page in pages]
    rows = [f"{'page':<58} {'LIX':>5} {'words':>6}"]
    rows += [f"{page.name:<58} {counts.lix:5.1f} {counts.words:6d}" for page, counts in figures]
    middle = median(counts.lix for _page, counts in figures)
    rows.append(f"{'median of ' + str(len(figures)) + ' pages':<58} {middle:5.1f}")
    table = "\n".join(rows)
    print("\n" + table)
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text(table + "\n", encoding="utf-8")
    too_hard = [
        f"{page.name}: {counts.lix:.1f}"
        for page, counts in figures
        if counts.lix > PAGE_LIMIT and page.endpoint not in PRINTABLE
    ]
    assert middle <= MEDIAN_TARGET and not too_hard, (
        f"median {middle:.1f} (target {MEDIAN_TARGET}); above {PAGE_LIMIT}: {too_hard}\n{table}"
    )
