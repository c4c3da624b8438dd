"""Every form the portal renders marks a field "(frivilligt)" exactly when the server accepts it empty
(the others valid), says when a field is needed if that depends on another field, and keeps its labels
on the page that shows errors: tests/forms/walker.py asks the server field by field.

The forms are found, not listed: every page each role may open (from the route table), each form on
it, and every step of the questionnaire for each kind of meeting. A route that takes a POST must be
reached by a walked form, or be named below as a form that is only a button.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from werkzeug.datastructures import MultiDict

from portal.access import ROUTE_ACCESS, Role
from portal.meetings.models import Meeting, MeetingKind
from tests.factories import post_form
from tests.forms.conftest import page_urls
from tests.forms.walker import check_form, read_forms

#: POST routes whose forms have nothing to fill in (a button, hidden fields), and why.
ONLY_A_BUTTON = {
    "auth.logout": "Log af",
    "auth.provider_login": "Log ind med MitID / som medarbejder",
    "auth.backchannel_logout": "called by the identity provider, never from a page",
    "pages.set_language_choice": "the language buttons",
    "account.caseworker_change_seen": "OK, I have seen it",
    "plan.tick_off": "Marker som gjort",
    "homework.reopen": "Fortryd",
    "joblog.remove": "Slet",
    "joblog.restore": "Fortryd",
    "questionnaire.begin": "Start",
    "questionnaire.check": "Send til min sagsbehandler",
    "caseworker.plan_comments_seen": "Marker som læst",
    "caseworker_handover.mark_read": "Marker som læst",
    "caseworker_invitations.renew": "Lav et nyt link",
    "caseworker_meetings.absence_seen": "Marker som set",
    "caseworker_meetings.comments_seen": "Marker som set",
    "caseworker_meetings.homework_seen": "Marker som set",
    "meetings.withdraw_interpreter": "Jeg har ikke brug for en tolk",
    "caseworker_meetings.interpreter_booked": "Tolk er bestilt",
    "caseworker_meetings.interpreter_cancelled": "Tolken er afbestilt",
    "messages.mark_read": "Marker som læst (the page sends it by itself)",
    "caseworker_messages.mark_read": "Marker som læst (the page sends it by itself)",
    "caseworker_messages.wait": "Venter på svar fra borgeren",
}
#: POST routes walked by another test here.
WALKED_ELSEWHERE = {"questionnaire.step": "test_every_questionnaire_step_tells_the_truth"}


#: GET routes that are not pages a person fills in.
NOT_A_PAGE = {"auth.provider_callback": "where the identity provider sends the browser back; no provider here"}


def endpoint_of(app, action: str, method: str) -> str:
    return app.url_map.bind("localhost").match(urlsplit(action).path, method=method.upper())[0]


def walk_pages(app, walk, urls: dict[str, str]) -> tuple[list[str], set[str]]:
    """Open every page, check every form on it once; the problems and the POST routes reached."""
    problems, reached, checked = [], set(), set()
    for label, url in urls.items():
        if label.split(" ")[0] in NOT_A_PAGE:
            continue
        response = walk.client.get(url, follow_redirects=True)
        if response.mimetype != "text/html":
            continue  # a calendar file, a CSV, JSON
        assert response.status_code == 200, f"{label}: {url} answered {response.status_code}"
        soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
        page = response.request.path + (
            f"?{response.request.query_string.decode()}" if response.request.query_string else ""
        )
        for form in read_forms(page, soup):
            endpoint = endpoint_of(app, form.action, form.method)
            if endpoint in WALKED_ELSEWHERE:
                continue
            if form.method == "post":
                reached.add(endpoint)
            key = (endpoint, frozenset(form.fields))
            if key not in checked:
                checked.add(key)
                problems += check_form(walk, form, soup)
    return problems, reached


def post_routes(app, role: str) -> set[str]:
    """The routes `role` may send a form to (for a logged-in role, those only logged-in people may)."""
    found = set()
    for rule in app.url_map.iter_rules():
        allowed = ROUTE_ACCESS[rule.endpoint]
        if "POST" in rule.methods and role in allowed and (role == "anonymous") == ("anonymous" in allowed):
            found.add(rule.endpoint)
    return found


def assert_every_form_walked(app, role: str, reached: set[str]) -> None:
    not_walked = post_routes(app, role) - reached - set(ONLY_A_BUTTON) - set(WALKED_ELSEWHERE)
    assert not_walked == set(), "a form no page showed the walk: give the world what shows it"
    assert reached & set(ONLY_A_BUTTON) == set(), "a form named as only a button has fields now"


# test that every citizen form (joblog, plan comments and proposals, meetings, homework, account)
# labels its fields truly, on first view and after errors
def test_every_citizen_form_tells_the_truth(app, world, walk_as):
    walk = walk_as(Role.CITIZEN.value)
    problems, reached = walk_pages(app, walk, page_urls(app, world, Role.CITIZEN.value))
    assert problems == []
    assert_every_form_walked(app, Role.CITIZEN.value, reached)
    assert {"joblog.new", "plan.propose", "meetings.absence", "homework.item", "plan.acknowledge"} <= reached


# test that every caseworker form (caseload, meetings and summaries, plan items of every kind,
# handover, new citizens, sensitive answers) labels its fields truly
def test_every_caseworker_form_tells_the_truth(app, world, walk_as):
    walk = walk_as(Role.CASEWORKER.value)
    problems, reached = walk_pages(app, walk, page_urls(app, world, Role.CASEWORKER.value))
    assert problems == []
    assert_every_form_walked(app, Role.CASEWORKER.value, reached)
    assert {"caseworker_plan.new_item", "caseworker.decide_proposal", "caseworker.reveal_sensitive"} <= reached


# test that the login and the activation form label their fields truly
def test_the_forms_before_logging_in_tell_the_truth(app, world, walk_as):
    walk = walk_as("anonymous")
    problems, reached = walk_pages(app, walk, page_urls(app, world, "anonymous"))
    assert problems == []
    assert_every_form_walked(app, "anonymous", reached)


# test that the auditor's and the administrator's pages have no form the walk has not seen
@pytest.mark.parametrize("role", [Role.AUDITOR, Role.ADMIN])
def test_the_other_roles_have_no_unwalked_form(app, client, world, walk_as, make_user, role):
    from tests.factories import log_in

    person = make_user(role)
    log_in(client, person.email)
    walk = walk_as(role.value)
    problems, reached = walk_pages(app, walk, page_urls(app, world, role.value))
    assert problems == []
    assert_every_form_walked(app, role.value, reached)


# test every step of the questionnaire for each kind of meeting, step by step as the citizen goes
# (with open homework, so A3 is asked; with consent, so the sensitive questions are too)
@pytest.mark.parametrize("kind", list(MeetingKind))
def test_every_questionnaire_step_tells_the_truth(app, session, world, walk_as, kind):
    meeting = session.get(Meeting, world["values"]["meeting_id"])
    meeting.kind = kind
    session.commit()
    walk = walk_as(Role.CITIZEN.value)
    started = post_form(walk.client, f"/questionnaire/{meeting.id}/start", page_url="/questionnaire/")
    url, problems, steps = urlsplit(started.headers["Location"]).path, [], []
    while "/check" not in url:
        steps.append(url.rsplit("/", 1)[-1])
        soup = BeautifulSoup(walk.client.get(url).get_data(as_text=True), "html.parser")
        (form,) = [form for form in read_forms(url, soup) if form.action == url]
        problems += check_form(walk, form, soup)
        values = walk.valid_values(form, {})
        assert values is not None, f"step {url}: no answers pass"
        data = MultiDict([(name, value) for name, sent in values.items() for value in sent] + [form.button])
        moved = walk.client.post(url, data=data)
        assert moved.status_code == 302, f"step {url} did not move on"
        url = urlsplit(moved.headers["Location"]).path
    assert problems == []
    sections = [section.key for section in _sections(kind)]
    assert sorted(set(steps)) == sorted(sections) and steps.count("H") == 2, "consent opens the rest of H"


def _sections(kind: MeetingKind):
    from portal.questionnaire.definition import load

    return load().sections_for(kind.value)
