"""The citizen's meetings: upcoming and past, one page each with what to prepare and what was
agreed, a calendar file, "Jeg kan ikke komme", "Jeg har brug for en tolk", and a comment on the
published summary."""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from portal import access, urls
from portal.clock import local_today
from portal.forms import form_shown, save_or_clash
from portal.i18n import gettext as _
from portal.locking import StaleVersion
from portal.meetings import calendar, forms, interpreters, labels, progression, queries, services
from portal.meetings import scopes as meeting_scopes
from portal.questionnaire import queries as questionnaires

bp = Blueprint("meetings", __name__, url_prefix="/meetings")
# Meeting and homework texts a caseworker saved, in the reader's language where they are standard.
bp.add_app_template_global(progression.as_read, "as_read")


@bp.app_context_processor
def meeting_words():
    return {"meeting_labels": labels}


# A global, not a context variable: the macros that show an interpreter are imported without context.
bp.record_once(lambda setup: setup.app.jinja_env.globals.update(interpreters=interpreters))


@bp.get("/")
def index():
    upcoming, past = queries.split_upcoming(queries.all_for_citizen(access.own_citizen(current_user)))
    return render_template("meetings/index.html", upcoming=upcoming, past=past)


@bp.route("/<int:meeting_id>", methods=["GET", "POST"])
def meeting(meeting_id: int):
    citizen = access.own_citizen(current_user)
    found = meeting_scopes.meeting_of(citizen, meeting_id)
    form = form_shown(forms.SummaryCommentForm)
    if request.method == "POST":
        if found.summary_published_at is None:
            abort(404)
        if form.validate_on_submit():
            services.comment_on_summary(found, citizen, form.text.data)
            flash(_("Din kommentar er sendt til din sagsbehandler."), "success")
            return redirect(url_for(".meeting", meeting_id=found.id, _anchor="summary-heading"))
    next_meeting = queries.next_for_citizen(citizen)
    preparation = None
    if next_meeting is not None and next_meeting.id == found.id:
        preparation = questionnaires.progress(questionnaires.for_meeting(citizen, found.id), found.kind.value)
    return render_template(
        "meetings/meeting.html",
        meeting=found,
        form=form,
        preparation=preparation,
        upcoming=queries.is_upcoming(found),
        can_report_absence=services.can_report_absence(found),
        can_ask_for_interpreter=interpreters.open_for_change(found),
        changes=queries.changes_for(found),
        comments=queries.comments_for(found),
        homework=queries.homework_of_meeting(found),
        today=local_today(),
    )


@bp.get("/<int:meeting_id>/calendar.ics")
def calendar_file(meeting_id: int):
    found = meeting_scopes.own_meeting(current_user, meeting_id)
    config = current_app.config
    page_url = urls.public_url(config, url_for(".meeting", meeting_id=found.id))
    # From BASE_URL, as the cancellation mail's file is: the same UID, so one replaces the other.
    body = calendar.meeting_ics(found, page_url, urls.public_host(config), organizer_email=config["SUPPORT_EMAIL"])
    return Response(
        body,
        mimetype="text/calendar",
        headers={"Content-Disposition": f'attachment; filename="mode-{found.starts_at:%Y-%m-%d}.ics"'},
    )


@bp.route("/<int:meeting_id>/absence", methods=["GET", "POST"])
def absence(meeting_id: int):
    found = meeting_scopes.own_meeting(current_user, meeting_id)
    if not services.can_report_absence(found):
        flash(_("Mødet er ikke længere i kalenderen, så du kan ikke melde afbud her. Ring til jobcentret."), "info")
        return redirect(url_for(".meeting", meeting_id=found.id))
    form = form_shown(forms.AbsenceForm, lambda: forms.AbsenceForm.from_record(found))
    differences = None
    if form.validate_on_submit():
        differences = save_or_clash(
            form,
            lambda: services.report_absence(found, current_user, form.reason.data, form.version.data),
            lambda: forms.AbsenceForm.from_record(found),
        )
        if differences is None:
            flash(_("Tak. Din sagsbehandler kan se, at du ikke kan komme, og kontakter dig om en ny tid."), "success")
            return redirect(url_for(".meeting", meeting_id=found.id))
    return render_template("meetings/absence.html", meeting=found, form=form, differences=differences)


@bp.route("/<int:meeting_id>/interpreter", methods=["GET", "POST"])
def interpreter(meeting_id: int):
    citizen = access.own_citizen(current_user)
    found = meeting_scopes.meeting_of(citizen, meeting_id)
    if not interpreters.open_for_change(found):
        flash(
            _("Mødet er begyndt eller aflyst, så du kan ikke ændre dit ønske om tolk her. Ring til jobcentret."), "info"
        )
        return redirect(url_for(".meeting", meeting_id=found.id))
    form = form_shown(forms.InterpreterForm, lambda: forms.InterpreterForm.from_record(found))
    differences = None
    if form.validate_on_submit():
        differences = save_or_clash(
            form,
            lambda: services.request_interpreter(
                found, citizen, form.language.data, form.other_language.data or None, form.version.data
            ),
            lambda: forms.InterpreterForm.from_record(found),
        )
        if differences is None:
            flash(_("Tak. Din sagsbehandler bestiller en tolk. Du kan se her, når tolken er bestilt."), "success")
            return redirect(url_for(".meeting", meeting_id=found.id, _anchor="interpreter-heading"))
    return render_template(
        "meetings/interpreter.html",
        meeting=found,
        form=form,
        differences=differences,
        withdraw_form=forms.InterpreterWithdrawForm(formdata=None, version=str(found.version)),
    )


@bp.post("/<int:meeting_id>/interpreter/withdraw")
def withdraw_interpreter(meeting_id: int):
    citizen = access.own_citizen(current_user)
    found = meeting_scopes.meeting_of(citizen, meeting_id)
    form = forms.InterpreterWithdrawForm()
    if interpreters.open_for_change(found) and found.interpreter_language is not None and form.validate():
        try:
            services.withdraw_interpreter(found, citizen, form.version.data)
        except StaleVersion:
            flash(_("Dit ønske om tolk blev ændret, mens du kiggede på det. Se det, der er gemt nu."), "warning")
            return redirect(url_for(".interpreter", meeting_id=found.id))
        flash(_("Dit ønske om tolk er fjernet. Din sagsbehandler kan se det."), "success")
    return redirect(url_for(".meeting", meeting_id=found.id, _anchor="interpreter-heading"))
