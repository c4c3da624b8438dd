"""`flask --app wsgi users create|deactivate|list`: accounts."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from portal.access import Role
from portal.auth import services as accounts
from portal.auth.passwords import MIN_LENGTH
from portal.organisation import services as organisation

users_cli = AppGroup("users", help="Accounts: create, deactivate, list.")


@users_cli.command("create")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--jobcentre", "jobcentre_name", help="Name of the jobcentre (citizens, caseworkers).")
@click.password_option(help="Asked for at the prompt when not given.")
def users_create(email, name, role, jobcentre_name, password):
    """Create an account; the password is asked for at the prompt."""
    if len(password) < MIN_LENGTH:
        raise click.BadParameter(f"use at least {MIN_LENGTH} characters", param_hint="password")
    try:
        user = organisation.create_account(
            email=email, name=name, role=Role(role), jobcentre_name=jobcentre_name, password=password
        )
    except organisation.AccountError as error:
        if error.option:
            raise click.BadParameter(str(error), param_hint=error.option) from None
        raise click.ClickException(str(error)) from None
    click.echo(f"Created {user.role.value} {user.email} (id {user.id}).")


@users_cli.command("deactivate")
@click.argument("email")
def users_deactivate(email):
    """Deactivate an account and end all its sessions at once."""
    user = accounts.find_by_email(email)
    if user is None:
        raise click.ClickException(f"no account with e-mail {email}")
    ended = accounts.deactivate(user)
    click.echo(f"Deactivated {user.email}; ended {ended} session(s).")


@users_cli.command("list")
def users_list():
    """List accounts: id, role, active, e-mail, name, jobcentre."""
    for user in accounts.all_accounts():
        jobcentre = user.jobcentre.name if user.jobcentre else "-"
        state = "active" if user.is_active else "inactive"
        click.echo(f"{user.id}\t{user.role.value}\t{state}\t{user.email or '-'}\t{user.name}\t{jobcentre}")
