"""Every Python package comes from requirements.lock with its hashes: the pins in pyproject.toml are
the lock's, every locked release carries hashes, and the build installs with --require-hashes."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?==([^\s;\\]+)")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked() -> dict[str, tuple[str, int]]:
    """name -> (version, number of hashes)."""
    entries: dict[str, tuple[str, int]] = {}
    current = None
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        match = PIN.match(line)
        if match:
            current = canonical(match.group(1))
            entries[current] = (match.group(2), 0)
        elif current and line.strip().startswith("--hash=sha256:"):
            version, hashes = entries[current]
            entries[current] = (version, hashes + 1)
    return entries


def test_every_declared_pin_is_the_locked_one():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = project["dependencies"] + project["optional-dependencies"]["test"]
    lock = locked()
    for requirement in declared:
        match = PIN.match(requirement)
        assert match, f"{requirement}: pin it with =="
        name, version = canonical(match.group(1)), match.group(2)
        assert name in lock, f"{name} is missing from requirements.lock: run `make lock`"
        assert lock[name][0] == version, f"{name}: pyproject says {version}, the lock {lock[name][0]}: run `make lock`"


def test_every_locked_release_has_its_hashes_and_the_build_requires_them():
    lock = locked()
    assert len(lock) > 50, "transitive dependencies are locked too"
    assert all(hashes > 0 for _version, hashes in lock.values())
    makefile = (ROOT / "Makefile").read_text()
    assert "--require-hashes -r requirements.lock" in makefile
    assert "--no-deps --no-build-isolation -e ." in makefile, "installing the portal fetches nothing more"
