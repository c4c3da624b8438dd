"""Deny by default: every route is in the role table; anonymous -> login, wrong role -> 403,
someone else's citizen -> 404 (the same answer as for an id that does not exist)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from portal.access import ROUTE_ACCESS, Role
from portal.audit import AuditEntry
from portal.clock import local_today
from tests.factories import csrf_token_from, log_in


def test_every_route_is_in_the_access_table(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    missing = endpoints - set(ROUTE_ACCESS)
    assert not missing, f"routes without an access rule: {missing}"
    stale = set(ROUTE_ACCESS) - endpoints
    assert not stale, f"access rules for routes that no longer exist: {stale}"


def refusals(session) -> list[AuditEntry]:
    return list(session.scalars(select(AuditEntry).where(AuditEntry.action == "access.denied")))


def test_an_unlisted_route_is_denied_and_logged(app, make_app, session):
    from flask import Blueprint

    fresh = make_app()
    extra = Blueprint("extra", __name__)
    extra.add_url_rule("/forgotten", "forgotten", lambda: "secret data")
    fresh.register_blueprint(extra)
    assert fresh.test_client().get("/forgotten").status_code == 403
    [row] = refusals(session)
    assert row.actor_id is None and json.loads(row.detail) == {
        "endpoint": "extra.forgotten",
        "reason": "unlisted_route",
    }


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


def test_anonymous_redirects_to_login_are_no_refusals(app, client, session):
    for url, _allowed in protected_urls(app):
        client.get(url)
    assert refusals(session) == []


@pytest.mark.parametrize("role", [Role.CITIZEN, Role.CASEWORKER, Role.ADMIN])
def test_wrong_role_gets_403_and_each_is_logged(app, client, make_user, role, session):
    user = make_user(role)
    log_in(client, user.email)
    refused = []
    for url, allowed in protected_urls(app):
        if role not in allowed:
            assert client.get(url).status_code == 403, f"{role} on {url}"
            refused.append(app.url_map.bind("").match(url)[0])
    rows = refusals(session)
    assert refused and [json.loads(row.detail) for row in rows] == [
        {"endpoint": endpoint, "reason": "role"} for endpoint in refused
    ]
    assert {(row.actor_id, row.actor_role) for row in rows} == {(user.id, role.value)}


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


def test_someone_elses_ids_answer_404_and_each_refusal_is_logged(
    client, make_caseworker, make_citizen, make_meeting, session
):
    from portal.joblog.models import JobLogEntry
    from portal.meetings.models import Homework
    from portal.plan.models import ItemKind, Plan, PlanItem

    caseworker = make_caseworker()
    me = make_citizen(caseworker=caseworker)
    other = make_citizen(caseworker=caseworker, name="Anden Borger")
    meeting = make_meeting(other, caseworker)
    plan = Plan(citizen_id=other.id)
    session.add(plan)
    session.flush()
    item = PlanItem(
        plan_id=plan.id, kind=ItemKind.MILESTONE, title="Andens delmål", status="planned", created_by_id=caseworker.id
    )
    homework = Homework(citizen_id=other.id, title="Andens opgave")
    entry = JobLogEntry(citizen_id=other.id, job_title="Andens job", applied_on=local_today())
    session.add_all([item, homework, entry])
    session.commit()
    log_in(client, me.email)
    tries = {
        f"/meetings/{meeting.id}": ("meetings.meeting", {"meeting_id": meeting.id}),
        f"/meetings/{meeting.id}/calendar.ics": ("meetings.calendar_file", {"meeting_id": meeting.id}),
        f"/homework/{homework.id}": ("homework.item", {"homework_id": homework.id}),
        f"/joblog/{entry.id}": ("joblog.edit", {"entry_id": entry.id}),
        f"/plan/items/{item.id}": ("plan.item", {"item_id": item.id}),
    }
    for url in tries:
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Anden" not in response.get_data(as_text=True)
    rows = refusals(session)
    assert [json.loads(row.detail) for row in rows] == [
        {"endpoint": endpoint, "reason": "not_in_scope", "ids": ids} for endpoint, ids in tries.values()
    ]
    assert all((row.actor_id, row.citizen_id) == (me.id, None) for row in rows)


def test_a_refused_post_logs_no_body_and_changes_nothing(client, make_caseworker, make_citizen, session):
    from portal.joblog.models import JobLogEntry

    me = make_citizen()
    other = make_citizen(name="Anden Borger")
    entry = JobLogEntry(citizen_id=other.id, job_title="Andens job", applied_on=local_today())
    session.add(entry)
    session.commit()
    log_in(client, me.email)
    token = csrf_token_from(client.get("/joblog/new").get_data(as_text=True))
    response = client.post(
        f"/joblog/{entry.id}", data={"csrf_token": token, "job_title": "Overtaget 010190-1234", "version": "1"}
    )
    assert response.status_code == 404
    [row] = refusals(session)
    assert "Overtaget" not in row.detail and "010190" not in row.detail
    session.refresh(entry)
    assert entry.job_title == "Andens job"


def test_a_caseworker_asking_for_another_citizens_meeting_through_their_own_is_logged(
    client, make_caseworker, make_citizen, make_meeting, session
):
    caseworker = make_caseworker()
    mine = make_citizen(caseworker=caseworker)
    theirs = make_meeting(make_citizen(), make_caseworker())
    log_in(client, caseworker.email)
    assert client.get(f"/caseworker/citizens/{mine.id}/meetings/{theirs.id}").status_code == 404
    [row] = refusals(session)
    assert json.loads(row.detail) == {
        "endpoint": "caseworker_meetings.meeting",
        "reason": "not_in_scope",
        "ids": {"citizen_id": mine.id, "meeting_id": theirs.id},
    }


def test_a_citizen_without_a_plan_is_not_refused_on_the_plan_pages(client, make_citizen, session):
    log_in(client, make_citizen().email)
    assert client.get("/plan/goal").status_code == 404
    assert refusals(session) == []
