"""The citizen's joblog: add an entry in under a minute, the list with filters and search, edit,
delete with undo, progress against the agreed requirement, CSV export and a print view."""

from __future__ import annotations

from flask import Blueprint, Response, flash, redirect, render_template, request, stream_with_context, url_for
from flask_login import current_user

from portal import access
from portal.clock import local_today
from portal.forms import date_for_input, form_shown, save_or_clash
from portal.i18n import gettext as _
from portal.joblog import export, forms, labels, queries, scopes, services
from portal.locking import StaleVersion
from portal.urls import parse_id

bp = Blueprint("joblog", __name__, url_prefix="/joblog")


@bp.record_once
def register_labels(state):
    # A global, not a context processor: the progress macros are imported without context.
    state.app.jinja_env.globals["joblog_labels"] = labels


@bp.get("/")
def index():
    citizen = access.own_citizen(current_user)
    filter_form, filters = forms.read_filters(request.args)
    listing = queries.page(citizen, filters, queries.Cursor.parse(request.args.get("after")))
    deleted_id = parse_id(request.args.get("deleted"))
    just_deleted = None  # the entry just deleted, offered back with "Fortryd"
    if deleted_id is not None:
        just_deleted = scopes.find_entry(citizen, deleted_id, deleted=True)
    return render_template(
        "joblog/index.html",
        listing=listing,
        filter_form=filter_form,
        filters=filters,
        progress=queries.progress_of(citizen, local_today()),
        just_deleted=just_deleted,
        restore_form=forms.RestoreForm(),
        page_args=_page_args(),
    )


def _page_args() -> dict:
    return forms.filter_args(request.args)


@bp.route("/new", methods=["GET", "POST"])
def new():
    citizen = access.own_citizen(current_user)
    form = form_shown(forms.EntryForm, lambda: forms.EntryForm(applied_on=date_for_input(local_today())))
    if form.validate_on_submit():
        services.add(citizen, form.values())
        # Flashes travel in the readable cookie: no job title or employer in them.
        flash(_("Indførslen er gemt i din joblog."), "success")
        if request.form.get("another"):
            return redirect(url_for(".new"))
        return redirect(url_for(".index"))
    return render_template("joblog/form.html", form=form, entry=None, differences=None)


@bp.route("/<int:entry_id>", methods=["GET", "POST"])
def edit(entry_id: int):
    citizen = access.own_citizen(current_user)
    entry = scopes.entry_of(citizen, entry_id)
    form = form_shown(forms.EntryForm, lambda: forms.EntryForm.from_record(entry))
    differences = None
    if form.validate_on_submit():
        differences = save_or_clash(
            form,
            lambda: services.change(entry, citizen, form.values(), form.version.data),
            lambda: forms.EntryForm.from_record(entry),
        )
        if differences is None:
            flash(_("Indførslen er gemt i din joblog."), "success")
            return redirect(url_for(".index"))
    return render_template(
        "joblog/form.html",
        form=form,
        entry=entry,
        differences=differences,
        delete_form=forms.DeleteForm(version=entry.version),
    )


@bp.post("/<int:entry_id>/delete")
def remove(entry_id: int):
    citizen = access.own_citizen(current_user)
    entry = scopes.entry_of(citizen, entry_id)
    form = forms.DeleteForm()
    if not form.validate():
        return redirect(url_for(".edit", entry_id=entry.id))
    try:
        services.remove(entry, citizen, form.version.data)
    except StaleVersion:
        flash(_("Indførslen blev ændret et andet sted, så den er ikke slettet. Se den nye udgave herunder."), "warning")
        return redirect(url_for(".edit", entry_id=entry.id))
    return redirect(url_for(".index", deleted=entry.id))


@bp.post("/<int:entry_id>/restore")
def restore(entry_id: int):
    citizen = access.own_citizen(current_user)
    entry = scopes.entry_of(citizen, entry_id, deleted=True)
    if forms.RestoreForm().validate():
        services.restore(entry, citizen)
        flash(_("Indførslen er tilbage i din joblog."), "success")
    return redirect(url_for(".index"))


@bp.get("/deleted")
def deleted():
    citizen = access.own_citizen(current_user)
    return render_template(
        "joblog/deleted.html", entries=queries.recently_deleted(citizen), restore_form=forms.RestoreForm()
    )


@bp.get("/export.csv")
def export_csv():
    citizen = access.own_citizen(current_user)
    _form, filters = forms.read_filters(request.args)
    name = export.filename(filters.start, filters.end)
    # Read before streaming (the database session ends with the view); labels are translated while
    # the file streams, so the request context stays with it.
    entries = list(queries.all_filtered(citizen, filters))
    return Response(
        stream_with_context(export.csv_chunks(entries)),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@bp.get("/print")
def print_view():
    citizen = access.own_citizen(current_user)
    _form, filters = forms.read_filters(request.args)
    return render_template(
        "joblog/print.html",
        citizen=citizen,
        filters=filters,
        entries=list(queries.all_filtered(citizen, filters)),
        today=local_today(),
    )
