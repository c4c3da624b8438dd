"""Reading what arrives in a URL or a form: where `next` may send a person (only to a path on this
site), and ids typed as text; and the portal's own address for what leaves it."""

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


def parse_id(text: str | None, max_digits: int = 11) -> int | None:
    """A positive database id written in ASCII digits, else None.

    str.isdigit() alone is not enough: "²" is a digit to Python but not to int().
    """
    text = text or ""
    if text.isascii() and text.isdigit() and 0 < len(text) <= max_digits:
        return int(text)
    return None


def public_url(config, path: str) -> str:
    """`path` at the portal's public address (BASE_URL), for what is read away from the page: a
    calendar file, an e-mail. Never from the request's Host header, which behind the proxy is
    X-Forwarded-Host: whatever the client sent."""
    return config["BASE_URL"].rstrip("/") + path


def public_host(config) -> str:
    """BASE_URL's host name: the domain part of a calendar event's UID."""
    return urlsplit(config["BASE_URL"]).hostname or "localhost"
