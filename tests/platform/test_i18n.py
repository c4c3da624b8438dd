"""Danish by default, every other language complete; the choice follows the account, then the browser."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from portal.config import load_config
from tests.factories import log_in, post_form
from tests.pages import parse_page

TRANSLATIONS = Path(__file__).resolve().parents[2] / "translations"


@pytest.mark.parametrize(
    "language", [code for code in load_config({"PORTAL_ENV": "development"})["LANGUAGES"] if code != "da"]
)
def test_every_catalogue_turned_on_is_complete_and_not_fuzzy(language):
    with open(TRANSLATIONS / language / "LC_MESSAGES" / "messages.po", "rb") as handle:
        catalog = read_po(handle)
    problems = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings) or (isinstance(message.id, tuple) and len(strings) != catalog.num_plurals):
            problems.append(message.id)
    assert not problems, f"{len(problems)} {language} texts missing or fuzzy, e.g. {problems[:5]}"


def test_catalog_has_every_text_in_the_code():
    """`make translations` was run after the last text change: the template matches the catalog."""
    from babel.messages.extract import extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    root = TRANSLATIONS.parent
    with open(root / "babel.cfg") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "lazy_gettext": None, "_l": None}
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(root), method_map, options_map, keywords=keywords
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    with open(TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.po", "rb") as handle:
        catalog_ids = {m.id[0] if isinstance(m.id, tuple) else m.id for m in read_po(handle) if m.id}
    missing = found - catalog_ids
    assert not missing, f"run `make translations`: not in the catalog: {sorted(missing)[:5]}"


def test_danish_is_the_default(client):
    page = parse_page(client.get("/login"))
    assert page.html["lang"] == "da"
    assert page.h1.get_text(strip=True) == "Log ind på Min Plan"


def test_browser_language_is_used_when_nothing_chosen(client):
    page = parse_page(client.get("/login", headers={"Accept-Language": "en-GB,en;q=0.9"}))
    assert page.html["lang"] == "en"
    assert page.h1.get_text(strip=True) == "Log in to Min Plan"


def test_language_switch_when_logged_out_is_kept_in_session(client):
    response = post_form(client, "/language", {"language": "en", "next": "/privatliv"}, page_url="/login")
    assert response.status_code == 302 and response.headers["Location"] == "/privatliv"
    assert parse_page(client.get("/login")).html["lang"] == "en"


def test_language_choice_is_stored_on_the_account(app, client, make_citizen, session):
    citizen = make_citizen()
    log_in(client, citizen.email)
    post_form(client, "/language", {"language": "en", "next": "/"})
    session.refresh(citizen)
    assert citizen.preferred_language == "en"
    other_device = app.test_client()
    log_in(other_device, citizen.email)
    page = parse_page(other_device.get("/", headers={"Accept-Language": "da"}))
    assert page.html["lang"] == "en"
    assert page.h1.get_text(strip=True).startswith("Hello")


def test_unknown_language_is_refused(client):
    response = post_form(client, "/language", {"language": "xx"}, page_url="/login")
    assert response.status_code == 400


def test_dates_follow_language_and_copenhagen_time(client, make_caseworker, make_citizen, make_meeting):
    from datetime import datetime

    caseworker = make_caseworker()
    citizen = make_citizen(caseworker=caseworker, language="en")
    make_meeting(citizen, caseworker, starts_at=datetime(2030, 7, 1, 7, 15, tzinfo=UTC))
    log_in(client, citizen.email)
    text = parse_page(client.get("/")).find("main").get_text(" ", strip=True)
    assert "Monday, July 1, 2030 at 09:15" in text


def test_template_texts_translate_escape_their_variables_and_keep_percent_signs(app):
    """The templates' own gettext does what Jinja's newstyle one did: the catalogue's text is
    trusted, what is formatted into it is escaped, and "%%" is one percent sign."""
    from flask import render_template_string

    from portal.i18n import force_locale

    source = (
        "{{ _('Sendt %(when)s', when=name) }}|{% trans %}Hej {{ name }}{% endtrans %}|"
        "{{ ngettext('%(num)d forslag', '%(num)d forslag', 2) }}|{{ _('100 %%') }}"
    )
    with app.test_request_context("/"):
        with force_locale("en"):
            html = render_template_string(source, name="<b>Ib</b>")
        danish = render_template_string(source, name="<b>Ib</b>")
    assert html == "Sent on &lt;b&gt;Ib&lt;/b&gt;|Hello &lt;b&gt;Ib&lt;/b&gt;|2 proposals|100 %"
    assert danish == "Sendt &lt;b&gt;Ib&lt;/b&gt;|Hej &lt;b&gt;Ib&lt;/b&gt;|2 forslag|100 %"


def test_texts_outside_html_are_not_escaped(app):
    """A template without autoescape (plain-text e-mail) gets the text as written."""
    with app.test_request_context("/"):
        plain = app.jinja_env.overlay(autoescape=False)
        assert plain.from_string("{{ _('Sendt %(when)s', when=name) }}").render(name="<b>Ib</b>") == "Sendt <b>Ib</b>"


def test_date_and_time_follows_the_language_of_each_request(app):
    from datetime import datetime

    from portal.i18n import date_and_time, force_locale

    moment = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
    with app.test_request_context("/"):
        danish = date_and_time(moment)
        with force_locale("en"):
            english = date_and_time(moment)
        again = date_and_time(moment)
    assert danish == again == "mandag den 23. november 2026 kl. 10:30"
    assert english.startswith("Monday, November 23, 2026") and "10:30" in english
