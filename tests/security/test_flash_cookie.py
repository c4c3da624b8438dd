"""Flash messages travel in the session cookie, which is signed but not encrypted: anyone holding it
(a shared computer's browser profile, a proxy or tool that logs cookies) can read it. So a flash
names no one and repeats nothing a person typed.

The walks below do each action that flashes, decode the cookie it sets with Flask's own session
serializer, and look for the names, e-mails and typed text of the people involved. A last test
reads every flash() in the code: each sends a fixed text, so a new one cannot carry a name either.
"""

from __future__ import annotations

import ast
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from portal.auth.models import Jobcentre
from portal.meetings.models import Homework, Meeting
from portal.plan.models import ItemKind, PlanItem, ProposalStatus
from tests.auth.invitations.steps import choose_password, link_on, path_of
from tests.factories import log_in, post_form
from tests.pages import parse_page
from tests.security.forms import send, text_boxes, the_form

#: In every text typed in the walks, so any of it in the cookie is found.
TYPED = "Fortroligt"
#: Cookie keys whose values are random tokens (opaque by construction): everything else is read.
OPAQUE = {"auth", "csrf_token", "pending_input"}
KNOWN_KEYS = OPAQUE | {"lang", "_flashes", "_fresh", "_id"}


def cookie(app, client) -> dict:
    value = client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value
    return app.session_interface.get_signing_serializer(app).loads(value)


@pytest.fixture
def watch(app):
    """`watch(client, what, response, personal)`: the action flashed, and its cookie names no one."""

    def _watch(client, what: str, response, personal: list[str]) -> None:
        assert response.status_code == 302, f"{what}: {response.status_code}"
        data = cookie(app, client)
        assert set(data) <= KNOWN_KEYS, f"{what}: unexpected keys {set(data) - KNOWN_KEYS}"
        assert data.get("_flashes"), f"{what} flashed nothing: the walk no longer reaches its message"
        readable = json.dumps({k: v for k, v in data.items() if k not in OPAQUE}, ensure_ascii=False).casefold()
        found = [word for word in [TYPED, *personal] if word and word.casefold() in readable]
        assert not found, f"{what} put {found} in the cookie: {data['_flashes']}"
        client.get(response.headers["Location"])  # the message is shown, and leaves the cookie
        assert "_flashes" not in cookie(app, client)

    return _watch


def people(*users) -> list[str]:
    return [part for user in users for part in (user.name, *user.name.split(), user.email) if part]


def test_what_a_citizen_does_flashes_nothing_personal(app, client, session, world, watch):
    citizen, caseworker = world["citizen"], world["caseworker"]
    personal = people(citizen, caseworker)
    entry, milestone, homework = world["entry"], world["milestone"], world["homework"]

    def step(what, response):
        watch(client, what, response, personal)

    typed_entry = {"job_title": f"{TYPED} kokkejob", "employer": f"{TYPED} Køkken ApS", "notes": f"{TYPED} note"}
    step("joblog.new", send(client, "/joblog/new", typed_entry | {"application_type": "advertised"}))
    step("joblog.edit", send(client, f"/joblog/{entry}", typed_entry))
    step("keep the saved version", send(client, f"/joblog/{entry}", {"conflict": "1", "keep": "saved"}))
    step("joblog.remove, stale", send(client, f"/joblog/{entry}", {"version": "0"}, action=f"/joblog/{entry}/delete"))
    assert send(client, f"/joblog/{entry}", action=f"/joblog/{entry}/delete").status_code == 302
    step("joblog.restore", send(client, f"/joblog/?deleted={entry}", action=f"/joblog/{entry}/restore"))

    step("plan.goal", send(client, "/plan/goal", {"text": f"{TYPED} kommentar"}))
    step("plan.item", send(client, f"/plan/items/{milestone}", {"text": f"{TYPED} kommentar"}))
    step("plan.tick_off", send(client, f"/plan/items/{milestone}", action=f"/plan/items/{milestone}/done"))
    reflection = f"/plan/items/{world['practicum']}/expectations"
    step("plan.reflection", send(client, reflection, {"text": f"{TYPED} forventning"}))
    proposal = {"kind": "milestone", "title": f"{TYPED} forslag", "why": f"{TYPED} fordi"}
    step("plan.propose", send(client, "/plan/propose", proposal))
    step("plan.acknowledge", send(client, "/plan/", {"confirm": "y"}, action="/plan/acknowledge"))

    step("homework.item", send(client, f"/homework/{homework}", {"note": f"{TYPED} om opgaven"}))
    step("homework.reopen", send(client, f"/homework/{homework}", action=f"/homework/{homework}/reopen"))

    summarised, upcoming = world["summarised_meeting"], world["next_meeting"]
    step("meetings.meeting", send(client, f"/meetings/{summarised}", {"text": f"{TYPED} husker andet"}))
    step("meetings.absence", send(client, f"/meetings/{upcoming}/absence", {"reason": f"{TYPED} syg"}))
    step("meetings.absence, too late", client.get(f"/meetings/{summarised}/absence"))
    interpreter = f"/meetings/{upcoming}/interpreter"
    step("meetings.interpreter", send(client, interpreter, {"language": "other", "other_language": f"{TYPED} sprog"}))
    step("meetings.withdraw_interpreter", send(client, interpreter, action=f"{interpreter}/withdraw"))
    step("meetings.interpreter, too late", client.get(f"/meetings/{summarised}/interpreter"))

    questionnaire = world["questionnaire_step"]
    step("questionnaire.step", send(client, questionnaire, {"action": "save"} | typed_answers(client, questionnaire)))


def typed_answers(client, url: str) -> dict:
    return dict.fromkeys(text_boxes(the_form(parse_page(client.get(url)), url)), f"{TYPED} svar")


def test_what_a_caseworker_does_flashes_nothing_personal(app, session, world, make_caseworker, watch):
    citizen, caseworker = world["citizen"], world["caseworker"]
    colleague = make_caseworker(name="Niels Nygaard", jobcentre=session.get(Jobcentre, caseworker.jobcentre_id))
    personal = people(citizen, caseworker, colleague) + ["Anna Fortroligsen", "anna.f@example.dk"]
    task = session.get(Homework, world["homework"])
    task.done_at, task.done_note = datetime.now(UTC), f"{TYPED} note"
    asked = session.get(Meeting, world["next_meeting"])
    asked.interpreter_language, asked.interpreter_language_other = "other", f"{TYPED} sprog"
    asked.interpreter_requested_at = datetime.now(UTC)
    proposed = PlanItem(
        plan_id=session.get(PlanItem, world["milestone"]).plan_id,
        kind=ItemKind.MILESTONE,
        title=f"{TYPED} forslag",
        status="planned",
        owner="citizen",
        proposal_status=ProposalStatus.PENDING,
        created_by_id=citizen.id,
    )
    session.add(proposed)
    session.commit()
    client = app.test_client()
    log_in(client, caseworker.email)
    base = f"/caseworker/citizens/{citizen.id}"

    def step(what, response, browser=client):
        watch(browser, what, response, personal)

    goal = {"end_goal_kind": "job", "end_goal": f"{TYPED} mål", "end_goal_why": f"{TYPED} hvorfor"}
    step("caseworker_plan.edit_goal", send(client, f"{base}/plan/goal", goal))
    long_practicum = {
        "title": f"{TYPED} praktik",
        "activity_type": "praktik",
        "practicum_purpose": "clarify_goal",
        "starts_on": "1.2.2031",
        "ends_on": "30.6.2031",
        "hours_per_week": "25",
        "status": "planned",
        "place": f"{TYPED} Køkken ApS",
    }
    new_item = send(client, f"{base}/plan/items/new?kind=activity", long_practicum)
    step("caseworker_plan.new_item, with warnings", new_item)
    item = f"{base}/plan/items/{world['milestone']}/edit"
    step("caseworker_plan.edit_item", send(client, item, {"title": f"{TYPED} delmål"}))
    decision = {f"p{proposed.id}-decision": "accept"}
    step(
        "caseworker.decide_proposal",
        send(client, f"{base}/plan", decision, action=f"{base}/plan/proposals/{proposed.id}"),
    )

    meeting = {
        "kind": "follow_up",
        "day": "4.3.2031",
        "clock": "10:30",
        "duration_minutes": "45",
        "channel": "in_person",
        "place": f"{TYPED} sted",
        "purpose": f"{TYPED} formål",
    }
    step("caseworker_meetings.new", send(client, f"{base}/meetings/new", meeting))
    upcoming = f"{base}/meetings/{world['next_meeting']}"
    step("caseworker_meetings.edit", send(client, f"{upcoming}/edit", {"purpose": f"{TYPED} nyt formål"}))
    step(
        "caseworker_meetings.homework_seen",
        send(client, upcoming, action=f"{base}/meetings/homework/{world['homework']}/seen"),
    )
    summary = {"summary": f"{TYPED} referat", "publish": "y"}
    step("caseworker_meetings.summary", send(client, f"{base}/meetings/{world['summarised_meeting']}/summary", summary))
    step("caseworker_meetings.interpreter_booked", send(client, upcoming, action=f"{upcoming}/interpreter/booked"))
    step("caseworker_meetings.cancel", send(client, f"{upcoming}/cancel", {"reason": f"{TYPED} aflyst"}))
    booking = f"{upcoming}/interpreter/cancelled"
    step("caseworker_meetings.interpreter_cancelled", send(client, upcoming, action=booking))

    step("caseworker_invitations.renew", post_form(client, f"{base}/invitation", page_url=base))
    no_mail = {"name": "Anna Fortroligsen", "cpr_number": "020290-4321", "email": ""}
    step("caseworker_invitations.new", send(client, "/caseworker/invitations/new", no_mail))
    with_mail = {"name": "Anna Fortroligsen", "cpr_number": "030390-4321", "email": "anna.f@example.dk"}
    link = path_of(link_on(send(client, "/caseworker/invitations/new", with_mail)))
    anna = app.test_client()
    step("auth.activate", choose_password(anna, link), anna)

    handover = {"caseworker": str(colleague.id), "note": f"{TYPED} ring fredag"}
    step("caseworker_handover.hand_over", send(client, f"{base}/handover", handover))
    new_client = app.test_client()
    log_in(new_client, colleague.email)
    step("caseworker_handover.mark_read", post_form(new_client, f"{base}/handover/read", page_url=base), new_client)


#: flash() calls whose message is a variable, and why that variable is a fixed text.
FIXED_VARIABLES = {
    ("portal/caseworker/views/plan.py", "warning"): "plan.rules.warnings_for: fixed rule texts and a constant",
    ("portal/forms.py", "notice"): "the recovered-input notice: a fixed text, or the caller's fixed text",
}


def fixed_text(node: ast.expr, path: str) -> bool:
    """A gettext call on one literal with nothing filled in, either of two such, or a known fixed variable."""
    if isinstance(node, ast.IfExp):
        return fixed_text(node.body, path) and fixed_text(node.orelse, path)
    if isinstance(node, ast.Name):
        return (path, node.id) in FIXED_VARIABLES
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in ("_", "gettext")
        and len(node.args) == 1
        and isinstance(node.args[0], ast.Constant)
        and not node.keywords
    )


def test_every_flash_in_the_code_is_a_fixed_text():
    root = Path(__file__).resolve().parents[2]
    filled_in = []
    for file in sorted((root / "portal").rglob("*.py")):
        path = file.relative_to(root).as_posix()
        for node in ast.walk(ast.parse(file.read_text(), path)):
            is_flash = isinstance(node, ast.Call) and getattr(node.func, "id", None) == "flash"
            if is_flash and not fixed_text(node.args[0], path):
                filled_in.append(f"{path}:{node.lineno}")
    assert not filled_in, f"these flashes fill in a value, which then travels in the readable cookie: {filled_in}"
