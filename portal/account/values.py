"""What the page "Mine data" shows for each value, in words the citizen reads elsewhere in the portal.

The download (my-data.json) keeps the data as stored: codes (`in_person`, `train_skills`), ISO dates
and the questionnaire's question keys, which programs read. The page shows the same data as the
portal's other pages do: "Fremmøde", "tirsdag den 8. december 2026 kl. 10.30", the question's text.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

from portal.i18n import date_and_time, short_date
from portal.i18n import gettext as _
from portal.i18n import lazy_gettext as _l
from portal.joblog import labels as joblog_labels
from portal.meetings import interpreters
from portal.meetings import labels as meeting_labels
from portal.meetings.models import MeetingKind
from portal.plan import history
from portal.plan import labels as plan_labels
from portal.questionnaire import definition, presenters
from portal.templating import language_names

ROLES = {"citizen": _l("Borger"), "caseworker": _l("Sagsbehandler"), "admin": _l("Medarbejder")}
PROPOSALS = {"pending": _l("Venter på svar"), "accepted": _l("Taget med i planen"), "declined": _l("Sagt nej til")}
PLAN_ACTIONS = {
    "created": _l("Oprettet"),
    "changed": _l("Ændret"),
    "proposed": _l("Foreslået"),
    "accepted": _l("Taget med i planen"),
    "declined": _l("Sagt nej til"),
    "acknowledged": _l("Bekræftet"),
}
QUESTIONNAIRE_STATUSES = {"draft": _l("Ikke sendt endnu"), "sent": _l("Sendt")}
MEETING_STATUSES = {"planned": _l("Planlagt"), "cancelled": _l("Aflyst")}
#: A thread's state as the citizen reads it on Beskeder.
THREAD_STATES = {
    "open": _l("Åben"),
    "waiting_on_citizen": _l("Din sagsbehandler venter på svar fra dig"),
    "closed": _l("Lukket"),
}
MEETING_CHANGE_FIELDS = {
    "starts_at": _l("Tidspunktet"),
    "duration_minutes": _l("Længden"),
    "channel": _l("Mødeformen"),
    "place": _l("Stedet"),
    "status": _l("Om mødet holdes"),
}

#: (section, field) -> the words for each code; a section of None holds for every section.
CODES: dict[tuple[str | None, str], Mapping] = {
    ("questionnaires", "status"): QUESTIONNAIRE_STATUSES,
    ("plan", "end_goal_kind"): plan_labels.END_GOAL_KINDS,
    ("plan_items", "kind"): plan_labels.KINDS,
    ("plan_items", "owner"): plan_labels.OWNERS,
    ("plan_items", "activity_type"): plan_labels.ACTIVITY_TYPES,
    ("plan_items", "practicum_purpose"): plan_labels.PRACTICUM_PURPOSES,
    ("plan_items", "track"): plan_labels.TRACKS,
    ("plan_items", "requirement_period"): plan_labels.PERIODS,
    ("plan_items", "proposal_status"): PROPOSALS,
    ("plan_history", "action"): PLAN_ACTIONS,
    ("plan_history", "field"): history.FIELDS,
    ("meetings", "channel"): meeting_labels.CHANNELS,
    ("meetings", "status"): MEETING_STATUSES,
    ("meetings", "interpreter_language"): interpreters.LANGUAGES,
    ("meetings", "interpreter_booked_language"): interpreters.LANGUAGES,
    ("meeting_changes", "field"): MEETING_CHANGE_FIELDS,
    ("messages", "state"): THREAD_STATES,
    ("joblog", "entry_type"): joblog_labels.ENTRY_TYPES,
    ("joblog", "application_type"): joblog_labels.APPLICATION_TYPES,
    ("joblog", "activity_kind"): joblog_labels.ACTIVITY_KINDS,
    ("joblog", "status"): joblog_labels.STATUSES,
    ("joblog", "result"): joblog_labels.RESULTS,
    ("joblog", "track"): joblog_labels.TRACKS,
    (None, "author_role"): ROLES,
    (None, "actor_role"): ROLES,
}
MEETING_KIND_FIELDS = {("questionnaires", "meeting_kind"), ("meetings", "kind")}
SECTION_FIELDS = {"completed_sections", "resume_section"}
ANSWERS = {"answers", "sensitive_answers"}
DATES = {"first_contact_date", "end_goal_target_date", "due_date", "starts_on", "ends_on", "applied_on", "deadline"}
DATES |= {"valid_from", "valid_to"}


def shown(section: str, key: str, record: dict):
    """The value of `record[key]` as the page shows it: words, a readable date, or the value itself."""
    value = record[key]
    if section == "messages" and key == "about":
        return _about(value)
    if not isinstance(value, str):
        return value
    codes = CODES.get((section, key)) or CODES.get((None, key))
    if section == "plan_items" and key == "status":
        codes = plan_labels.AGREEMENT_STATUSES if record.get("kind") == "agreement" else plan_labels.STATUSES
    if codes is not None:
        return str(codes.get(value, value))
    if (section, key) in MEETING_KIND_FIELDS:
        return meeting_labels.step_name(MeetingKind(value))
    if key == "preferred_language":
        return language_names((value,))[0][1]
    if key in SECTION_FIELDS:
        return ", ".join(_section_title(part) for part in value.split(",") if part)
    if section in ANSWERS:
        return _answer(key, record)
    if section in {"plan_history", "meeting_changes"} and key in {"old_value", "new_value"}:
        return _changed_value(section, record["field"], value)
    return _date(key, value)


def _date(key: str, value: str) -> str:
    try:
        if key.endswith("_at") or key == "at":
            return date_and_time(datetime.fromisoformat(value))
        if key in DATES:
            return short_date(date.fromisoformat(value))
    except ValueError:
        pass
    return value


def _about(about: dict) -> str:
    """What a thread in Beskeder is about, as its own page says it: the title, or the meeting's time."""
    if about["kind"] == "meeting":
        starts_at = about.get("starts_at")
        return _("Mødet %(when)s", when=date_and_time(datetime.fromisoformat(starts_at))) if starts_at else _("Et møde")
    return about.get("title") or str(about["id"])


def _section_title(key: str) -> str:
    found = definition.load().section(key)
    return _(found.title) if found else key


def _answer(key: str, record: dict):
    question = definition.load().question(record.get("question_key") or "")
    if question is None:
        return record[key]
    if key == "question_key":
        return _(question.text)
    if key == "value":
        return presenters.display_value(question, record["value"])
    return _date(key, record[key])


def _changed_value(section: str, field: str | None, value: str) -> str:
    if section == "plan_history":
        return history.shown_value(field, value)
    if field == "status":
        return str(MEETING_STATUSES.get(value, value))
    return meeting_labels.shown_value(field or "", value)
