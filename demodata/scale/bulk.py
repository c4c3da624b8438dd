"""Rows in bulk: COPY on PostgreSQL, one prepared INSERT run many times on SQLite.

The ORM would spend more time building objects than the database spends storing them, so the
scale generator hands plain tuples to this writer. Values are Python values (aware UTC datetimes,
dates, booleans, strings); `encode` turns dates and datetimes into the text UTCDateTime and Date
store on SQLite, and leaves them to the driver on PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import lru_cache

from sqlalchemy import Connection, Date, func, select, text

from portal.db import Base, UTCDateTime

SQLITE_DATETIME = "%Y-%m-%d %H:%M:%S.%f"

#: (table, rows) in the order the tables were declared: parents before children.
Batch = list[tuple[str, list[tuple]]]


def prepare_for_bulk(connection: Connection) -> None:
    """Settings for a connection about to load, before its transaction begins: SQLite neither waits
    for the disk nor runs short of cache (a crash leaves a half-written test database, never a
    corrupt production one)."""
    if connection.dialect.name == "sqlite":
        for pragma in ("synchronous=OFF", "cache_size=-262144"):
            connection.connection.driver_connection.execute(f"PRAGMA {pragma}")


class BulkWriter:
    def __init__(self, connection: Connection, columns: dict[str, tuple[str, ...]]) -> None:
        self.connection = connection
        self.postgresql = connection.dialect.name == "postgresql"
        self.columns = columns
        self.sqlite_text: dict[str, tuple] = {}
        for name, names in columns.items():
            table = Base.metadata.tables[name]
            unknown = set(names) - set(table.columns.keys())
            if unknown:
                raise ValueError(f"{name} has no columns {sorted(unknown)}")
            # sqlite3's own date adapters are deprecated; write the text SQLAlchemy itself would write.
            self.sqlite_text[name] = tuple(
                (position, _sqlite_datetime if isinstance(table.columns[column].type, UTCDateTime) else _sqlite_date)
                for position, column in enumerate(names)
                if isinstance(table.columns[column].type, (UTCDateTime, Date))
            )
        self.written = 0
        self.deferred_indexes: list = []

    def skip_checks(self) -> None:
        """PostgreSQL, for this transaction only: foreign keys are checked by a trigger per row, and
        the generator's rows are consistent by construction (the SQLite run enforces every key), so
        a superuser's load skips the triggers; and the commit need not wait for the disk."""
        if not self.postgresql:
            return
        self.connection.exec_driver_sql("SET LOCAL synchronous_commit = off")
        if self.connection.exec_driver_sql("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").scalar():
            self.connection.exec_driver_sql("SET LOCAL session_replication_role = replica")

    def defer_indexes(self) -> None:
        """Drop the secondary indexes of the tables written, to build each once at the end: sorting
        once is cheaper than keeping an index in order through millions of inserts. Unique ones stay,
        so the database still refuses a duplicate."""
        for name in self.columns:
            for index in Base.metadata.tables[name].indexes:
                if not index.unique:
                    index.drop(self.connection)
                    self.deferred_indexes.append(index)

    def next_id(self, name: str) -> int:
        """The first free id: the generator numbers rows itself so children can point at parents."""
        return (self.connection.execute(select(func.max(Base.metadata.tables[name].c.id))).scalar() or 0) + 1

    def encode(self, batch: Batch) -> Batch:
        """What the driver is given; safe to run in another process than `write`."""
        if self.postgresql:
            return batch
        encoded = []
        for name, rows in batch:
            converters = self.sqlite_text[name]
            encoded.append((name, [_as_text(row, converters) for row in rows] if converters else rows))
        return encoded

    def write(self, batch: Batch) -> None:
        for name, rows in batch:
            if rows:
                (self._copy if self.postgresql else self._insert)(name, rows)
                self.written += len(rows)

    def finish(self) -> None:
        """Build the deferred indexes, move PostgreSQL's id sequences past the ids used, and refresh
        the planner's statistics."""
        for index in self.deferred_indexes:
            index.create(self.connection)
        if self.postgresql:
            for name, names in self.columns.items():
                if "id" in names:
                    self.connection.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                            f"(SELECT coalesce(max(id), 1) FROM {name}))"
                        )
                    )
        self.connection.execute(text("ANALYZE"))

    def _copy(self, name: str, rows: list[tuple]) -> None:
        cursor = self.connection.connection.driver_connection.cursor()
        with cursor.copy(f"COPY {name} ({', '.join(self.columns[name])}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def _insert(self, name: str, rows: list[tuple]) -> None:
        columns = self.columns[name]
        statement = f"INSERT INTO {name} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        self.connection.connection.driver_connection.executemany(statement, rows)


def _as_text(row: tuple, converters: tuple) -> tuple:
    values = list(row)
    for position, convert in converters:
        if values[position] is not None:
            values[position] = convert(values[position])
    return tuple(values)


@lru_cache(maxsize=1 << 16)  # the same days and times recur across citizens
def _sqlite_datetime(value: datetime) -> str:
    return value.astimezone(UTC).replace(tzinfo=None).strftime(SQLITE_DATETIME)


def _sqlite_date(value: date) -> str:
    return value.isoformat()
