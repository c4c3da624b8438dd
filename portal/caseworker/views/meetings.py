"""The caseworker's meetings with a citizen: plan from the progression's templates, change, cancel,
read what the citizen said, confirm the interpreter they asked for, write the summary with homework
and agreements, mark homework seen."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from portal.caseworker import services as reads
from portal.caseworker.forms import meetings as forms
from portal.clock import local_today, utcnow
from portal.forms import ConfirmForm, VersionedButton, save_or_clash
from portal.i18n import gettext as _
from portal.meetings import queries as meetings
from portal.meetings import scopes as meeting_scopes
from portal.meetings import services
from portal.meetings.models import Channel, MeetingKind
from portal.meetings.progression import STEPS
from portal.organisation import scopes as caseload_scope

bp = Blueprint("caseworker_meetings", __name__, url_prefix="/caseworker/citizens/<int:citizen_id>/meetings")


def _audit_read(citizen, action: str, **detail) -> None:
    """A page that shows the citizen's data is a read of it, whether it is shown the first time or
    again after a save that failed: every render_template below is preceded by one."""
    reads.record_read(current_user, action, citizen, **detail)


@bp.route("/new", methods=["GET", "POST"])
def new(citizen_id: int):
    citizen = caseload_scope.citizen_for_caseworker(current_user, citizen_id)
    if request.method == "GET":
        kind = (
            MeetingKind(request.args["kind"]) if request.args.get("kind") in set(MeetingKind) else MeetingKind.FOLLOW_UP
        )
        step = STEPS[kind]
        form = forms.MeetingForm(
            data={
                "kind": kind.value,
                "channel": Channel.IN_PERSON.value,
                "duration_minutes": "45",
                "purpose": str(step.purpose),
                "agenda": step.agenda_text(),
                "preparation": str(step.preparation),
            }
        )
    else:
        form = forms.MeetingForm()
    if form.validate_on_submit():
        meeting = services.save_meeting(citizen, None, form.values(), current_user, None)
        flash(_("Mødet er planlagt, og borgeren kan se det i Min Plan."), "success")
        return redirect(url_for(".meeting", citizen_id=citizen.id, meeting_id=meeting.id))
    _audit_read(citizen, "caseworker.meeting.form_viewed", form="new")
    return render_template(
        "caseworker/meeting_form.html", citizen=citizen, form=form, meeting=None, differences=None, steps=STEPS
    )


@bp.get("/<int:meeting_id>")
def meeting(citizen_id: int, meeting_id: int):
    citizen = caseload_scope.citizen_for_caseworker(current_user, citizen_id)
    found = meeting_scopes.meeting_of(citizen, meeting_id)
    comments = meetings.comments_for(found)
    unseen_absence = found.absence_reported_at is not None and found.absence_seen_at is None
    _audit_read(citizen, "caseworker.meeting.viewed", meeting_id=found.id)
    return render_template(
        "caseworker/meeting.html",
        citizen=citizen,
        meeting=found,
        comments=comments,
        unseen_absence=unseen_absence,
        unseen_comments=any(comment.seen_at is None and comment.author_id != current_user.id for comment in comments),
        confirm_form=ConfirmForm(),
        changes=meetings.changes_for(found),
        homework=meetings.homework_of_meeting(found),
        today=local_today(),
        seen_form=forms.HomeworkSeenForm(),
        upcoming=meetings.is_upcoming(found),
        interpreter_form=VersionedButton(formdata=None, version=str(found.version)),
        # A booking to cancel may follow a cancelled meeting: the buttons stay until its time.
        interpreter_can_act=found.starts_at > utcnow(),
    )


@bp.route("/<int:meeting_id>/edit", methods=["GET", "POST"])
def edit(citizen_id: int, meeting_id: int):
    citizen = caseload_scope.citizen_for_caseworker(current_user, citizen_id)
    found = meeting_scopes.meeting_of(citizen, meeting_id)
    form = forms.MeetingForm.from_record(found) if request.method == "GET" else forms.MeetingForm()
    differences = None
    if form.validate_on_submit():
        differences = save_or_clash(
            form,
            lambda: services.save_meeting(citizen, found, form.values(), current_user, form.version.data),
            lambda: forms.MeetingForm.from_record(found),
        )
        if differences is None:
            flash(_("Mødet er gemt. Borgeren kan se ændringerne."), "success")
            return redirect(url_for(".meeting", citizen_id=citizen.id, meeting_id=found.id))
    _audit_read(citizen, "caseworker.meeting.form_viewed", meeting_id=found.id, form="edit")
    return render_template(
        "caseworker/meeting_form.html", citizen=citizen, form=form, meeting=found, differences=differences, steps={}
    )


@bp.route("/<int:meeting_id>/cancel", methods=["GET", "POST"])
def cancel(citizen_id: int, meeting_id: int):
    citizen = caseload_scope.citizen_for_caseworker(current_user, citizen_id)
    found = meeting_scopes.meeting_of(citizen, meeting_id)
    if found.is_cancelled:
        return redirect(url_for(".meeting", citizen_id=citizen.id, meeting_id=found.id))
    form = forms.CancelMeetingForm() if request.method == "POST" else forms.CancelMeetingForm.from_record(found)
    differences = None
    if form.validate_on_submit():
        differences = save_or_clash(
            form,
            lambda: services.cancel_meeting(found, current_user, form.reason.data, form.version.data),
            lambda: forms.CancelMeetingForm.from_record(found),
        )
        if differences is None:
            flash(_("Mødet er aflyst. Borgeren kan se det og begrundelsen."), "success")
            return redirect(url_for(".meeting", citizen_id=citizen.id, meeting_id=found.id))
    _audit_read(citizen, "caseworker.meeting.form_viewed", meeting_id=found.id, form="cancel")
    return render_template(
        "caseworker/meeting_cancel.html", citizen=citizen, meeting=found, form=form, differences=differences
    )


@bp.route("/<int:meeting_id>/summary", methods=["GET", "POST"])
def summary(citizen_id: int, meeting_id: int):
    citizen = caseload_scope.citizen_for_caseworker(current_user, citizen_id)
    found = meeting_scopes.meeting_of(citizen, meeting_id)
    homework = meetings.homework_of_meeting(found)
    if request.method == "GET":
        step = STEPS[found.kind]
        suggestion = None if homework else (str(step.homework_title), str(step.homework_why))
        form = forms.SummaryForm.from_record(found, suggestion)
    else:
        form = forms.SummaryForm()
    differences = None
    if form.validate_on_submit():
        differences = save_or_clash(
            form,
            lambda: services.write_summary(
                found,
                current_user,
                form.summary.data or None,
                form.publish.data,
                form.version.data,
                homework=form.new_homework(),
                agreements=form.new_agreements(),
            ),
            lambda: forms.SummaryForm.from_record(found),
        )
        if differences is None:
            flash(
                _("Referatet er gemt, og borgeren kan læse det.")
                if form.publish.data
                else _("Referatet er gemt. Det er ikke delt med borgeren endnu."),
                "success",
            )
            return redirect(url_for(".meeting", citizen_id=citizen.id, meeting_id=found.id))
    _audit_read(citizen, "caseworker.meeting.form_viewed", meeting_id=found.id, form="summary")
    return render_template(
        "caseworker/meeting_summary_form.html",
        citizen=citizen,
        meeting=found,
        form=form,
        differences=differences,
        homework=homework,
    )


@bp.post("/<int:meeting_id>/absence/seen")
def absence_seen(citizen_id: int, meeting_id: int):
    citizen = caseload_scope.citizen_for_caseworker(current_user, citizen_id)
    found = meeting_scopes.meeting_of(citizen, meeting_id)
    if ConfirmForm().validate_on_submit():
        services.mark_absence_seen(found, current_user)
        flash(_("Markeret som set. Borgeren kan se, at du har set afbuddet."), "success")
    return redirect(url_for(".meeting", citizen_id=citizen.id, meeting_id=found.id))


@bp.post("/<int:meeting_id>/comments/seen")
def comments_seen(citizen_id: int, meeting_id: int):
    citizen = caseload_scope.citizen_for_caseworker(current_user, citizen_id)
    found = meeting_scopes.meeting_of(citizen, meeting_id)
    if ConfirmForm().validate_on_submit():
        services.mark_comments_seen(found, current_user)
        flash(_("Markeret som læst. Borgeren kan se, at du har læst kommentarerne."), "success")
    return redirect(url_for(".meeting", citizen_id=citizen.id, meeting_id=found.id, _anchor="comments-heading"))


@bp.post("/homework/<int:homework_id>/seen")
def homework_seen(citizen_id: int, homework_id: int):
    citizen = caseload_scope.citizen_for_caseworker(current_user, citizen_id)
    task = meeting_scopes.homework_of(citizen, homework_id)
    form = forms.HomeworkSeenForm()
    if form.validate() and task.is_done and task.seen_at is None:
        services.mark_homework_seen(task, current_user)
        flash(_("Markeret som set. Borgeren kan se, at du har set opgaven."), "success")
    target = (
        url_for(".meeting", citizen_id=citizen.id, meeting_id=task.meeting_id)
        if task.meeting_id
        else url_for("caseworker.citizen", citizen_id=citizen.id)
    )
    return redirect(target)


@bp.post("/<int:meeting_id>/interpreter/booked")
def interpreter_booked(citizen_id: int, meeting_id: int):
    citizen, found, recorded = _interpreter_pressed(citizen_id, meeting_id, services.confirm_interpreter)
    if recorded:
        flash(_("Markeret som bestilt. Borgeren kan se, at der er bestilt en tolk."), "success")
    return redirect(url_for(".meeting", citizen_id=citizen.id, meeting_id=found.id, _anchor="interpreter-heading"))


@bp.post("/<int:meeting_id>/interpreter/cancelled")
def interpreter_cancelled(citizen_id: int, meeting_id: int):
    citizen, found, recorded = _interpreter_pressed(citizen_id, meeting_id, services.confirm_interpreter_cancelled)
    if recorded:
        flash(_("Markeret som afbestilt."), "success")
    return redirect(url_for(".meeting", citizen_id=citizen.id, meeting_id=found.id, _anchor="interpreter-heading"))


def _interpreter_pressed(citizen_id: int, meeting_id: int, record):
    """ "Tolk er bestilt" and "Tolken er afbestilt": recorded unless the page pressed is out of date,
    which the caseworker is told."""
    citizen = caseload_scope.citizen_for_caseworker(current_user, citizen_id)
    found = meeting_scopes.meeting_of(citizen, meeting_id)
    form = VersionedButton()
    sent = form.validate()
    recorded = sent and record(found, current_user, form.version.data)
    if sent and not recorded:
        flash(
            _("Mødet eller borgerens ønske om tolk er ændret, siden du åbnede siden. Se det nye herunder."),
            "warning",
        )
    return citizen, found, recorded
