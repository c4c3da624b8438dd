"""Interpreters at meetings ("Jeg har brug for en tolk"): the languages a citizen can choose, and
where a request stands.

The list holds the languages Danish jobcentres most often book interpreters for, then "Andet sprog"
in the citizen's own words. A request is stored by its code, so each reader sees the language in the
language they read the portal in: the caseworker sees "Arabisk" whatever the citizen reads.

Where a request stands (`state`), as the caseworker needs to know it:
- "none": no interpreter wanted, none booked;
- "requested": wanted, not booked yet;
- "booked": the caseworker said "Tolk er bestilt" for the language wanted now;
- "rebook": wanted, and an interpreter was booked before the citizen changed their request or the
  meeting changed: the booking must be checked, changed or replaced, then confirmed again;
- "cancel": an interpreter is booked and no longer wanted (withdrawn, or the meeting cancelled).
The citizen sees only whether an interpreter is booked for the language they asked for.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, or_

from portal.clock import utcnow
from portal.i18n import lazy_gettext as _l
from portal.meetings.models import Meeting, MeetingStatus

OTHER = "other"

#: code -> the language as a choice and a label ("Tolk: Arabisk").
LANGUAGES = {
    "arabic": _l("Arabisk"),
    "ukrainian": _l("Ukrainsk"),
    "somali": _l("Somali"),
    "tigrinya": _l("Tigrinya"),
    "farsi": _l("Farsi/persisk"),
    "dari": _l("Dari"),
    "pashto": _l("Pashto"),
    "kurmanji": _l("Kurdisk (kurmanji)"),
    "sorani": _l("Kurdisk (sorani)"),
    "turkish": _l("Tyrkisk"),
    "polish": _l("Polsk"),
    "romanian": _l("Rumænsk"),
    "english": _l("Engelsk"),
    "sign_language": _l("Tegnsprog"),
    OTHER: _l("Andet sprog"),
}
#: The language inside a sentence ("Der er bestilt en tolk på arabisk"): Danish writes it in lower case.
_IN_A_SENTENCE = {
    "arabic": _l("arabisk"),
    "ukrainian": _l("ukrainsk"),
    "somali": _l("somali"),
    "tigrinya": _l("tigrinya"),
    "farsi": _l("farsi/persisk"),
    "dari": _l("dari"),
    "pashto": _l("pashto"),
    "kurmanji": _l("kurdisk (kurmanji)"),
    "sorani": _l("kurdisk (sorani)"),
    "turkish": _l("tyrkisk"),
    "polish": _l("polsk"),
    "romanian": _l("rumænsk"),
    "english": _l("engelsk"),
    "sign_language": _l("tegnsprog"),
}
#: The portal's own languages that are on the list: the form starts from the one the citizen reads.
_FOR_PORTAL_LANGUAGE = {"ar": "arabic", "uk": "ukrainian", "en": "english"}

# Statement filters for the caseload, the same rules as `state` (the caller keeps to meetings that
# have not begun): an interpreter to book (or book again), and a booking to cancel.
TO_BOOK = and_(
    Meeting.status == MeetingStatus.PLANNED,
    Meeting.interpreter_language.is_not(None),
    Meeting.interpreter_confirmed_at.is_(None),
)
TO_CANCEL = and_(
    Meeting.interpreter_booked_language.is_not(None),
    or_(Meeting.interpreter_language.is_(None), Meeting.status == MeetingStatus.CANCELLED),
)


def default_for(portal_language: str) -> str | None:
    return _FOR_PORTAL_LANGUAGE.get(portal_language)


def _name(code: str | None, other: str | None, names: dict) -> str:
    if code == OTHER or code not in names:
        return other or str(LANGUAGES[OTHER])
    return str(names[code])


def name(meeting: Meeting) -> str:
    """The language asked for, as a label: "Arabisk", or the citizen's own words."""
    return _name(meeting.interpreter_language, meeting.interpreter_language_other, LANGUAGES)


def in_a_sentence(meeting: Meeting) -> str:
    """The language asked for inside a sentence: "arabisk", or the citizen's own words."""
    return _name(meeting.interpreter_language, meeting.interpreter_language_other, _IN_A_SENTENCE)


def booked_in_a_sentence(meeting: Meeting) -> str:
    """The language of the interpreter booked, inside a sentence."""
    return _name(meeting.interpreter_booked_language, meeting.interpreter_booked_language_other, _IN_A_SENTENCE)


def wanted(meeting: Meeting) -> bool:
    return meeting.interpreter_language is not None and meeting.status is MeetingStatus.PLANNED


def state(meeting: Meeting) -> str:
    """ "none", "requested", "booked", "rebook" or "cancel" (see the module's docstring)."""
    booked = meeting.interpreter_booked_language is not None
    if not wanted(meeting):
        return "cancel" if booked else "none"
    if meeting.interpreter_confirmed_at is not None:
        return "booked"
    return "rebook" if booked else "requested"


def booking_is_another_language(meeting: Meeting) -> bool:
    """The interpreter booked speaks another language than the one asked for now."""
    return (meeting.interpreter_booked_language, meeting.interpreter_booked_language_other) != (
        meeting.interpreter_language,
        meeting.interpreter_language_other,
    )


def open_for_change(meeting: Meeting, now: datetime | None = None) -> bool:
    """The citizen can ask for, change or withdraw an interpreter until a meeting that is not
    cancelled begins, and the caseworker can confirm a booking until then."""
    return meeting.status is MeetingStatus.PLANNED and meeting.starts_at > (now or utcnow())
