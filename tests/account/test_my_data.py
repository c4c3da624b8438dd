""" "Mine data": the citizen downloads everything the portal holds about them, and nobody else's."""

from __future__ import annotations

import json
import re
from datetime import date

from portal.auth.models import Jobcentre
from portal.db import db
from portal.joblog.models import JobLogEntry
from portal.meetings.models import Homework
from portal.questionnaire.models import Questionnaire, SensitiveAnswer
from tests.factories import log_in
from tests.pages import parse_page, statements_per_page


def test_everything_of_mine_and_nothing_of_others(app, client, session, make_caseworker, make_citizen, make_meeting):
    caseworker = make_caseworker()
    citizen = make_citizen(caseworker=caseworker, name="Maria Jensen")
    other = make_citizen(caseworker=caseworker, name="Ole Andersen")
    meeting = make_meeting(citizen, caseworker)
    meeting.summary = "Kladde, ikke delt"
    questionnaire = Questionnaire(
        citizen_id=citizen.id, meeting_id=meeting.id, definition_version=1, meeting_kind="follow_up"
    )
    session.add(questionnaire)
    session.flush()
    answer = SensitiveAnswer(questionnaire_id=questionnaire.id, question_key="H2")
    answer.value = "Jeg kan ikke løfte tungt"
    session.add_all(
        [
            answer,
            Homework(citizen_id=citizen.id, title="Opdater cv"),
            Homework(citizen_id=other.id, title="Oles opgave"),
            JobLogEntry(
                citizen_id=citizen.id,
                job_title="Lager",
                employer="Coop",
                applied_on=date(2026, 11, 2),
                search_text="lager coop",
            ),
        ]
    )
    session.commit()
    log_in(client, citizen.email)
    response = client.get("/account/my-data.json")
    assert response.mimetype == "application/json" and "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.get_data(as_text=True))
    assert data["account"]["email"] == citizen.email and "password_hash" not in json.dumps(data)
    assert data["sensitive_answers"][0]["value"] == "Jeg kan ikke løfte tungt", "sensitive answers are theirs too"
    assert [h["title"] for h in data["homework"]] == ["Opdater cv"]
    assert data["joblog"][0]["applied_on"] == "2026-11-02" and "search_text" not in data["joblog"][0]
    assert data["meetings"][0]["summary"] is None, "an unshared draft summary is not yet the citizen's"
    assert "Ole" not in json.dumps(data, ensure_ascii=False)
    page = parse_page(client.get("/account/my-data"))
    assert "Jeg kan ikke løfte tungt" in page.get_text() and "Oles opgave" not in page.get_text()


def test_constant_statements_and_citizens_only(app, client, make_caseworker, make_citizen):
    caseworker = make_caseworker()
    citizen = make_citizen(caseworker=caseworker)
    log_in(client, citizen.email)
    assert statements_per_page(app, client, ["/account/my-data.json"])["/account/my-data.json"] <= 18
    office = app.test_client()
    log_in(office, caseworker.email)
    assert office.get("/account/my-data.json").status_code == 403


def test_my_caseworkers_and_the_handover_note_are_in_my_data(app, client, session, make_caseworker, make_citizen):
    # test that Mine data names every caseworker the citizen has had, with the note written at the handover
    from portal.organisation.services import assign

    first = make_caseworker(name="Karen Holm")
    second = make_caseworker(name="Lene Vestergaard", jobcentre=session.get(Jobcentre, first.jobcentre_id))
    citizen = make_citizen(caseworker=first)
    with app.app_context():
        assign(citizen, second, by=first, note="Er i gang med AMU-kursus.")
        db.session.commit()
    log_in(client, citizen.email)
    data = json.loads(client.get("/account/my-data.json").get_data(as_text=True))
    assert [(row["caseworker"], row["previous_caseworker"], row["handover_note"]) for row in data["caseworkers"]] == [
        ("Karen Holm", None, None),
        ("Lene Vestergaard", "Karen Holm", "Er i gang med AMU-kursus."),
    ]
    assert "Er i gang med AMU-kursus." in parse_page(client.get("/account/my-data")).get_text()


def test_no_internal_id_of_another_account_and_people_by_role_or_name(app, client, session, make_citizen):
    """Staff are given ids no row of the citizen's has, so any of them in the file is a leak."""
    from datetime import UTC, datetime, timedelta

    from portal.access import Role
    from portal.auth.models import Invitation, User
    from portal.meetings.models import Channel, Meeting, MeetingChange, MeetingComment
    from portal.organisation.models import CaseloadAssignment
    from portal.plan.models import ItemKind, Plan, PlanChange, PlanComment, PlanItem

    citizen = make_citizen(name="Maria Jensen")
    caseworker = User(
        id=987_654,
        email="karen@example.test",
        role=Role.CASEWORKER,
        name="Karen Holm",
        jobcentre_id=citizen.jobcentre_id,
    )
    admin = User(id=987_655, email="admin@example.test", role=Role.ADMIN, name="Ada Admin")
    session.add_all([caseworker, admin])
    session.flush()
    now = datetime.now(UTC)
    meeting = Meeting(
        citizen_id=citizen.id, caseworker_id=caseworker.id, kind="follow_up", starts_at=now, channel=Channel.PHONE
    )
    plan = Plan(citizen_id=citizen.id)
    session.add_all([meeting, plan])
    session.flush()
    session.add_all(
        [
            CaseloadAssignment(
                caseworker_id=caseworker.id, citizen_id=citizen.id, valid_from=now.date(), assigned_by_id=admin.id
            ),
            MeetingChange(meeting_id=meeting.id, actor_id=caseworker.id, field="place", new_value="Lokale 2"),
            MeetingComment(meeting_id=meeting.id, author_id=citizen.id, text="Tak"),
            PlanItem(
                plan_id=plan.id, kind=ItemKind.MILESTONE, title="Cv", status="planned", created_by_id=caseworker.id
            ),
            PlanComment(plan_id=plan.id, author_id=caseworker.id, author_role="caseworker", text="Godt"),
            PlanComment(plan_id=plan.id, author_id=citizen.id, author_role="citizen", text="Tak"),
            PlanChange(plan_id=plan.id, actor_id=caseworker.id, actor_role="caseworker", action="created"),
            Invitation(
                token_hash="h" * 64, citizen_id=citizen.id, created_by_id=admin.id, expires_at=now + timedelta(days=1)
            ),
        ]
    )
    session.commit()
    log_in(client, citizen.email)
    text = client.get("/account/my-data.json").get_data(as_text=True)
    data = json.loads(text)
    assert "987654" not in text and "987655" not in text
    assert "Ada Admin" not in text, "the name only where the portal shows it to the citizen"
    assert data["meetings"][0]["caseworker"] == "Karen Holm"
    assert data["meeting_changes"][0]["actor"] == "Sagsbehandler"
    assert data["meeting_comments"][0]["author"] == "Du"
    assert data["plan_items"][0]["created_by"] == "Sagsbehandler"
    assert sorted(comment["author"] for comment in data["plan_comments"]) == ["Du", "Karen Holm"]
    assert data["plan_history"][0]["actor"] == "Sagsbehandler"
    assert data["invitations"][0]["created_by"] == "Medarbejder"
    assert all("citizen_id" not in row for row in data["meetings"] + data["homework"] + data["joblog"])
    page = parse_page(client.get("/account/my-data")).get_text()
    assert "987654" not in page and "Sagsbehandler" in page


def test_the_page_names_every_piece_of_data_in_plain_danish(app, client):
    # test that "Mine data" shows the portal's names for the data, never the data's own names
    # (updated_at, question_key), while the download keeps those for programs to read
    from demodata import seed as demo

    with app.app_context():
        demo.seed()
    log_in(client, "citizen@demo.dk", "demo-password")
    page = parse_page(client.get("/account/my-data"))
    names = {dt.get_text(strip=True) for dt in page.find_all("dt")}
    assert {"Sidst ændret", "Dit svar", "Stilling", "Mål og forventninger"} <= names
    assert not [name for name in names if re.fullmatch(r"[a-z]+(_[a-z]+)*", name)], names
    assert "False" not in page.find("main").get_text() and "True" not in page.find("main").get_text()
    data = json.loads(client.get("/account/my-data.json").get_data(as_text=True))
    assert "updated_at" in data["answers"][0] and isinstance(data["answers"][0]["talk_about"], bool)


def test_the_page_shows_words_and_dates_where_the_download_keeps_codes(app, client):
    # test that no value on "Mine data" is a code (in_person, train_skills, A2) or an ISO date, while
    # the download keeps those for programs to read
    from demodata import seed as demo

    with app.app_context():
        demo.seed()
    log_in(client, "citizen@demo.dk", "demo-password")
    page = parse_page(client.get("/account/my-data"))
    shown = [dd.get_text(" ", strip=True) for dd in page.find_all("dd")]
    codes = [value for value in shown if re.fullmatch(r"[a-z]+(_[a-z]+)*|[A-I]\d?(,[A-I])*", value)]
    assert not codes, codes
    iso_dates = [value for value in shown if re.search(r"\d{4}-\d{2}-\d{2}", value)]
    assert not iso_dates, iso_dates
    assert {"Fremmøde", "Virksomhedspraktik", "Opslået stilling", "Hvad vil du helst tale om til mødet?"} <= set(shown)
    assert "Tidspunktet" in shown, "a moved meeting says what moved"
    data = json.loads(client.get("/account/my-data.json").get_data(as_text=True))
    assert data["meetings"][0]["channel"] == "in_person" and data["answers"][0]["question_key"] == "A2"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T.+", data["meetings"][0]["starts_at"])


def test_my_conversations_in_beskeder_with_every_message(
    app, client, session, make_caseworker, make_citizen, make_thread, write
):
    # test that Mine data has every thread (subject, state, what it is about) and every message (who
    # wrote it, when, the text, when it was read), on the page and in the download, and no one else's
    from datetime import UTC, datetime

    from portal.messages.models import ThreadState

    caseworker = make_caseworker(name="Karen Holm")
    citizen = make_citizen(caseworker=caseworker)
    other = make_citizen(caseworker=caseworker)
    task = Homework(citizen_id=citizen.id, title="Opdater cv")
    session.add(task)
    session.commit()
    about_cv = make_thread(citizen, "Hvornår skal cv'et være klar?", homework_id=task.id)
    read = datetime(2026, 12, 2, 9, 30, tzinfo=UTC)
    write(about_cv, citizen, "Er fredag nok?\nJeg er syg i dag.", read_at=read)
    write(about_cv, caseworker, "Ja, fredag er fint.")
    closed = make_thread(citizen, "سؤال عن الاجتماع", state=ThreadState.CLOSED, close_note="Svaret er givet.")
    write(closed, citizen, "مرحبا")
    write(make_thread(other, "Oles spørgsmål"), other, "Oles besked")
    log_in(client, citizen.email)

    data = json.loads(client.get("/account/my-data.json").get_data(as_text=True))
    first, second = data["messages"]
    assert (first["subject"], first["state"], first["about"]) == (
        "Hvornår skal cv'et være klar?",
        "open",
        {"kind": "homework", "id": task.id, "title": "Opdater cv"},
    )
    assert [(m["author"], m["text"], m["read_at"]) for m in first["messages"]] == [
        ("Dig", "Er fredag nok?\nJeg er syg i dag.", "2026-12-02T09:30:00+00:00"),
        ("Karen Holm", "Ja, fredag er fint.", None),
    ]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T.+", first["messages"][0]["created_at"])
    assert (second["state"], second["close_note"], second["about"]) == ("closed", "Svaret er givet.", None)
    assert "Ole" not in json.dumps(data, ensure_ascii=False)

    page = parse_page(client.get("/account/my-data"))
    section = page.find("section", attrs={"aria-labelledby": "section-messages"})
    assert section.h2.get_text(strip=True) == "Beskeder"
    assert [h3.get_text(strip=True) for h3 in section("h3")] == ["Hvornår skal cv'et være klar?", "سؤال عن الاجتماع"]
    text = section.get_text(" ", strip=True)
    for shown in (
        "Åben",
        "Lukket",
        "Handler om Opdater cv",
        "Svaret er givet.",
        "Dig",
        "Karen Holm",
        "Ja, fredag er fint.",
    ):
        assert shown in text, shown
    assert "Læst onsdag den 2. december 2026" in text, "read times as the portal shows dates"
    names = {dt.get_text(strip=True) for dt in section("dt")}
    assert names == {
        "Nummer",
        "Status",
        "Handler om",
        "Din sagsbehandlers note, da samtalen blev lukket",
        "Skrevet af",
        "Sendt",
        "Tekst",
        "Læst",
    }
    assert section.find("dd", string="مرحبا")["dir"] == "auto", "typed text keeps its own direction"
    assert "Oles" not in page.get_text()


def test_constant_statements_however_many_conversations(app, client, make_caseworker, make_citizen, make_thread, write):
    caseworker = make_caseworker()
    citizen = make_citizen(caseworker=caseworker)
    write(make_thread(citizen), citizen)
    log_in(client, citizen.email)
    urls = ["/account/my-data", "/account/my-data.json"]
    few = statements_per_page(app, client, urls)
    for number in range(5):
        thread = make_thread(citizen, f"Emne {number}")
        write(thread, citizen)
        write(thread, caseworker)
    assert statements_per_page(app, client, urls) == few
