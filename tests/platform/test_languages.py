"""Arabic and Ukrainian beside Danish and English: who is offered which, each named in its own
script, Arabic pages right to left with DKFDS mirrored at build time, and plural forms that count
right in every language."""

from __future__ import annotations

import gettext
import shutil
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from portal.audit import AuditEntry
from tests.factories import log_in, post_form
from tests.pages import parse_page

ROOT = Path(__file__).resolve().parents[2]
OWN_NAMES = {"da": "Dansk", "en": "English", "ar": "العربية", "uk": "Українська"}


def switcher(page) -> dict[str, tuple[str, str]]:
    """The language choices on a page: code -> (name shown, its dir)."""
    return {
        button["value"]: (button.get_text(strip=True), button["dir"])
        for button in page.select(".portal-language button[name=language]")
    }


def test_before_login_every_language_turned_on_is_offered_in_its_own_name_and_direction(client):
    choices = switcher(parse_page(client.get("/login")))
    assert choices == {
        "da": ("Dansk", "ltr"),
        "en": ("English", "ltr"),
        "ar": ("العربية", "rtl"),
        "uk": ("Українська", "ltr"),
    }


def test_an_arabic_page_is_right_to_left_with_the_mirrored_design_system_and_the_arabic_font(client):
    post_form(client, "/language", {"language": "ar", "next": "/login"}, page_url="/login")
    page = parse_page(client.get("/login"))
    assert (page.html["lang"], page.html["dir"]) == ("ar", "rtl")
    sheets = [link["href"] for link in page.find_all("link", rel="stylesheet")]
    assert any(href.endswith("dkfds.rtl.min.css") for href in sheets)
    assert not any(href.endswith("/dkfds.min.css") for href in sheets)
    assert any(href.endswith("css/arabic.css") for href in sheets)


@pytest.mark.parametrize("language", ["da", "en", "uk"])
def test_other_pages_are_left_to_right_and_load_no_arabic_font(client, language):
    page = parse_page(client.get("/login", headers={"Accept-Language": language}))
    assert (page.html["lang"], page.html["dir"]) == (language, "ltr")
    sheets = [link["href"] for link in page.find_all("link", rel="stylesheet")]
    assert any(href.endswith("/dkfds.min.css") for href in sheets)
    assert not any("arabic" in href or "rtl" in href for href in sheets)


def test_a_citizen_is_offered_what_their_jobcentre_offers(client, make_jobcentre, make_citizen):
    citizen = make_citizen(jobcentre=make_jobcentre(languages="da en"))
    log_in(client, citizen.email)
    assert set(switcher(parse_page(client.get("/")))) == {"da", "en"}
    refused = post_form(client, "/language", {"language": "ar", "next": "/"}, page_url="/")
    assert refused.status_code == 400
    assert parse_page(client.get("/")).html["lang"] == "da"


def test_a_citizen_whose_jobcentre_offers_arabic_gets_it_and_keeps_it(
    client, app, make_jobcentre, make_citizen, session
):
    citizen = make_citizen(jobcentre=make_jobcentre(languages="da en ar uk"))
    log_in(client, citizen.email)
    assert set(switcher(parse_page(client.get("/")))) == {"da", "en", "ar", "uk"}
    post_form(client, "/language", {"language": "ar", "next": "/"}, page_url="/")
    session.expire_all()
    assert session.get(type(citizen), citizen.id).preferred_language == "ar"
    other_browser = app.test_client()
    log_in(other_browser, citizen.email)
    assert parse_page(other_browser.get("/")).html["dir"] == "rtl"


def test_a_language_the_jobcentre_stops_offering_falls_back_to_danish(client, make_jobcentre, make_citizen, session):
    jobcentre = make_jobcentre(languages="da en uk")
    citizen = make_citizen(jobcentre=jobcentre)
    citizen.preferred_language = "uk"
    session.commit()
    log_in(client, citizen.email)
    assert parse_page(client.get("/")).html["lang"] == "uk"
    jobcentre.languages = "da en"
    session.commit()
    assert parse_page(client.get("/")).html["lang"] == "da"


def test_staff_pages_are_offered_in_danish_and_english_only(client, make_caseworker, make_jobcentre):
    caseworker = make_caseworker(jobcentre=make_jobcentre(languages="da en ar uk"))
    log_in(client, caseworker.email)
    assert set(switcher(parse_page(client.get("/caseworker/")))) == {"da", "en"}


def test_the_jobcentre_command_sets_its_languages_and_refuses_one_not_turned_on(app, make_jobcentre, session):
    jobcentre = make_jobcentre(name="Jobcenter Sprog")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["jobcentres", "languages", "Jobcenter Sprog", "ar", "uk"])
    assert result.exit_code == 0, result.output
    session.expire_all()
    assert jobcentre.languages == "da ar uk"  # Danish always
    assert session.scalars(select(AuditEntry.action).where(AuditEntry.action == "jobcentre.languages_set")).all()
    refused = runner.invoke(args=["jobcentres", "languages", "Jobcenter Sprog", "so"])
    assert refused.exit_code != 0 and "not turned on" in refused.output
    assert runner.invoke(args=["jobcentres", "list"]).output.count("da ar uk") == 1


def test_production_turns_on_only_danish_and_english_unless_told(monkeypatch):
    from portal.config import load_config
    from tests.settings import PRODUCTION

    assert load_config(PRODUCTION)["LANGUAGES"] == ("da", "en")
    monkeypatch.setenv("PORTAL_LANGUAGES", "da en ar")
    assert load_config(PRODUCTION)["LANGUAGES"] == ("da", "en", "ar")


# Plural forms: the catalogue's header decides which form a number takes. Babel writes Arabic's
# with two forms swapped (python-babel issue 816); ours is CLDR's order, checked here.
PLURALS = {
    "da": {0: 1, 1: 0, 2: 1, 5: 1, 11: 1, 100: 1},
    "en": {0: 1, 1: 0, 2: 1, 5: 1, 11: 1, 100: 1},
    # zero, one, two, few (3-10), many (11-99), other (100-102, ...)
    "ar": {0: 0, 1: 1, 2: 2, 3: 3, 10: 3, 11: 4, 99: 4, 100: 5, 101: 5, 102: 5, 103: 3, 111: 4},
    # one (1, 21), few (2-4, 22-24), many (0, 5-20, 25-30, 111)
    "uk": {1: 0, 21: 0, 2: 1, 4: 1, 22: 1, 0: 2, 5: 2, 11: 2, 12: 2, 14: 2, 25: 2, 111: 2},
}


@pytest.mark.parametrize("language", sorted(PLURALS))
def test_each_catalogue_picks_the_right_plural_form(language):
    with open(ROOT / "translations" / language / "LC_MESSAGES" / "messages.mo", "rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    assert {n: catalogue.plural(n) for n in PLURALS[language]} == PLURALS[language]


def test_the_mirrored_design_system_is_rtlcss_output_of_the_one_shipped_never_edited(tmp_path):
    rtlcss = ROOT / "node_modules" / ".bin" / "rtlcss"
    if not rtlcss.exists() or shutil.which("node") is None:
        pytest.skip("npm ci has not run")
    vendor = ROOT / "static" / "vendor" / "dkfds" / "css"
    subprocess.run([str(rtlcss), "--silent", str(vendor / "dkfds.min.css"), str(tmp_path / "rtl.css")], check=True)
    fresh = "\n".join(
        line for line in (tmp_path / "rtl.css").read_text().splitlines() if "sourceMappingURL" not in line
    )
    assert (vendor / "dkfds.rtl.min.css").read_text().strip() == fresh.strip()
    assert ".back-link .icon-svg{right:" in fresh  # it really is mirrored: the back arrow sits on the right


def test_the_portals_own_css_uses_no_physical_left_or_right():
    css = (ROOT / "static" / "css" / "portal.css").read_text()
    physical = [line for line in css.splitlines() if any(f"-{side}" in line for side in ("left", "right"))]
    assert physical == [], "use margin-inline-start and the like, so Arabic pages mirror"


def test_icons_that_point_along_the_line_turn_round_in_right_to_left_pages(app):
    with app.test_request_context():
        template = app.jinja_env.from_string(
            '{% import "components/fds/icons.html" as icons %}{{ icons.icon("chevron-left") }}{{ icons.icon("check") }}'
        )
        back, check = template.render().split("</svg>")[:2]
    assert "icon-directional" in back and "icon-directional" not in check
    assert '[dir="rtl"] .icon-directional { transform: scaleX(-1); }' in (ROOT / "static/css/portal.css").read_text()


def test_what_a_person_typed_keeps_its_own_direction_and_stays_escaped(client, make_citizen, session):
    from portal.clock import local_today
    from portal.joblog.models import JobLogEntry

    citizen = make_citizen()
    typed = "مساعد مطبخ <b>"
    session.add(
        JobLogEntry(
            citizen_id=citizen.id,
            job_title=typed,
            employer="Netto A/S",
            entry_type="application",
            applied_on=local_today(),
        )
    )
    session.commit()
    log_in(client, citizen.email)
    page = parse_page(client.get("/joblog/"))
    isolated = [bdi.get_text() for bdi in page.select("main bdi")]
    assert typed in isolated, isolated
    assert "&lt;b&gt;" in client.get("/joblog/").get_data(as_text=True)  # the <b> typed stays text


def test_a_standard_meeting_text_comes_in_the_readers_language_and_the_caseworkers_own_words_say_they_are_danish(
    app, client, make_jobcentre, make_citizen, make_caseworker, session
):
    from datetime import timedelta

    from portal.clock import utcnow
    from portal.meetings.models import Channel, Meeting, MeetingKind
    from portal.meetings.progression import STEPS

    jobcentre = make_jobcentre(languages="da en ar")
    caseworker = make_caseworker(jobcentre=jobcentre)
    citizen = make_citizen(caseworker=caseworker)
    step = STEPS[MeetingKind.FOLLOW_UP]
    with app.test_request_context(), force_danish():  # as a meeting planned in Danish stores them
        purpose, standard_topic = str(step.purpose), str(step.agenda[0])
    meeting = Meeting(
        citizen_id=citizen.id,
        caseworker_id=caseworker.id,
        starts_at=utcnow() + timedelta(days=3),
        duration_minutes=45,
        channel=Channel.PHONE,
        kind=MeetingKind.FOLLOW_UP,
        purpose=purpose,
        agenda=f"{standard_topic}\nDin ansøgning til Netto",
    )
    session.add(meeting)
    session.commit()
    log_in(client, citizen.email)
    post_form(client, "/language", {"language": "ar", "next": "/"}, page_url="/")
    page = parse_page(client.get(f"/meetings/{meeting.id}"))
    main = page.find("main")
    assert purpose not in main.get_text() and standard_topic not in main.get_text()
    own = main.find("li", string="Din ansøgning til Netto")
    assert own is not None and own["lang"] == "da" and own["dir"] == "auto"
    translated = [li for li in main.find_all("li", dir="auto") if not li.get("lang")]
    assert translated and translated[0].get_text(strip=True)  # the standard topic, in Arabic


def force_danish():
    from portal.i18n import force_locale

    return force_locale("da")


def test_typed_text_is_escaped_inside_its_isolation(app):
    with app.test_request_context():
        rendered = app.jinja_env.from_string("{{ text | typed }}").render(text='<script>x</script> & "')
    assert rendered == "<bdi>&lt;script&gt;x&lt;/script&gt; &amp; &#34;</bdi>"
