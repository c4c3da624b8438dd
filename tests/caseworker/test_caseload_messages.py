"""Beskeder on the caseload: per citizen what is unread and how long the oldest message has waited,
an answer time passed said in words, and an unread message as a reason for "Kræver opmærksomhed"."""

from __future__ import annotations

import pytest

from portal.auth.models import Jobcentre
from tests.caseworker.test_caseload_view import names
from tests.factories import log_in
from tests.messages.caseworker_steps import add_message, add_thread, nothing_else_needs_attention
from tests.pages import parse_page


def messages_cell(client, name: str) -> str:
    page = parse_page(client.get("/caseworker/"))
    column = [th.get_text(strip=True) for th in page.select("thead th")].index("Beskeder")
    for row in page.select("tbody tr"):
        if row.find("a").get_text(strip=True) == name:
            return row.find_all("td")[column].get_text(" ", strip=True)
    raise AssertionError(f"{name} is not on the caseload")


@pytest.fixture
def caseload(client, session, make_caseworker, make_citizen):
    """Anne wrote ten days ago and nobody has read it; Bo wrote today, read but not answered; Carl's
    question was answered; Dorte has never written."""
    caseworker = make_caseworker()
    anne, bo, carl, dorte = (
        make_citizen(caseworker=caseworker, name=name)
        for name in ("Anne Ørsted", "Bo Andersen", "Carl Berg", "Dorte Dam")
    )
    nothing_else_needs_attention(session, anne, bo, carl, dorte)
    add_message(session, add_thread(session, anne), anne, "Hvornår starter praktikken?", days_ago=10)
    add_message(session, add_thread(session, bo), bo, "Skal jeg tage cv med?", read=True)
    answered = add_thread(session, carl)
    add_message(session, answered, carl, "Er mødet flyttet?", days_ago=5, read=True)
    add_message(session, answered, caseworker, "Nej, det er ikke flyttet.", days_ago=4)
    log_in(client, caseworker.email)
    return caseworker


def test_unread_and_waiting_time_show_per_citizen(client, caseload):
    # test the column: unread count, days waiting, the answer time passed in words, and nothing where nothing waits
    anne = messages_cell(client, "Anne Ørsted")
    assert "1 ulæst besked" in anne and "Venter i 10 dage" in anne
    assert "Svarfristen er overskredet" in anne, "ten days is past two working days, said in words"
    bo = messages_cell(client, "Bo Andersen")
    assert "Ikke besvaret" in bo and "Venter siden i dag" in bo and "overskredet" not in bo
    assert messages_cell(client, "Carl Berg") == "Intet", "an answered question waits for no one"
    assert messages_cell(client, "Dorte Dam") == "Intet"


def test_an_unread_message_needs_attention(client, caseload):
    # test that only the unread message puts a citizen on "Kræver opmærksomhed", and first in its order
    assert names(client, "view=attention") == ["Anne Ørsted"]
    assert names(client, "order=attention")[0] == "Anne Ørsted"


def test_the_answer_time_is_the_jobcentres(client, session, caseload):
    # test that a jobcentre promising 20 working days has not let Anne's ten days pass
    session.get(Jobcentre, caseload.jobcentre_id).message_answer_days = 20
    session.commit()
    anne = messages_cell(client, "Anne Ørsted")
    assert "Venter i 10 dage" in anne and "overskredet" not in anne


def test_the_cell_links_to_the_citizens_messages(client, caseload):
    # test that the cell's link goes to the citizen page's Beskeder and names the citizen for a screen reader
    page = parse_page(client.get("/caseworker/"))
    [link] = [a for a in page.select('a[href$="#messages"]') if "ulæst besked" in a.get_text()]
    assert link.get_text(" ", strip=True) == "1 ulæst besked : Anne Ørsted"
