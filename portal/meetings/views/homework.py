"""The citizen's homework: open tasks first by due date, each with why, and ticking off with a note."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user

from portal import access
from portal.clock import local_today
from portal.forms import form_shown, save_or_clash
from portal.i18n import gettext as _
from portal.locking import StaleVersion
from portal.meetings import forms, queries, services
from portal.meetings import scopes as meeting_scopes

bp = Blueprint("homework", __name__, url_prefix="/homework")


@bp.get("/")
def index():
    tasks = queries.homework_for(access.own_citizen(current_user))
    return render_template("meetings/homework.html", tasks=tasks, today=local_today())


@bp.route("/<int:homework_id>", methods=["GET", "POST"])
def item(homework_id: int):
    citizen = access.own_citizen(current_user)
    task = meeting_scopes.homework_of(citizen, homework_id)
    form = form_shown(forms.HomeworkDoneForm, lambda: forms.HomeworkDoneForm.from_record(task))
    differences = None
    if form.validate_on_submit():
        differences = save_or_clash(
            form,
            lambda: services.mark_homework_done(task, citizen, form.note.data or None, form.version.data),
            lambda: forms.HomeworkDoneForm.from_record(task),
        )
        if differences is None:
            flash(_("Godt gået! Opgaven er markeret som gjort, og din sagsbehandler kan se det."), "success")
            return redirect(url_for(".index"))
    meeting = meeting_scopes.meeting_of(citizen, task.meeting_id) if task.meeting_id else None
    return render_template(
        "meetings/homework_item.html",
        task=task,
        form=form,
        differences=differences,
        meeting=meeting,
        reopen_form=forms.HomeworkReopenForm(version=task.version),
        today=local_today(),
    )


@bp.post("/<int:homework_id>/reopen")
def reopen(homework_id: int):
    citizen = access.own_citizen(current_user)
    task = meeting_scopes.homework_of(citizen, homework_id)
    form = forms.HomeworkReopenForm()
    if task.is_done and form.validate():
        try:
            services.reopen_homework(task, citizen, form.version.data)
        except StaleVersion:
            flash(_("Opgaven blev ændret, mens du kiggede på den. Se den nye udgave herunder."), "warning")
        else:
            flash(_("Opgaven er åben igen."), "success")
    return redirect(url_for(".item", homework_id=task.id))
