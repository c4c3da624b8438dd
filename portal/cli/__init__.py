"""The command line, `flask --app wsgi <group> <command>`: an entry point beside the views, so it may
use every feature and no feature uses it. `demo seed|scale` come from the demodata package through
the `flask.commands` entry point (pyproject.toml)."""

from __future__ import annotations

from flask import Flask

from portal.cli.accounts import users_cli
from portal.cli.audit import audit_cli
from portal.cli.database import db_cli
from portal.cli.jobs import joblog_cli, reminders_cli
from portal.cli.organisation import caseload_cli, jobcentres_cli
from portal.cli.retention import retention_cli


def init_app(app: Flask) -> None:
    for group in (db_cli, users_cli, reminders_cli, joblog_cli, jobcentres_cli, caseload_cli, audit_cli, retention_cli):
        app.cli.add_command(group)
