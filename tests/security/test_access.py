"""Deny by default: every route is in the role table; anonymous -> login, wrong role -> 403,
someone else's citizen -> 404 (the same answer as for an id that does not exist)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.access import ROUTE_ACCESS, Role
from portal.audit import AuditEntry
from portal.clock import local_today
from tests.factories import log_in


def test_every_route_is_in_the_access_table(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    missing = endpoints - set(ROUTE_ACCESS)
    assert not missing, f"routes without an access rule: {missing}"
    stale = set(ROUTE_ACCESS) - endpoints
    assert not stale, f"access rules for routes that no longer exist: {stale}"


def test_an_unlisted_route_is_denied(app, client, make_citizen):
    from flask import Blueprint

    from tests.conftest import make_test_app

    fresh = make_test_app(app.config["DATABASE_URL"])
    extra = Blueprint("extra", __name__)
    extra.add_url_rule("/forgotten", "forgotten", lambda: "secret data")
    fresh.register_blueprint(extra)
    assert fresh.test_client().get("/forgotten").status_code == 403


def protected_urls(app):
    for rule in app.url_map.iter_rules():
        allowed = ROUTE_ACCESS[rule.endpoint]
        if "anonymous" in allowed or "GET" not in rule.methods:
            continue
        yield rule.build(dict.fromkeys(rule.arguments, 1), append_unknown=False)[1], allowed


def test_anonymous_is_sent_to_login_everywhere_protected(app, client):
    for url, _allowed in protected_urls(app):
        response = client.get(url)
        assert response.status_code == 302 and response.headers["Location"].startswith("/login"), url


@pytest.mark.parametrize("role", [Role.CITIZEN, Role.CASEWORKER, Role.ADMIN])
def test_wrong_role_gets_403(app, client, make_user, role):
    user = make_user(role)
    log_in(client, user.email)
    for url, allowed in protected_urls(app):
        if role not in allowed:
            assert client.get(url).status_code == 403, f"{role} on {url}"


def test_caseworker_sees_own_citizen(client, make_caseworker, make_citizen):
    caseworker = make_caseworker()
    citizen = make_citizen(caseworker=caseworker, name="Ida Madsen")
    log_in(client, caseworker.email)
    assert "Ida Madsen" in client.get(f"/caseworker/citizens/{citizen.id}").get_data(as_text=True)


def test_other_caseworkers_citizen_is_404_like_a_missing_one(client, make_caseworker, make_citizen, session):
    mine = make_caseworker()
    theirs = make_caseworker()
    colleague_in_same_centre = make_caseworker(jobcentre=session.get(type(mine.jobcentre), mine.jobcentre_id))
    their_citizen = make_citizen(caseworker=theirs, name="Hemmelig Borger")
    same_centre_citizen = make_citizen(caseworker=colleague_in_same_centre, name="Kollegas Borger")
    log_in(client, mine.email)
    for citizen_id in (their_citizen.id, same_centre_citizen.id, 999_999):
        response = client.get(f"/caseworker/citizens/{citizen_id}")
        assert response.status_code == 404
        assert "Hemmelig" not in response.get_data(as_text=True)
    denied = session.scalars(select(AuditEntry).where(AuditEntry.action == "access.denied")).all()
    assert len(denied) == 3 and all(row.actor_id == mine.id for row in denied)


def test_ended_assignment_removes_access(client, make_caseworker, make_citizen, session):
    from datetime import timedelta

    from portal.organisation.models import CaseloadAssignment

    caseworker = make_caseworker()
    citizen = make_citizen(caseworker=caseworker)
    assignment = session.scalar(select(CaseloadAssignment).where(CaseloadAssignment.citizen_id == citizen.id))
    assignment.valid_to = local_today() - timedelta(days=1)
    session.commit()
    log_in(client, caseworker.email)
    assert client.get(f"/caseworker/citizens/{citizen.id}").status_code == 404
    assert citizen.name not in client.get("/caseworker/").get_data(as_text=True)


def test_citizen_cannot_reach_caseworker_pages_of_anyone(client, make_caseworker, make_citizen):
    caseworker = make_caseworker()
    me = make_citizen(caseworker=caseworker)
    log_in(client, me.email)
    assert client.get(f"/caseworker/citizens/{me.id}").status_code == 403
    assert client.get("/caseworker/").status_code == 403


def test_caseworker_outside_jobcentre_sees_nothing_even_if_assigned(client, make_caseworker, make_citizen, session):
    """A stray assignment across jobcentres must not open access."""

    from portal.organisation.models import CaseloadAssignment

    caseworker = make_caseworker()
    citizen = make_citizen()  # another jobcentre
    session.add(CaseloadAssignment(caseworker_id=caseworker.id, citizen_id=citizen.id, valid_from=local_today()))
    session.commit()
    log_in(client, caseworker.email)
    assert client.get(f"/caseworker/citizens/{citizen.id}").status_code == 404
