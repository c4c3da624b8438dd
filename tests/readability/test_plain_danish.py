"""Plain Danish: every page a citizen can reach reads at a median LIX of 35 or below, and no page
above 45 except the printable ones (issue 19). The table of every page's figures is printed
(`pytest -s`, or with the failure) and written to test-results/plain-danish.txt."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from statistics import median

from portal.auth import invitations
from portal.meetings import reminders
from portal.meetings.models import MeetingStatus
from tests.readability.citizen_pages import collect
from tests.readability.lix import readability
from tests.readability.visible_text import main_units

REPORT = Path(__file__).resolve().parents[2] / "test-results" / "plain-danish.txt"
MEDIAN_TARGET = 35
PAGE_LIMIT = 45
#: Pages made for printing: a table of a citizen's own entries, read on paper, not a text.
PRINTABLE = {"joblog.print_view"}
REMINDER_KINDS = (
    reminders.MEETING_TOMORROW,
    reminders.MEETING_CHANGED,
    reminders.HOMEWORK_DUE,
    reminders.CASEWORKER_CHANGED,
    reminders.MESSAGE_NEW,
)


def test_citizen_pages_are_plain_danish(app, client, session, make_app, make_citizen):
    pages = collect(app, client, session, make_app, make_citizen)
    figures = [(page, readability(main_units(page.html))) for page in pages]
    rows = [f"{'page':<58} {'LIX':>5} {'words':>6}"]
    rows += [f"{page.name:<58} {counts.lix:5.1f} {counts.words:6d}" for page, counts in figures]
    middle = median(counts.lix for _page, counts in figures)
    rows.append(f"{'median of ' + str(len(figures)) + ' pages':<58} {middle:5.1f}")
    table = "\n".join(rows)
    print("\n" + table)
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text(table + "\n", encoding="utf-8")
    too_hard = [
        f"{page.name}: {counts.lix:.1f}"
        for page, counts in figures
        if counts.lix > PAGE_LIMIT and page.endpoint not in PRINTABLE
    ]
    assert middle <= MEDIAN_TARGET and not too_hard, (
        f"median {middle:.1f} (target {MEDIAN_TARGET}); above {PAGE_LIMIT}: {too_hard}\n{table}"
    )


def test_citizen_emails_are_plain_danish(app, make_caseworker, make_citizen, make_meeting):
    # test that every mail the portal sends a citizen reads as plainly as its pages: no mail above
    # the page limit, and their median at or below the pages' target
    karen = make_caseworker(name="Karen Holm")
    maria = make_citizen(karen, name="Maria Jensen")
    cancelled = make_meeting(maria, karen, status=MeetingStatus.CANCELLED)
    tomorrow = datetime.now(UTC) + timedelta(days=1)
    with app.test_request_context():
        mails = {
            kind: reminders.compose(
                reminders.Due(
                    kind=kind,
                    reference="1",
                    recipient_id=maria.id,
                    email=maria.email,
                    language="da",
                    path="/meetings/1",
                    starts_at=tomorrow,
                    cancelled=cancelled if kind == "cancelled" else None,
                ),
                app.config,
            )
            for kind in (*REMINDER_KINDS, "cancelled")
        }
        texts = {kind: (mail["Subject"], mail.get_body(("plain",)).get_content()) for kind, mail in mails.items()}
        texts["invitation"] = invitations.invitation_text(
            maria, karen, "https://minplan.example/activate/x", app.config
        )
    figures = {kind: readability([subject, *body.split("\n\n")]) for kind, (subject, body) in texts.items()}
    table = "\n".join(f"{kind:<20} {counts.lix:5.1f} {counts.words:4d}" for kind, counts in figures.items())
    print("\n" + table)
    too_hard = [kind for kind, counts in figures.items() if counts.lix > PAGE_LIMIT]
    assert median(counts.lix for counts in figures.values()) <= MEDIAN_TARGET and not too_hard, table
