"""What the load consists of: sample citizens and caseworkers, logged in, and one request per page
and account, prepared once so the load tool only replays them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from bench.client import CSRF, Browser, form_fields
from demodata.scale.shape import Shape, caseworker_email, citizen_email
from demodata.seed import DEMO_PASSWORD

BENCH_JOB_TITLE = "Bench: lagermedarbejder"
CITIZEN_LINK = re.compile(r'href="(/caseworker/citizens/\d+)"')


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    cookie: str
    body: str = ""

    @property
    def cookies(self) -> dict[str, str]:
        return dict(pair.split("=", 1) for pair in self.cookie.split("; ") if pair)


@dataclass
class Page:
    key: str
    title: str
    #: The status every response must have; anything else counts as an error.
    expect: int
    requests: list[Request] = field(default_factory=list)


PAGES = (
    ("overview", "Borgerens overblik (/)"),
    ("plan", "Min Plan (/plan/)"),
    ("joblog", "Joblog, liste (/joblog/)"),
    ("joblog_add", "Joblog, ny ansøgning (POST)"),
    ("questionnaire_save", "Spørgeskema, gem et trin (POST)"),
    ("caseload", "Sagsstamme, 150 borgere (/caseworker/)"),
    ("citizen_page", "Borgerside (/caseworker/citizens/<id>)"),
)


#: Not pages of their own but what every page costs before its own work: the layout alone (the
#: privacy page reads nothing), for nobody and for the sample citizens.
FLOOR = (
    ("layout_anonymous", "Kun layout, ikke logget ind (/privatliv)"),
    ("layout_logged_in", "Kun layout, logget ind (/privatliv)"),
)


def floor(pages: dict[str, Page]) -> dict[str, Page]:
    cookies = [request.cookie for request in pages["overview"].requests]
    anonymous, logged_in = (Page(key, title, 200) for key, title in FLOOR)
    anonymous.requests.append(Request("GET", "/privatliv", ""))
    logged_in.requests.extend(Request("GET", "/privatliv", cookie) for cookie in cookies)
    return {page.key: page for page in (anonymous, logged_in)}


def sample(count: int, total: int) -> list[int]:
    """Numbers 1..total spread evenly, so the sample reaches old and new rows alike."""
    return sorted({1 + (index * total) // count for index in range(count)})


def prepare(port: int, shape: Shape, citizens: int = 20, caseworkers: int = 4) -> dict[str, Page]:
    pages = {key: Page(key, title, 200) for key, title in PAGES}
    questionnaires = 0
    for number in sample(citizens, shape.citizens):
        browser = Browser(port)
        browser.log_in(citizen_email(number), DEMO_PASSWORD)
        cookie = browser.cookie_header
        for key, path in (("overview", "/"), ("plan", "/plan/"), ("joblog", "/joblog/")):
            pages[key].requests.append(Request("GET", path, cookie))
        pages["joblog_add"].requests.append(_joblog_add(browser))
        step = _questionnaire_step(browser)
        if step:
            pages["questionnaire_save"].requests.append(step)
            questionnaires += 1
    for number in sample(caseworkers, shape.caseworkers):
        browser = Browser(port)
        browser.log_in(caseworker_email(number), DEMO_PASSWORD)
        caseload = browser.get("/caseworker/")
        pages["caseload"].requests.append(Request("GET", "/caseworker/", browser.cookie_header))
        for path in sorted(set(CITIZEN_LINK.findall(caseload.body)))[:5]:
            pages["citizen_page"].requests.append(Request("GET", path, browser.cookie_header))
    if not questionnaires:
        raise RuntimeError("no sampled citizen has a questionnaire to fill in")
    for key in ("joblog_add", "questionnaire_save"):
        pages[key].expect = _check_post(port, pages[key].requests[0])
    return pages


def _joblog_add(browser: Browser) -> Request:
    action, fields = form_fields(browser.get("/joblog/new").body, "job_title")
    values = dict(fields)
    values.update(
        job_title=BENCH_JOB_TITLE,
        employer="Bench Logistik A/S",
        entry_type="application",
        application_type="advertised",
        status="applied",
        track="A",
    )
    return Request("POST", action or "/joblog/new", browser.cookie_header, urlencode(list(values.items())))


def _questionnaire_step(browser: Browser) -> Request | None:
    """The step the citizen would continue on, saved with "Gem og fortsæt senere"."""
    path, response = browser.follow("/questionnaire/")
    if response.status != 200 or not CSRF.search(response.body) or "/questionnaire/" not in path:
        return None
    try:
        action, fields = form_fields(response.body, "version")
    except StopIteration:
        return None
    fields = [(name, value) for name, value in fields if name != "action"] + [("action", "save")]
    return Request("POST", action or path, browser.cookie_header, urlencode(fields))


def _check_post(port: int, request: Request) -> int:
    """Send one before the load: it must be a redirect that is not to the login page."""
    browser = Browser(port)
    browser.cookies = request.cookies
    response = browser.send("POST", request.path, request.body)
    if response.status not in (302, 303) or "/login" in response.location:
        raise RuntimeError(f"POST {request.path} gave HTTP {response.status}, not a redirect: check the form")
    return response.status
