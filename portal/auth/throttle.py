"""Per-account protection against password guessing, beside the per-address limit on /login.

Counted per e-mail address typed, whether or not an account has it: an unknown address gets the same
waits, the same lock and the same words, so the answers tell no one which addresses have accounts.

The figures. Someone who mistypes a few times hardly notices; a guesser gets five tries, then a
quarter of an hour's pause, and longer pauses after that:
- the 1st and 2nd failure within 15 minutes cost nothing;
- the 3rd makes the next try wait 5 seconds, the 4th 10 seconds;
- the 5th locks the address for 15 minutes; each further lock within 24 hours of the one before
  doubles it (30, 60, 120 minutes), up to 4 hours.
A right password clears the count and the lock history. A try during a wait or a lock is refused
without checking the password and does not lengthen it: otherwise anyone who knows a citizen's
address could keep them out for good.

Counted in Redis (REDIS_URL, required in production), not in the database. Unknown addresses must be
counted too, and a row for every address anyone types would let anyone fill a table; Redis keys
expire by themselves, every worker and instance sees the same counts, and a failed login writes
nothing but its audit row. The keys hold an HMAC of the address under SECRET_KEY, never the address.
Without REDIS_URL (development, tests) the counts live in the process. When Redis cannot be reached,
counting goes on in the worker's own memory with a logged warning: logins keep working and guessing
is still slowed (per worker) until Redis answers again.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import TypeVar, cast

from flask import Flask, current_app
from limits.errors import StorageError
from limits.storage import MemoryStorage, Storage, storage_from_string

log = logging.getLogger(__name__)

WINDOW = timedelta(minutes=15)
FREE_FAILURES = 2
FIRST_WAIT = timedelta(seconds=5)
LOCK_AT = 5
FIRST_LOCK = timedelta(minutes=15)
LONGEST_LOCK = timedelta(hours=4)
#: How long after a lock the next one still doubles.
LOCK_MEMORY = timedelta(hours=24)

EXTENSION = "login_throttle"
KEY_PREFIX = "minplan-login"
#: A Redis that does not answer must not hold up a login for long.
REDIS_TIMEOUT_SECONDS = 2

T = TypeVar("T")


@dataclass(frozen=True)
class Hold:
    """The address may not try again for `seconds`; `locked` for a lock rather than a short wait."""

    seconds: int
    locked: bool

    @property
    def minutes(self) -> int:
        return math.ceil(self.seconds / 60)


@dataclass(frozen=True)
class Counted:
    #: Failures in the current window, this one included.
    failures: int
    #: The wait or lock this failure started, if any.
    hold: Hold | None


class _Stores:
    def __init__(self, uri: str) -> None:
        self.fallback: Storage = MemoryStorage()
        self.shared: Storage = (
            self.fallback
            if uri.startswith("memory://")
            else cast(
                Storage,  # a redis:// URI gives the synchronous storage
                storage_from_string(
                    uri,
                    key_prefix=KEY_PREFIX,
                    wrap_exceptions=True,
                    socket_timeout=REDIS_TIMEOUT_SECONDS,
                    socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
                ),
            )
        )


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = _Stores(app.config.get("REDIS_URL") or "memory://")


def reset(app: Flask) -> None:
    """Forget every count (tests start from none)."""
    stores: _Stores = app.extensions[EXTENSION]
    stores.fallback.reset()
    try:
        stores.shared.reset()
    except StorageError:
        log.warning("login counts: Redis not reachable; only this worker's counts were forgotten")


def held(address: str) -> Hold | None:
    """The wait or lock the (normalised) address is under now, if any."""
    return _with_store(lambda store: _held(store, address))


def count_failure(address: str) -> Counted:
    return _with_store(lambda store: _count_failure(store, address))


def clear(address: str) -> None:
    """A right password: the address starts afresh."""
    _with_store(lambda store: [store.clear(_key(kind, address)) for kind in ("fail", "wait", "lock", "locks")])


def _held(store: Storage, address: str) -> Hold | None:
    for kind, locked in (("lock", True), ("wait", False)):
        key = _key(kind, address)
        if store.get(key):
            seconds = math.ceil(store.get_expiry(key) - time.time())
            if seconds > 0:
                return Hold(seconds, locked)
    return None


def _count_failure(store: Storage, address: str) -> Counted:
    failures = store.incr(_key("fail", address), _seconds(WINDOW))
    if failures >= LOCK_AT:
        # Written afresh so the memory lasts a day from the latest lock, not from the first.
        locks = store.get(_key("locks", address)) + 1
        store.clear(_key("locks", address))
        store.incr(_key("locks", address), _seconds(LOCK_MEMORY), amount=locks)
        length = min(FIRST_LOCK * 2 ** min(locks - 1, 10), LONGEST_LOCK)
        store.clear(_key("fail", address))  # after the lock, the count starts again
        return Counted(failures, _hold(store, address, "lock", length))
    if failures > FREE_FAILURES:
        return Counted(failures, _hold(store, address, "wait", FIRST_WAIT * 2 ** (failures - FREE_FAILURES - 1)))
    return Counted(failures, None)


def _hold(store: Storage, address: str, kind: str, length: timedelta) -> Hold:
    key = _key(kind, address)
    store.clear(key)  # a fresh expiry even if a simultaneous request just set one
    store.incr(key, _seconds(length))
    return Hold(_seconds(length), kind == "lock")


def _key(kind: str, address: str) -> str:
    secret = str(current_app.config["SECRET_KEY"]).encode()
    return f"{kind}:{hmac.new(secret, address.encode(), hashlib.sha256).hexdigest()}"


def _seconds(length: timedelta) -> int:
    return int(length.total_seconds())


def _with_store(operation: Callable[[Storage], T]) -> T:
    stores: _Stores = current_app.extensions[EXTENSION]
    try:
        return operation(stores.shared)
    except StorageError as error:
        log.warning(
            "login counts: Redis not reachable (%s); counting in this worker until it answers",
            type(error.storage_error).__name__,
        )
        return operation(stores.fallback)
