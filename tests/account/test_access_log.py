"""The citizen's access log: when and why their data was read, without the employee's name."""

from __future__ import annotations

from sqlalchemy import select

from portal.audit import AuditEntry
from tests.factories import log_in
from tests.pages import parse_page, statements_per_page


def test_reads_are_listed_with_what_and_why_but_not_who(app, client, session, make_caseworker, make_citizen):
    caseworker = make_caseworker(name="Karen Holm")
    citizen = make_citizen(caseworker=caseworker)
    other = make_citizen(caseworker=caseworker)
    office = app.test_client()
    log_in(office, caseworker.email)
    office.get(f"/caseworker/citizens/{citizen.id}/plan")
    office.get(f"/caseworker/citizens/{citizen.id}/joblog")
    office.get(f"/caseworker/citizens/{citizen.id}/questionnaire")
    session.add(
        AuditEntry(
            action="caseworker.questionnaire.sensitive_shown",
            actor_id=caseworker.id,
            actor_role="caseworker",
            citizen_id=citizen.id,
            purpose="Forberedelse af mødet",
        )
    )
    session.commit()
    office.get(f"/caseworker/citizens/{other.id}/plan")
    log_in(client, citizen.email)
    page = parse_page(client.get("/account/access-log"))
    rows = [row.get_text(" ", strip=True) for row in page.find("tbody")("tr")]
    text = " ".join(rows)
    assert "Din plan" in text and "Din joblog" in text and "Dine svar til mødet" in text
    assert "Dine følsomme oplysninger" in text and "Forberedelse af mødet" in text
    assert "Sagsbehandling" in text
    assert "Karen Holm" not in page.get_text(), "employees' names are not shown"
    reads_of_citizen = session.scalars(
        select(AuditEntry).where(AuditEntry.citizen_id == citizen.id, AuditEntry.actor_role == "caseworker")
    ).all()
    assert len(rows) == len(reads_of_citizen), "the other citizen's reads are not here"


def test_pages_of_fifty_with_constant_statements(app, client, session, make_caseworker, make_citizen):
    caseworker = make_caseworker()
    citizen = make_citizen(caseworker=caseworker)
    session.add(
        AuditEntry(
            action="caseworker.plan.viewed",
            actor_id=caseworker.id,
            actor_role="caseworker",
            citizen_id=citizen.id,
            purpose="Sagsbehandling",
        )
    )
    session.commit()
    log_in(client, citizen.email)
    small = statements_per_page(app, client, ["/account/access-log"])
    session.add_all(
        [
            AuditEntry(
                action="caseworker.joblog.viewed",
                actor_id=caseworker.id,
                actor_role="caseworker",
                citizen_id=citizen.id,
                purpose="Sagsbehandling",
            )
            for _ in range(120)
        ]
    )
    session.commit()
    assert statements_per_page(app, client, ["/account/access-log"]) == small
    first = parse_page(client.get("/account/access-log"))
    assert len(first.find("tbody")("tr")) == 50
    second = parse_page(client.get(first.find("a", string="Vis ældre")["href"]))
    assert len(second.find("tbody")("tr")) == 50
    assert client.get("/account/access-log?before=99999999999999999999999").status_code == 200
    assert client.get("/account/access-log?before=-1").status_code == 200


def test_only_citizens_have_an_access_log(app, make_caseworker):
    office = app.test_client()
    log_in(office, make_caseworker().email)
    assert office.get("/account/access-log").status_code == 403


def test_a_page_marker_that_is_not_an_id_shows_the_first_page(client, make_citizen):
    # test that odd "before" values (a superscript digit, a huge number, a minus) never give a 5xx
    log_in(client, make_citizen().email)
    for before in ("²", "-1", "9" * 40, "1e5", "١٢"):
        assert client.get(f"/account/access-log?before={before}").status_code == 200, before


def test_a_caseworker_reading_a_conversation_in_beskeder_is_in_my_access_log(
    app, client, make_caseworker, make_citizen, make_thread
):
    from portal import audit
    from portal.db import db

    caseworker = make_caseworker(name="Karen Holm")
    citizen = make_citizen(caseworker=caseworker)
    thread = make_thread(citizen, "Hvornår starter praktikken?")
    # As the caseworker's thread page writes it when it shows the thread.
    with app.app_context():
        audit.record(
            db.session,
            "caseworker.messages.viewed",
            actor=db.session.merge(caseworker),
            citizen_id=citizen.id,
            purpose="Sagsbehandling",
            thread_id=thread.id,
        )
        db.session.commit()
    log_in(client, citizen.email)
    page = parse_page(client.get("/account/access-log"))
    [row] = [row.get_text(" ", strip=True) for row in page.find("tbody")("tr")]
    assert "En af dine samtaler i Beskeder" in row and "Sagsbehandling" in row
    assert "Hvornår starter praktikken?" not in page.get_text(), "the log names what was read, not what it says"
    assert "Karen Holm" not in page.get_text()
