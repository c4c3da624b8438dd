"""Health check and the account CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from portal.access import Role
from portal.auth.models import AuthSession, User
from portal.db import db
from tests.conftest import make_test_app
from tests.factories import log_in, post_form


def test_healthz_ok_when_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json["database"] == "up"


def test_healthz_503_when_database_is_down(tmp_path):
    # A database file in a folder that does not exist cannot be opened.
    app = make_test_app(f"sqlite:///{tmp_path}/missing/dir/db.sqlite3")
    response = app.test_client().get("/healthz")
    assert response.status_code == 503 and response.json["database"] == "down"


REPO_ROOT = Path(__file__).resolve().parents[2]


def invoke(app, *args, input=None):
    return app.test_cli_runner().invoke(args=list(args), input=input, catch_exceptions=False)


def test_cli_creates_lists_and_deactivates(app, client, session, make_jobcentre):
    jobcentre = make_jobcentre("Jobcenter CLI")
    result = invoke(
        app,
        "users",
        "create",
        "--email",
        "Ny@Example.test",
        "--name",
        "Ny Sagsbehandler",
        "--role",
        "caseworker",
        "--jobcentre",
        "Jobcenter CLI",
        input="a-long-enough-password\na-long-enough-password\n",
    )
    assert result.exit_code == 0, result.output
    user = session.scalar(select(User).where(User.email == "ny@example.test"))
    assert user.role is Role.CASEWORKER and user.jobcentre_id == jobcentre.id
    assert "a-long-enough-password" not in (user.password_hash or "")

    listing = invoke(app, "users", "list")
    assert "ny@example.test" in listing.output and "Jobcenter CLI" in listing.output

    assert log_in(client, "ny@example.test", "a-long-enough-password").status_code == 302
    result = invoke(app, "users", "deactivate", "ny@example.test")
    assert "ended 1 session" in result.output
    assert client.get("/").status_code == 302, "the live session is gone"
    session.expire_all()
    assert session.scalar(select(AuthSession.end_reason).where(AuthSession.user_id == user.id)) == "deactivated"


def test_cli_refuses_short_password_and_unknown_jobcentre(app):
    short = invoke(
        app,
        "users",
        "create",
        "--email",
        "a@example.test",
        "--name",
        "A",
        "--role",
        "citizen",
        "--jobcentre",
        "Nowhere",
        input="short\nshort\n",
    )
    assert short.exit_code != 0 and "at least 12" in short.output
    unknown = invoke(
        app,
        "users",
        "create",
        "--email",
        "a@example.test",
        "--name",
        "A",
        "--role",
        "citizen",
        "--jobcentre",
        "Nowhere",
        input="a-long-enough-password\na-long-enough-password\n",
    )
    assert unknown.exit_code != 0 and "no jobcentre" in unknown.output


def test_the_flask_command_offers_demo_seed_and_scale_from_outside_the_portal(tmp_path):
    """`flask --app wsgi demo ...` comes in through the flask.commands entry point: the portal
    package never imports the demo data, yet `make run` seeds with it."""
    flask = Path(sys.executable).with_name("flask")
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}"}
    result = subprocess.run(
        [str(flask), "--app", "wsgi", "demo", "--help"], cwd=REPO_ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "seed" in result.stdout and "scale" in result.stdout


def test_the_running_portal_loads_no_demo_data():
    code = "import sys; from portal import create_app; create_app(); print(' '.join(sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, check=True)
    loaded = result.stdout.split()
    assert "portal.cli" in loaded
    assert not [name for name in loaded if name.startswith("demodata")]


def test_demo_seed_creates_the_documented_accounts(app, session):
    from demodata import seed as demo

    with app.app_context():
        demo.seed()
        emails = set(db.session.scalars(select(User.email).where(User.email.like("%@demo.dk"))))
    assert {"citizen@demo.dk", "citizen2@demo.dk", "caseworker@demo.dk", "caseworker2@demo.dk"} <= emails
    assert len(emails) >= 24


def test_demo_accounts_log_in_with_demo_password(app, client):
    from demodata import seed as demo

    with app.app_context():
        demo.seed()
    for email in ("citizen@demo.dk", "citizen2@demo.dk", "caseworker@demo.dk", "caseworker2@demo.dk"):
        response = log_in(client, email, "demo-password")
        assert response.status_code == 302 and response.headers["Location"] == "/"
        assert client.get("/", follow_redirects=True).status_code == 200
        post_form(client, "/logout")


def test_db_upgrade_works_on_a_fresh_clone_without_instance_folder(tmp_path, monkeypatch):
    from portal import create_app

    instance = tmp_path / "instance"
    app = create_app({"DATABASE_URL": f"sqlite:///{instance / 'portal.sqlite3'}", "SECRET_KEY": "t" * 40})
    app.instance_path = str(instance)
    result = app.test_cli_runner().invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert (instance / "portal.sqlite3").exists()
