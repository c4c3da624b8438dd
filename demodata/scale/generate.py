"""`flask demo scale`: jobcentres, caseworkers with caseloads of about 150, and citizens with a history.

Every citizen gets what the portal shows: a profile and caseworker (some handed over), meetings
every five weeks with summaries and homework, a sent questionnaire for the last meeting and a draft
for the next, a plan (end goal, milestones, job goals A/B/C, a practicum with its purpose, a course,
agreements with a job-search requirement), about 40 joblog entries and the audit rows their
caseworker's reads left. The numbers vary per citizen from a seeded random generator, so two runs
with the same options write the same data.
"""

from __future__ import annotations

import multiprocessing
import queue
from collections.abc import Callable
from datetime import date

from sqlalchemy import Connection, select

from demodata.scale.bulk import BulkWriter
from demodata.scale.columns import COLUMNS
from demodata.scale.shape import CITIZENS_PER_BATCH, EMAIL_DOMAIN, Shape
from demodata.scale.world import World
from portal.auth.models import User


def already_generated(connection: Connection) -> bool:
    return connection.execute(select(User.id).where(User.email.like(f"%@{EMAIL_DOMAIN}")).limit(1)).first() is not None


def generate(
    connection: Connection,
    shape: Shape,
    *,
    today: date,
    seed: int = 2026,
    progress: Callable[[int], None] = lambda done: None,
) -> int:
    """Write the data in the caller's transaction, which it makes a bulk load (see BulkWriter:
    PostgreSQL skips foreign-key triggers until it ends); returns the number of rows written.

    A second process makes the rows while this one writes them: on two cores that nearly halves
    the time. It is forked, so it shares nothing with the database connection it never touches."""
    writer = BulkWriter(connection, COLUMNS)
    writer.skip_checks()
    writer.defer_indexes()
    world = World({name: writer.next_id(name) for name in COLUMNS if "id" in COLUMNS[name]}, shape, today, seed)
    world.organisation()
    writer.write(writer.encode(world.drain()))
    context = multiprocessing.get_context("fork")
    batches = context.Queue(maxsize=2)
    producer = context.Process(target=_produce, args=(world, writer, batches), daemon=True)
    producer.start()
    try:
        while (item := _next_batch(batches, producer)) is not None:
            citizens_done, batch = item
            writer.write(batch)
            progress(citizens_done)
    finally:
        if producer.is_alive():
            producer.terminate()
        producer.join()
    writer.finish()
    return writer.written


def _produce(world: World, writer: BulkWriter, batches) -> None:
    made = 0
    for index in range(world.shape.citizens):
        world.citizen(index)
        made += 1
        if made == CITIZENS_PER_BATCH:
            batches.put((made, writer.encode(world.drain())))
            made = 0
    batches.put((made, writer.encode(world.drain())))
    batches.put(None)


def _next_batch(batches, producer):
    while True:
        try:
            return batches.get(timeout=1)
        except queue.Empty:
            if not producer.is_alive():
                raise RuntimeError(f"the process making the rows stopped (exit code {producer.exitcode})") from None
