"""Optimistic locking: a save made from an outdated page is refused, never silently applied.

Every versioned record maps its `version` column as SQLAlchemy's `version_id_col`, so each UPDATE
of the row says `WHERE version = <the version this request read>` and raises the version by one.
That closes the race two saves at the same instant would otherwise both win. Before anything
changes, `check` compares the version the person's form was shown with (a hidden field) against
the record as read now. Either way the caller sees one error, StaleVersion, and the view shows the
saved version beside the person's own (portal.forms.VersionedForm).

A person's save raises the version; bookkeeping that no form edits (a caseworker having seen an
absence notice or a done task) is written with a plain UPDATE statement, which leaves it alone,
so it never makes somebody's open form stale.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

from sqlalchemy.orm.exc import StaleDataError

from portal.db import db


class Versioned(Protocol):
    version: int


class StaleVersion(Exception):
    """Someone saved the record after this person's form was shown (or at the same instant); nothing
    of this person's was saved."""


def check(record: Versioned, shown_version: str | None) -> None:
    """Refuse a save from a form shown for another version than the record has now.

    :raise StaleVersion: also for a form that carried no version at all.
    """
    if str(record.version) != (shown_version or "").strip():
        raise StaleVersion


@contextmanager
def saving() -> Iterator[None]:
    """A save, committed when the block ends. A versioned row that another transaction saved since
    this one read it, found at any flush in the block or at the commit, becomes StaleVersion; the
    session is rolled back, so the records read again show what is saved now."""
    try:
        yield
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        raise StaleVersion from None
