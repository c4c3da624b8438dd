"""The jobcentre commands: create with a rule set, change the rule set after a reform, list."""

from __future__ import annotations

from sqlalchemy import select

from portal.auth.models import Jobcentre


def test_create_change_rules_and_list(app, session):
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=["jobcentres", "create", "Jobcenter Odense", "--municipality-code", "0461", "--rules", "lab2019"]
    )
    assert result.exit_code == 0, result.output
    assert session.scalar(select(Jobcentre.meeting_rules).where(Jobcentre.name == "Jobcenter Odense")) == "lab2019"
    result = runner.invoke(args=["jobcentres", "rules", "Jobcenter Odense", "reform2026"])
    assert result.exit_code == 0 and "lab2019 -> reform2026" in result.output
    assert "Jobcenter Odense\t0461\treform2026" in runner.invoke(args=["jobcentres", "list"]).output


def test_refuses_what_makes_no_sense(app, session):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["jobcentres", "create", "X", "--rules", "1850"]).exit_code == 2
    assert runner.invoke(args=["jobcentres", "create", "X", "--municipality-code", "abc"]).exit_code == 2
    assert runner.invoke(args=["jobcentres", "create", "  "]).exit_code == 2
    assert runner.invoke(args=["jobcentres", "create", "Y"]).exit_code == 0
    assert "exists" in runner.invoke(args=["jobcentres", "create", "Y"]).output
    assert runner.invoke(args=["jobcentres", "rules", "Nowhere", "lab2019"]).exit_code == 1


def test_answer_time_is_set_in_working_days_and_refused_outside_1_to_20(app, session, make_jobcentre):
    # test that the answer time in Beskeder is set, audited and listed, and that nonsense is refused
    from portal.audit import AuditEntry

    jobcentre = make_jobcentre(name="Jobcenter Svar")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["jobcentres", "answer-time", "Jobcenter Svar", "5"])
    assert result.exit_code == 0, result.output
    assert "2 -> 5 working days" in result.output
    session.expire_all()
    assert jobcentre.message_answer_days == 5
    [row] = session.scalars(select(AuditEntry).where(AuditEntry.action == "jobcentre.answer_days_set")).all()
    assert '"new": 5' in row.detail and '"old": 2' in row.detail
    assert "Jobcenter Svar\t-\treform2026\tda en\t5" in runner.invoke(args=["jobcentres", "list"]).output
    for days in ("0", "21", "-1", "to", "2.5"):
        refused = runner.invoke(args=["jobcentres", "answer-time", "Jobcenter Svar", days])
        assert refused.exit_code == 2, (days, refused.output)
    assert "no jobcentre named" in runner.invoke(args=["jobcentres", "answer-time", "Nowhere", "3"]).output
    session.expire_all()
    assert jobcentre.message_answer_days == 5
