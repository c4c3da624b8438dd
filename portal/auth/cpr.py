"""CPR numbers: checked when typed, and never stored readable.

The portal keeps only HMAC-SHA256(CPR, CPR_KEY): enough to find the citizen whose MitID login
carries that number, useless to anyone who reads the database without the key (a bare SHA-256 of
the 3.65 million possible CPR numbers would be undone in seconds).
"""

from __future__ import annotations

import hashlib
import hmac
import re
from datetime import date

_CPR = re.compile(r"([0-9]{6})-?([0-9]{4})")


def normalised(typed: str | None) -> str | None:
    """The ten digits of a CPR number typed as 10 digits or with one hyphen after the sixth, when the
    first six are a real date (DDMMYY); None for anything else."""
    match = _CPR.fullmatch((typed or "").strip())
    if match is None:
        return None
    digits = match.group(1) + match.group(2)
    day, month, year = int(digits[0:2]), int(digits[2:4]), int(digits[4:6])
    # The century hangs on the seventh digit; checking the day in 20YY is close enough to catch a
    # typing error (it lets 29 February 1900 through).
    try:
        date(2000 + year, month, day)
    except ValueError:
        return None
    return digits


def well_formed(typed: str | None) -> bool:
    """Ten digits, with or without the hyphen, whether or not the date is real (for the message)."""
    return _CPR.fullmatch((typed or "").strip()) is not None


def keyed_hash(digits: str, key: str) -> str:
    """What is stored of a CPR number: its HMAC-SHA256 under the portal's CPR key, as hex."""
    return hmac.new(key.encode(), digits.encode(), hashlib.sha256).hexdigest()
