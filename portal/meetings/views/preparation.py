"""Preparing for the next meeting: the citizen fills in the questionnaire, one section per step."""

from __future__ import annotations

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user

from portal import access
from portal.forms import Difference, recovered_input, show_saved_if_kept
from portal.i18n import clock
from portal.i18n import gettext as _
from portal.meetings import queries as meetings
from portal.meetings import scopes as meeting_scopes
from portal.questionnaire import presenters, queries, services
from portal.questionnaire.forms import cleaned_answers, section_form
from portal.questionnaire.models import Status

bp = Blueprint("questionnaire", __name__, url_prefix="/questionnaire")


@bp.get("/")
def index():
    """Start page, or straight back to where the citizen left off."""
    meeting = meetings.next_for_citizen(access.own_citizen(current_user))
    if meeting is None:
        return render_template("questionnaire/no_meeting.html")
    questionnaire = queries.for_meeting(current_user, meeting.id)
    if questionnaire is None:
        return render_template(
            "questionnaire/start.html", meeting=meeting, steps=queries.steps_for_kind(meeting.kind.value)
        )
    section = queries.next_step(questionnaire)
    if section is None or questionnaire.status is Status.SENT:
        return redirect(url_for(".check", meeting_id=meeting.id))
    return redirect(url_for(".step", meeting_id=meeting.id, section_key=section.key))


@bp.post("/<int:meeting_id>/start")
def begin(meeting_id: int):
    meeting = meeting_scopes.own_meeting(current_user, meeting_id)
    if not meetings.open_for_preparation(meeting):
        return redirect(url_for(".index"))  # that meeting has begun: nothing left to prepare
    questionnaire = queries.for_meeting(current_user, meeting.id) or services.start(
        current_user, meeting.id, meeting.kind.value
    )
    first = queries.next_step(questionnaire) or queries.steps(questionnaire)[0]
    return redirect(url_for(".step", meeting_id=meeting.id, section_key=first.key))


class NotStarted(Exception):
    """The citizen's own meeting has no questionnaire yet: the start page explains."""


def _load(meeting_id: int):
    meeting = meeting_scopes.own_meeting(current_user, meeting_id)
    questionnaire = queries.for_meeting(current_user, meeting.id)
    if questionnaire is None:
        raise NotStarted
    return meeting, questionnaire


@bp.errorhandler(NotStarted)
def not_started(_error):
    return redirect(url_for(".index"))


@bp.route("/<int:meeting_id>/<section_key>", methods=["GET", "POST"])
def step(meeting_id: int, section_key: str):
    meeting, questionnaire = _load(meeting_id)
    sections = queries.steps(questionnaire)
    section = next((s for s in sections if s.key == section_key), None)
    if section is None:
        abort(404)
    if (elsewhere := _not_open(meeting, questionnaire, section)) is not None:
        return elsewhere
    open_homework = meetings.has_open_homework(questionnaire.citizen_id)
    questions = queries.visible_questions(questionnaire, section, open_homework=open_homework)
    action = request.form.get("action", "next")
    form = _section_form_shown(questionnaire, section, questions, action)
    if action == "autosave" and request.method == "POST":
        return _autosave(questionnaire, section, questions, form)
    differences = None
    if request.method == "POST" and form.validate():
        show_saved_if_kept(form)
        result = services.save_section(
            questionnaire,
            section,
            cleaned_answers(form, questions),
            shown_version=_int(form.version.data),
            actor=current_user,
            advance=action == "next",
        )
        if result.saved:
            return _after_save(meeting, questionnaire, section, sections, action, result.section_grew)
        differences = _clashes(result.conflicts)
        form.show_clash(str(questionnaire.version))
    index = sections.index(section)
    return render_template(
        "questionnaire/step.html",
        meeting=meeting,
        questionnaire=questionnaire,
        section=section,
        form=form,
        questions=questions,
        number=index + 1,
        total=len(sections),
        differences=differences,
        step_links=_step_links(meeting.id, questionnaire, sections),
        previous=sections[index - 1] if index else None,
    )


def _not_open(meeting, questionnaire, section):
    """Where to go instead of a step the citizen may not open yet, or of any step once the meeting
    no longer takes preparation; None when the step is open."""
    if not queries.may_open(questionnaire, section):
        first_open = queries.next_step(questionnaire)
        if first_open is None:
            return redirect(url_for(".check", meeting_id=meeting.id))
        return redirect(url_for(".step", meeting_id=meeting.id, section_key=first_open.key))
    if not meetings.open_for_preparation(meeting):
        return redirect(url_for(".check", meeting_id=meeting.id))
    return None


def _section_form_shown(questionnaire, section, questions, action):
    """The step's form: what was posted, else what the citizen typed before being logged off, else
    the saved answers with the version they belong to."""
    if request.method == "POST":
        return section_form(section, questions, enforce_required=action == "next", formdata=request.form)
    # Shown, not yet saved: the citizen checks it and saves (a step has several buttons).
    notice = _(
        "Du blev logget af, mens du skrev. Vi har hentet det, du skrev. "
        "Tjek det, og tryk så på en af knapperne for at gemme."
    )
    if (recovered := recovered_input(notice)) is not None:
        return section_form(section, questions, enforce_required=False, formdata=recovered)
    form = section_form(
        section,
        questions,
        enforce_required=False,
        data=presenters.form_data(questions, queries.answers_of(questionnaire)),
    )
    form.version.data = str(questionnaire.version)
    return form


def _clashes(conflicts) -> list[Difference]:
    """Answers merge one by one: only those saved elsewhere since this page was shown clash."""
    return [
        Difference(
            _(c.question.text),
            presenters.display_value(c.question, c.saved_value) or "",
            presenters.display_value(c.question, c.submitted_value) or "",
        )
        for c in conflicts
    ]


def _autosave(questionnaire, section, questions, form):
    """The script's background save: JSON back, nothing marked as done, no page change."""
    if not form.validate():
        return jsonify(status="invalid", errors=dict(form.errors.items())), 422
    result = services.save_section(
        questionnaire,
        section,
        cleaned_answers(form, questions),
        shown_version=_int(form.version.data),
        actor=current_user,
        advance=False,
    )
    if not result.saved:
        return jsonify(
            status="conflict", message=_("Dine svar er ændret et andet sted. Tryk på Næste for at se forskellen.")
        ), 409
    return jsonify(
        status="saved",
        version=questionnaire.version,
        message=_("Gemt kl. %(time)s", time=clock(questionnaire.updated_at)),
    )


def _after_save(meeting, questionnaire, section, sections, action, section_grew):
    if action == "save":
        flash(_("Dine svar er gemt. Du kan fortsætte, når det passer dig."), "success")
        return redirect(url_for("overview.index"))
    index = sections.index(section)
    if action == "back":
        target = sections[index - 1] if index else None
        return redirect(
            url_for(".step", meeting_id=meeting.id, section_key=target.key) if target else url_for("overview.index")
        )
    if section_grew:
        flash(_("Tak. Nu kan du svare på spørgsmålene herunder, hvis du vil."), "info")
        return redirect(url_for(".step", meeting_id=meeting.id, section_key=section.key))
    following = queries.next_step(questionnaire)
    if following is None or questionnaire.status is Status.SENT:
        return redirect(url_for(".check", meeting_id=meeting.id))
    return redirect(url_for(".step", meeting_id=meeting.id, section_key=following.key))


def _step_links(meeting_id, questionnaire, sections):
    return [
        (
            _(s.title),
            url_for(".step", meeting_id=meeting_id, section_key=s.key) if queries.may_open(questionnaire, s) else None,
        )
        for s in sections
    ]


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@bp.route("/<int:meeting_id>/check", methods=["GET", "POST"])
def check(meeting_id: int):
    """ "Tjek dine svar": every answer with a change link, then send."""
    meeting, questionnaire = _load(meeting_id)
    if queries.next_step(questionnaire) is not None and questionnaire.status is not Status.SENT:
        return redirect(url_for(".index"))
    editable = meetings.open_for_preparation(meeting)
    open_homework = meetings.has_open_homework(questionnaire.citizen_id)
    missing = []
    if request.method == "POST":
        if not editable:
            flash(_("Mødet er begyndt, så svarene kan ikke ændres længere."), "info")
            return redirect(url_for(".check", meeting_id=meeting.id))
        missing = services.send(questionnaire, current_user, open_homework=open_homework)
        if not missing:
            return redirect(url_for(".receipt", meeting_id=meeting.id))
    answers = queries.answers_of(questionnaire)
    sections = [
        (s, queries.visible_questions(questionnaire, s, open_homework=open_homework))
        for s in queries.steps(questionnaire)
    ]
    return render_template(
        "questionnaire/check.html",
        meeting=meeting,
        questionnaire=questionnaire,
        summaries=presenters.summarise(sections, answers),
        editable=editable,
        missing=missing,
    )


@bp.get("/<int:meeting_id>/receipt")
def receipt(meeting_id: int):
    meeting, questionnaire = _load(meeting_id)
    if questionnaire.status is not Status.SENT:
        return redirect(url_for(".check", meeting_id=meeting.id))
    return render_template("questionnaire/receipt.html", meeting=meeting, questionnaire=questionnaire)
