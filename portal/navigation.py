"""The page frame each kind of person gets: the header's main menu, its subtitle, and the width.

Menu entries name their endpoints as text, so the core imports no feature. The entry whose page
is shown is marked as the current page; on a page further down its section (one meeting under
Møder, one joblog entry under Joblog) the entry is marked as the section the person is in, as DKFDS
asks: aria-current="page" for the page itself, aria-current="true" for a page below it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from flask_babel.speaklater import LazyString

from portal.access import Role
from portal.i18n import lazy_gettext as _l


@dataclass(frozen=True)
class Entry:
    text: LazyString
    endpoint: str
    #: Blueprints whose pages sit below this entry; an endpoint another entry names is that entry's.
    section: frozenset[str]


@dataclass(frozen=True)
class MenuLink:
    text: LazyString
    #: The template builds the address (its url_for remembers what it built).
    endpoint: str
    #: "page" on the entry's own page, "true" below it, None elsewhere (the aria-current value).
    current: Literal["page", "true"] | None


@dataclass(frozen=True)
class Frame:
    menu: list[MenuLink]
    subtitle: LazyString
    #: The caseload is a wide table: the caseworker's pages use the whole screen.
    wide: bool


CITIZEN_MENU = (
    Entry(_l("Overblik"), "overview.index", frozenset({"overview", "account"})),
    Entry(_l("Min plan"), "plan.index", frozenset({"plan"})),
    Entry(_l("Møder"), "meetings.index", frozenset({"meetings", "questionnaire"})),
    Entry(_l("Hjemmeopgaver"), "homework.index", frozenset({"homework"})),
    Entry(_l("Joblog"), "joblog.index", frozenset({"joblog"})),
    Entry(_l("Beskeder"), "messages.index", frozenset({"messages"})),
)

CASEWORKER_MENU = (
    Entry(
        _l("Mine borgere"),
        "caseworker.caseload",
        frozenset(
            {
                "caseworker",
                "caseworker_plan",
                "caseworker_meetings",
                "caseworker_handover",
                "caseworker_invitations",
                "caseworker_messages",
            }
        ),
    ),
    Entry(_l("Tilføj en borger"), "caseworker_invitations.new", frozenset()),
)

#: An auditor and an administrator each have one page: no menu (the header still holds "Log af").
MENUS: dict[Role, tuple[Entry, ...]] = {Role.CITIZEN: CITIZEN_MENU, Role.CASEWORKER: CASEWORKER_MENU}

CITIZEN_SUBTITLE = _l("Forbered dine møder, følg din plan og hold din joblog opdateret")
SUBTITLES: dict[Role, LazyString] = {
    Role.CITIZEN: CITIZEN_SUBTITLE,
    Role.CASEWORKER: _l("Forbered møderne med dine borgere, og følg op på deres plan og joblog"),
    Role.AUDITOR: _l("Revision af, hvem der har set og ændret borgernes oplysninger"),
    Role.ADMIN: _l("Administration af konti og jobcentre"),
}


def frame_for(role: Role | None, endpoint: str | None) -> Frame:
    """The frame for a person of `role` (None: logged out, no menu) on the page of `endpoint`."""
    if role is None:
        return Frame(menu=[], subtitle=CITIZEN_SUBTITLE, wide=False)
    return Frame(menu=menu_links(MENUS.get(role, ()), endpoint), subtitle=SUBTITLES[role], wide=role is Role.CASEWORKER)


def menu_links(entries: tuple[Entry, ...], endpoint: str | None) -> list[MenuLink]:
    own_page = next((entry for entry in entries if entry.endpoint == endpoint), None)
    blueprint = endpoint.partition(".")[0] if endpoint else None
    section = None
    if own_page is None and blueprint is not None:
        section = next((entry for entry in entries if blueprint in entry.section), None)
    links = []
    for entry in entries:
        current: Literal["page", "true"] | None = None
        if entry is own_page:
            current = "page"
        elif entry is section:
            current = "true"
        links.append(MenuLink(entry.text, entry.endpoint, current))
    return links
