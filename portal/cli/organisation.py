"""`flask --app wsgi jobcentres create|rules|languages|answer-time|list` and
`flask --app wsgi caseload assign|history`."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from portal.access import Role
from portal.auth import services as accounts
from portal.auth.models import User
from portal.meetings import cadence
from portal.organisation import queries, services

jobcentres_cli = AppGroup("jobcentres", help="Jobcentres, their meeting rule set, languages and answer time.")
caseload_cli = AppGroup("caseload", help="Who is whose caseworker: assign and move citizens, show the history.")


def _rule_set_choice():
    return click.Choice(sorted(cadence.load_rule_sets()))


@jobcentres_cli.command("create")
@click.argument("name")
@click.option("--municipality-code", help="Kommunekode, four digits, e.g. 0316.")
@click.option(
    "--rules",
    "rules",
    type=_rule_set_choice(),
    default="reform2026",
    show_default=True,
    help="The meeting rule set (portal/meetings/rule_sets.yaml).",
)
def create(name, municipality_code, rules):
    """Create a jobcentre."""
    name = name.strip()
    if not name or len(name) > 200:
        raise click.BadParameter("give a name of 1 to 200 characters", param_hint="NAME")
    if municipality_code and not (len(municipality_code) == 4 and municipality_code.isdigit()):
        raise click.BadParameter("four digits, e.g. 0316", param_hint="--municipality-code")
    try:
        services.create_jobcentre(name, municipality_code, rules)
    except services.AccountError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Created {name} ({rules}).")


@jobcentres_cli.command("rules")
@click.argument("name")
@click.argument("rules", type=_rule_set_choice())
def set_rules(name, rules):
    """Choose the meeting rule set a jobcentre follows (after a reform, say)."""
    jobcentre = queries.jobcentre_named(name)
    if jobcentre is None:
        raise click.ClickException(f"no jobcentre named {name!r}")
    old = services.set_meeting_rules(jobcentre, rules)
    click.echo(f"{name}: {old} -> {rules}")


@jobcentres_cli.command("languages")
@click.argument("name")
@click.argument("languages", nargs=-1, required=True)
def set_languages(name, languages):
    """Choose the languages a jobcentre offers its citizens, e.g. `da en ar uk` (of PORTAL_LANGUAGES)."""
    jobcentre = queries.jobcentre_named(name)
    if jobcentre is None:
        raise click.ClickException(f"no jobcentre named {name!r}")
    installed = current_app.config["LANGUAGES"]
    unknown = [code for code in languages if code not in installed]
    if unknown:
        raise click.BadParameter(
            f"{', '.join(unknown)} not turned on here; PORTAL_LANGUAGES has {' '.join(installed)}",
            param_hint="LANGUAGES",
        )
    old = services.set_languages(jobcentre, list(languages))
    click.echo(f"{name}: {old} -> {jobcentre.languages}")


@jobcentres_cli.command("answer-time")
@click.argument("name")
@click.argument("days", type=click.IntRange(services.ANSWER_DAYS.start, services.ANSWER_DAYS.stop - 1))
def set_answer_time(name, days):
    """Choose the answer time a jobcentre promises in Beskeder, in working days (1 to 20)."""
    jobcentre = queries.jobcentre_named(name)
    if jobcentre is None:
        raise click.ClickException(f"no jobcentre named {name!r}")
    old = services.set_answer_days(jobcentre, days)
    click.echo(f"{name}: {old} -> {days} working days")


@jobcentres_cli.command("list")
def list_jobcentres():
    """List jobcentres with their rule set, languages and answer time in Beskeder (working days)."""
    for jobcentre in queries.all_jobcentres():
        click.echo(
            f"{jobcentre.name}\t{jobcentre.municipality_code or '-'}\t{jobcentre.meeting_rules}"
            f"\t{jobcentre.languages}\t{jobcentre.message_answer_days}"
        )


def _account(email: str, role: Role, option: str) -> User:
    user = accounts.find_by_email(email)
    if user is None or user.role is not role:
        raise click.BadParameter(f"no {role.value} with e-mail {email}", param_hint=option)
    return user


@caseload_cli.command("assign")
@click.option("--citizen", "citizen_email", required=True, help="The citizen's e-mail.")
@click.option("--caseworker", "caseworker_email", required=True, help="The new caseworker's e-mail.")
@click.option("--note", help="Handover note for the new caseworker; required when the citizen has one already.")
def assign(citizen_email, caseworker_email, note):
    """Give a citizen a caseworker, or move them to another one with a handover note."""
    citizen = _account(citizen_email, Role.CITIZEN, "--citizen")
    caseworker = _account(caseworker_email, Role.CASEWORKER, "--caseworker")
    try:
        assignment = services.hand_over(citizen, caseworker, by=None, note=note)
    except services.AssignmentError as error:
        raise click.ClickException(str(error)) from None
    previous = assignment.previous_caseworker
    moved = f", handed over from {previous.email}" if previous is not None else ""
    click.echo(f"{citizen.email} -> {caseworker.email} from {assignment.valid_from.isoformat()}{moved}.")


@caseload_cli.command("history")
@click.argument("citizen_email")
def history(citizen_email):
    """A citizen's caseworkers: from, to, caseworker, handed over from."""
    citizen = _account(citizen_email, Role.CITIZEN, "CITIZEN_EMAIL")
    for assignment in queries.history_of(citizen):
        until = assignment.valid_to.isoformat() if assignment.valid_to else "now"
        previous = assignment.previous_caseworker.email if assignment.previous_caseworker else "-"
        click.echo(f"{assignment.valid_from.isoformat()}\t{until}\t{assignment.caseworker.email}\t{previous}")
