"""What the generator's row makers share: the rows made so far, the next id of each table, the size
and the day the data is made for."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from demodata.scale.columns import COLUMNS
from demodata.scale.shape import Shape
from portal.clock import local_zone


class Rows:
    """Numbers rows table by table; `drain` hands over what was made since the last call."""

    def __init__(self, ids: dict[str, int], shape: Shape, today: date, seed: int) -> None:
        self.ids, self.shape, self.today, self.seed = ids, shape, today, seed
        self.rows: dict[str, list[tuple]] = {name: [] for name in COLUMNS}
        self.now = datetime.combine(today, time(7), tzinfo=local_zone()).astimezone(UTC)

    def drain(self) -> list[tuple[str, list[tuple]]]:
        batch = list(self.rows.items())
        self.rows = {name: [] for name in COLUMNS}
        return batch

    def take(self, table: str) -> int:
        value = self.ids[table]
        self.ids[table] = value + 1
        return value
