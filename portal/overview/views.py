"""The citizen's front page: greeting and the next meeting. Caseworkers land on their caseload."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user

from portal import access
from portal.access import Role
from portal.clock import local_today
from portal.forms import ConfirmForm
from portal.joblog import queries as joblog
from portal.joblog.progress import REMINDER_AFTER_DAYS
from portal.meetings import queries as meetings
from portal.messages import queries as messages
from portal.organisation import queries as assignments
from portal.plan import queries as plans
from portal.questionnaire import queries as questionnaires

bp = Blueprint("overview", __name__)


@bp.get("/")
def index():
    if current_user.role is Role.CASEWORKER:
        return redirect(url_for("caseworker.caseload"))
    if current_user.role is Role.ADMIN:
        return render_template("overview/admin.html")
    if current_user.role is Role.AUDITOR:
        return render_template("overview/auditor.html")
    citizen = access.own_citizen(current_user)
    next_meeting = meetings.next_for_citizen(citizen)
    preparation = None
    if next_meeting is not None:
        preparation = questionnaires.progress(
            questionnaires.for_meeting(citizen, next_meeting.id), next_meeting.kind.value
        )
    plan = plans.plan_for(citizen)
    plan_page = plans.plan_page(plan) if plan is not None else None
    tasks = meetings.homework_for(citizen)
    joblog_progress, quiet_days = joblog.progress_and_quiet_days(
        citizen, local_today(), joblog.requirement_among(plan_page.items) if plan_page else None
    )
    return render_template(
        "overview/index.html",
        plan_page=plan_page,
        next_meeting=next_meeting,
        preparation=preparation,
        assignment=assignments.current_of(citizen),
        confirm_form=ConfirmForm(),
        open_tasks=[task for task in tasks if not task.is_done],
        today=local_today(),
        joblog_progress=joblog_progress,
        joblog_quiet=quiet_days is None or quiet_days >= REMINDER_AFTER_DAYS,
        message_news=messages.news_for(citizen),
    )
