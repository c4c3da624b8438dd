"""Checking where a `next` parameter may send a person: only to a path on this site."""
from __future__ import annotations

from urllib.parse import urlsplit


def safe_next(target: str | None) -> str | None:
    """Return `target` if it is a local path ("/plan/?x=1"), else None.

    Refuses schemes, hosts, protocol-relative "//host", backslash tricks ("/\\host") that browsers
    treat as "//host", and control characters that some browsers strip.
    """
    if not target or len(target) > 2000:
        return None
    if any(ord(char) < 32 or char == "\x7f" for char in target) or "\\" in target:
        return None
    if not target.startswith("/") or target.startswith("//"):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target
