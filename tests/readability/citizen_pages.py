"""Every page a citizen can reach, rendered with the demo data (tests.readability's check reads them).

The pages come from the route table: every GET route a citizen may use (portal/access.py) is
visited with the ids of the demo citizen's own rows, so a new citizen page is measured as soon as
it exists, or the check fails and asks for the values it needs. Routes that answer a file or a
redirect are listed in NOT_PAGES with the reason. Then the variants a route has: each kind of plan
item, a meeting before and after it took place, an open and a done homework task, every step of
the questionnaire for a first meeting, a follow-up meeting and (for the practicum step) a meeting
before a practicum, a new citizen's empty pages, and the pages that do not come from a route with
a citizen's ids: the login page as MitID shows it, each refusal after MitID, each state of an
activation link, and every error page in templates/errors/.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from flask import render_template
from sqlalchemy import select

from portal.access import ROUTE_ACCESS, Role
from portal.auth import labels as auth_labels
from portal.auth.models import User
from portal.clock import local_today
from portal.joblog.models import JobLogEntry
from portal.meetings.models import Channel, Homework, Meeting, MeetingKind
from portal.meetings.progression import STEPS
from portal.messages.models import MessageThread, ThreadState
from portal.plan.models import ItemKind, Plan, PlanItem
from portal.questionnaire.definition import load
from portal.questionnaire.models import Questionnaire
from tests.factories import log_in, post_form

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"

#: Citizen GET routes that are no page to read, and why.
NOT_PAGES = {
    "static": "files for the pages",
    "pages.healthz": "a status for the load balancer",
    "auth.provider_callback": "redirects on after MitID (its refusals are measured as pages)",
    "auth.logged_out": "redirects to the login page",
    "account.my_data_json": "a download (JSON)",
    "joblog.export_csv": "a download (CSV)",
    "meetings.calendar_file": "a download (.ics)",
}
#: Refusals only staff meet (the staff login); the rest a citizen can meet after MitID.
STAFF_REFUSALS = {"no_mfa", "no_role", "no_jobcentre"}
DEMO_PASSWORD = "demo-password"


@dataclass(frozen=True)
class Page:
    #: The endpoint, and which variant of it ("plan.item (milestone)").
    name: str
    endpoint: str
    html: str


def citizen_endpoints(app) -> set[str]:
    """Every endpoint with a GET route that a citizen (logged in or not yet) may use."""
    return {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if "GET" in rule.methods and Role.CITIZEN in ROUTE_ACCESS[rule.endpoint]
    }


class Collector:
    def __init__(self, app, client):
        self.app, self.client = app, client
        self.pages: list[Page] = []
        self.visited: set[str] = set()

    def get(self, endpoint: str, url: str, variant: str | None = None, status: int = 200) -> None:
        response = self.client.get(url)
        assert response.status_code == status, f"{url} answered {response.status_code}, not {status}"
        self.add(endpoint, response.get_data(as_text=True), variant)

    def add(self, endpoint: str, html: str, variant: str | None = None) -> None:
        self.visited.add(endpoint)
        self.pages.append(Page(f"{endpoint} ({variant})" if variant else endpoint, endpoint, html))

    def render(self, endpoint: str, template: str, variant: str, **context) -> None:
        with self.app.test_request_context("/"):
            self.add(endpoint, render_template(template, **context), variant)


def collect(app, client, session, make_app, make_citizen) -> list[Page]:
    """Seed the demo data, add what a page needs that the demo lacks, and render every page."""
    from demodata import seed as demo

    with app.app_context():
        demo.seed()
    maria = session.scalar(select(User).where(User.email == "citizen@demo.dk"))
    karen = session.scalar(select(User).where(User.email == "caseworker@demo.dk"))
    ended_practicum = _ended_practicum(session, maria)
    pages = Collector(app, client)

    log_in(client, maria.email, DEMO_PASSWORD)
    past, upcoming = session.scalars(
        select(Meeting).where(Meeting.citizen_id == maria.id).order_by(Meeting.starts_at)
    ).all()
    pages.get("questionnaire.index", "/questionnaire/", "ikke begyndt")
    _questionnaire_steps(pages, session, upcoming, "opfølgende møde")
    _routes(pages, session, maria, past, upcoming, ended_practicum)
    post_form(client, "/logout")

    _first_meeting_steps(pages, session, make_citizen, karen)
    _yusuf(pages)
    _new_citizen(pages, make_citizen, karen)
    _pages_without_a_route(pages, session, make_app, karen)

    unvisited = citizen_endpoints(app) - set(NOT_PAGES) - pages.visited
    assert not unvisited, f"a citizen page the check does not open: {sorted(unvisited)}; add it in {__name__}"
    return pages.pages


def _ended_practicum(session, citizen: User) -> PlanItem:
    """An earlier practicum that has ended: the page "Hvad gav praktikken?" is open for it."""
    plan = session.scalar(select(Plan).where(Plan.citizen_id == citizen.id))
    today = local_today()
    item = PlanItem(
        plan_id=plan.id,
        kind=ItemKind.ACTIVITY,
        activity_type="praktik",
        practicum_purpose="clarify_goal",
        title="Praktik hos Coop Holbæk",
        status="active",
        starts_on=today - timedelta(days=60),
        ends_on=today - timedelta(days=32),
        hours_per_week=20,
        created_by_id=plan.citizen_id,
    )
    session.add(item)
    session.commit()
    return item


def _routes(pages: Collector, session, maria: User, past: Meeting, upcoming: Meeting, ended: PlanItem) -> None:
    """Every citizen route, with Maria's rows for its ids and each kind of row a route shows."""
    items = session.scalars(select(PlanItem).where(PlanItem.plan_id == ended.plan_id).order_by(PlanItem.id)).all()
    first_of = {}
    for item in items:
        if item.activity_type != "praktik":
            first_of.setdefault(item.kind, item)
    practicum = next(i for i in items if i.activity_type == "praktik" and i.ends_on >= local_today())
    tasks = session.scalars(select(Homework).where(Homework.citizen_id == maria.id)).all()
    entry = session.scalars(select(JobLogEntry).where(JobLogEntry.citizen_id == maria.id)).first()
    threads = session.scalars(
        select(MessageThread).where(MessageThread.citizen_id == maria.id).order_by(MessageThread.id)
    ).all()
    variants = {
        "plan.item": [(str(kind.value), {"item_id": item.id}) for kind, item in first_of.items()]
        + [("praktik", {"item_id": practicum.id})],
        "plan.reflection": [
            ("forventninger", {"item_id": practicum.id, "field": "expectations"}),
            ("evaluering", {"item_id": ended.id, "field": "evaluation"}),
        ],
        "meetings.meeting": [("kommende", {"meeting_id": upcoming.id}), ("holdt", {"meeting_id": past.id})],
        "meetings.absence": [(None, {"meeting_id": upcoming.id})],
        "meetings.interpreter": [(None, {"meeting_id": upcoming.id})],
        "homework.item": [
            ("åben", {"homework_id": next(t for t in tasks if t.done_at is None).id}),
            ("gjort", {"homework_id": next(t for t in tasks if t.done_at is not None).id}),
        ],
        "joblog.edit": [(None, {"entry_id": entry.id})],
        "messages.thread": [
            ("ulæst svar", {"thread_id": threads[0].id}),
            ("lukket", {"thread_id": next(t for t in threads if t.state is ThreadState.CLOSED).id}),
        ],
        "questionnaire.receipt": [(None, {"meeting_id": past.id})],
        "questionnaire.check": [("sendt", {"meeting_id": past.id})],
    }
    skip = {"questionnaire.step", "questionnaire.index", "auth.login", "auth.activate"}  # measured elsewhere
    for rule in pages.app.url_map.iter_rules():
        endpoint = rule.endpoint
        if endpoint in NOT_PAGES or endpoint in skip or endpoint not in citizen_endpoints(pages.app):
            continue
        if rule.arguments - set(rule.defaults or {}) and endpoint not in variants:
            raise AssertionError(f"{endpoint}: say in {__name__} which of the demo citizen's rows it shows")
        for variant, values in variants.get(endpoint, [(None, {})]):
            if rule.defaults and any(values.get(k) != v for k, v in rule.defaults.items()):
                continue  # one of the routes of a view with two (expectations / evaluation)
            with pages.app.test_request_context():
                url = rule.build(values, append_unknown=False)[1]
            pages.get(endpoint, url, variant)


def _questionnaire_steps(pages: Collector, session, meeting: Meeting, variant: str, sections=None) -> None:
    """Start the questionnaire, then open every step (all passed, consent given), and "Tjek dine svar"."""
    post_form(pages.client, f"/questionnaire/{meeting.id}/start", page_url="/questionnaire/")
    questionnaire = session.scalar(select(Questionnaire).where(Questionnaire.meeting_id == meeting.id))
    keys = [s.key for s in load(questionnaire.definition_version).sections_for(questionnaire.meeting_kind)]
    questionnaire.completed_sections = ",".join(keys)
    questionnaire.consent_given_at = datetime.now(UTC)
    session.commit()
    for key in sections or keys:
        pages.get("questionnaire.step", f"/questionnaire/{meeting.id}/{key}", f"{variant}, trin {key}")
    if sections is None:
        pages.get("questionnaire.check", f"/questionnaire/{meeting.id}/check", variant)


def _first_meeting_steps(pages: Collector, session, make_citizen, karen: User) -> None:
    """A citizen new to the jobcentre before their first meeting, and citizens before and after a
    practicum: each kind of meeting's page (its purpose, agenda and preparation come from the
    progression), every step for a first meeting, and the practicum step (G), which only a meeting
    before or after a practicum has."""
    for name, kind, variant, sections in [
        ("Ahmed Larsen", MeetingKind.FIRST, "første møde", None),
        ("Sofie Madsen", MeetingKind.BEFORE_PRACTICUM, "før praktik", ["G"]),
        ("Omar Nielsen", MeetingKind.AFTER_PRACTICUM, "efter praktik", []),
    ]:
        citizen = make_citizen(caseworker=karen, name=name)
        with pages.app.test_request_context():
            meeting = _meeting(session, citizen, karen, kind)
        log_in(pages.client, citizen.email)
        pages.get("meetings.meeting", f"/meetings/{meeting.id}", variant)
        if sections != []:
            _questionnaire_steps(pages, session, meeting, variant, sections)
        post_form(pages.client, "/logout")


def _yusuf(pages: Collector) -> None:
    """A citizen whose answers are sent and who has a new caseworker."""
    log_in(pages.client, "citizen2@demo.dk", DEMO_PASSWORD)
    pages.get("overview.index", "/", "svar sendt, ny sagsbehandler")
    post_form(pages.client, "/logout")


def _new_citizen(pages: Collector, make_citizen, karen: User) -> None:
    """A citizen with nothing yet: the empty pages."""
    client = pages.client
    log_in(client, make_citizen(caseworker=karen, name="Ida Olsen").email)
    for endpoint, url in [
        ("overview.index", "/"),
        ("plan.index", "/plan/"),
        ("meetings.index", "/meetings/"),
        ("homework.index", "/homework/"),
        ("joblog.index", "/joblog/"),
        ("messages.index", "/messages/"),
        ("questionnaire.index", "/questionnaire/"),
    ]:
        pages.get(endpoint, url, "ny borger")
    post_form(client, "/logout")


def _pages_without_a_route(pages: Collector, session, make_app, karen: User) -> None:
    pages.get("auth.activate", "/activate/not-a-token", "ukendt link", status=404)
    for state in ("used", "expired", "replaced"):
        pages.render("auth.activate", "auth/activation_closed.html", state, state=state)
    _activation_page(pages, session, karen)
    for reason, (title, advice) in auth_labels.REFUSALS.items():
        if isinstance(reason, str) and reason not in STAFF_REFUSALS:
            pages.render("auth.provider_callback", "auth/refused.html", reason, title=title, advice=advice)
    for template in sorted((TEMPLATES / "errors").glob("[!_]*.html")):
        pages.render(f"errors.{template.stem}", f"errors/{template.name}", template.stem, code=500, back="/")
    # The login page as citizens meet it: MitID (and the staff login), no password.
    production_like = make_app(
        PASSWORD_LOGIN=False,
        MITID_ISSUER="https://mitid.invalid",
        MITID_CLIENT_AUTH="client_secret_basic",
        MITID_CLIENT_SECRET="s" * 32,
        STAFF_ISSUER="https://staff.invalid",
        STAFF_CLIENT_SECRET="s" * 32,
    )
    response = production_like.test_client().get("/login")
    assert response.status_code == 200
    pages.add("auth.login", response.get_data(as_text=True), "MitID")


def _activation_page(pages: Collector, session, karen: User) -> None:
    """The page a citizen opens from the link the caseworker made them (the demo's citizens without
    a password wait for one)."""
    from portal.auth import invitations
    from portal.db import db

    with pages.app.test_request_context():
        citizen = db.session.scalar(select(User).where(User.email == "borger01@demo.dk"))
        url = invitations.issue(citizen, db.session.merge(karen)).url
    assert url, "no mail server in the tests: the link is shown"
    pages.get("auth.activate", urlsplit(url).path, "vælg adgangskode")


def _meeting(session, citizen: User, caseworker: User, kind: MeetingKind) -> Meeting:
    """A meeting booked as the caseworker's form books it: the step's purpose, agenda and preparation."""
    step = STEPS[kind]
    meeting = Meeting(
        citizen_id=citizen.id,
        caseworker_id=caseworker.id,
        kind=kind,
        starts_at=datetime.now(UTC).replace(microsecond=0) + timedelta(days=5),
        duration_minutes=45,
        channel=Channel.IN_PERSON,
        place="Jobcenter Holbæk, Kanalstræde 2, 4300 Holbæk",
        purpose=str(step.purpose),
        agenda=step.agenda_text(),
        preparation=str(step.preparation),
    )
    session.add(meeting)
    session.commit()
    return meeting
