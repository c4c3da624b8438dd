"""Fetch a page and check what every page must be: valid HTML, one unique title, unique ids."""

from __future__ import annotations

from collections import Counter

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import event

from tests import html_check

LANGUAGES = {"da", "en", "ar", "uk"}


def parse_page(response, status: int = 200) -> BeautifulSoup:
    assert response.status_code == status, f"expected {status}, got {response.status_code}"
    html = response.get_data(as_text=True)
    request = getattr(response, "request", None)
    html_check.keep(html, request.path if request is not None else "?")
    soup = BeautifulSoup(html, "html5lib")
    titles = [
        title for title in soup.find_all("title") if not title.find_parent("svg")
    ]  # an svg's title names the image
    assert len(titles) == 1 and titles[0].get_text(strip=True), "a page has exactly one non-empty <title>"
    ids = Counter(tag["id"] for tag in soup.find_all(id=True))
    duplicates = [value for value, count in ids.items() if count > 1]
    assert not duplicates, f"duplicate ids: {duplicates}"
    assert soup.html.get("lang") in LANGUAGES, "<html lang> names the page's language"
    assert soup.html.get("dir") == ("rtl" if soup.html["lang"] == "ar" else "ltr"), "<html dir> follows the language"
    assert len(soup.find_all("h1")) == 1, "a page has exactly one <h1>"
    return soup


@pytest.fixture
def get_page(client):
    def _get(url: str, status: int = 200, **kwargs) -> BeautifulSoup:
        return parse_page(client.get(url, **kwargs), status)

    return _get


class StatementCounter:
    """Counts the SQL statements an engine runs inside the `with` block."""

    def __init__(self, engine):
        self.engine, self.statements = engine, []

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._count)
        return self

    def __exit__(self, *exc):
        event.remove(self.engine, "before_cursor_execute", self._count)

    def _count(self, _conn, _cursor, statement, *_args):
        # Transaction control (BEGIN, SAVEPOINT from the test's rollback wrapper) is not a query.
        if not statement.lstrip().upper().startswith(("BEGIN", "SAVEPOINT", "RELEASE", "ROLLBACK")):
            self.statements.append(statement)

    @property
    def count(self) -> int:
        return len(self.statements)


def statements_per_page(app, client, urls: list[str]) -> dict[str, int]:
    """How many SQL statements each page runs (after a first visit that warms up the session)."""
    from portal.db import db

    counts = {}
    for url in urls:
        client.get(url)
        with StatementCounter(db.state(app).engine) as counter:
            response = client.get(url)
        assert response.status_code == 200, f"{url} answered {response.status_code}"
        counts[url] = counter.count
    return counts
