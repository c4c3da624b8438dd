"""What the invitation tests share: the pages' addresses and the steps a caseworker and a citizen take."""

from __future__ import annotations

import itertools
from urllib.parse import urlsplit

from sqlalchemy import select

from portal.auth.models import Invitation, User
from tests.factories import csrf_token_from, post_form
from tests.pages import parse_page

NEW_URL = "/caseworker/invitations/new"


NEW_PASSWORD = "en lang og god adgangskode"


BASE_URL = "https://minplan.example.dk"


_serial = itertools.count(1000)


def fresh_cpr_number() -> str:
    """A CPR number no other test uses (a real date, so the form accepts it)."""
    return f"010190-{next(_serial):04d}"


def add_citizen(client, name="Anna Holm", email="anna.holm@example.dk", first_contact_date="", cpr_number=None):
    """Fill in and send the caseworker's "Tilføj en borger" form."""
    data = {
        "name": name,
        "cpr_number": cpr_number or fresh_cpr_number(),
        "email": email,
        "first_contact_date": first_contact_date,
    }
    return post_form(client, NEW_URL, data, page_url=NEW_URL)


def link_on(response) -> str:
    """The activation link shown to the caseworker."""
    page = parse_page(response)
    field = page.find("input", id="activation-link")
    assert field is not None and field.has_attr("readonly")
    return field["value"]


def path_of(url: str) -> str:
    return urlsplit(url).path


def token_of(url: str) -> str:
    return path_of(url).rsplit("/", 1)[1]


def choose_password(client, link_path, password=NEW_PASSWORD, repeat=None):
    """The citizen opens the link and sends the password form."""
    page = client.get(link_path)
    assert page.status_code == 200, page.status_code
    token = csrf_token_from(page.get_data(as_text=True))
    return client.post(
        link_path, data={"password": password, "repeat": password if repeat is None else repeat, "csrf_token": token}
    )


def error_texts(page) -> list[str]:
    summary = page.find(attrs={"data-module": "error-summary"})
    assert summary is not None, "the page has an error summary"
    return [li.get_text(" ", strip=True) for li in summary.find_all("li")]


def user_by_email(session, email):
    session.expire_all()
    return session.scalar(select(User).where(User.email == email))


def invitation_rows(session, citizen_id):
    session.expire_all()
    return session.scalars(select(Invitation).where(Invitation.citizen_id == citizen_id).order_by(Invitation.id)).all()


GARBAGE = [
    "x",
    "a" * 43,
    "A" * 100,
    "B" * 101,
    "z" * 5000,
    "æøå-🙂-ﬁ",
    "%00",
    "%20",
    "..",
    "' OR 1=1 --",
    "<svg onload=alert(1)>",
]
