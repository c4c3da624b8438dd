"""Min Plan: the self-service portal for citizens on kontanthjælp and their caseworkers."""

from __future__ import annotations

import os

from flask import Flask, g
from werkzeug.middleware.proxy_fix import ProxyFix

from portal.config import REPO_ROOT, ConfigError, load_config


def create_app(config: dict | None = None) -> Flask:
    """Build the app: config -> extensions -> blueprints -> errors -> cli.

    `config` overrides the environment (tests pass their database URL and switches here).
    """
    settings = load_config(config)
    if settings["PORTAL_ENV"] == "production" and os.environ.get("FLASK_DEBUG", "").lower() in {"1", "true"}:
        raise ConfigError("FLASK_DEBUG must not be set in production")
    app = Flask(
        __name__,
        template_folder=str(REPO_ROOT / "templates"),
        static_folder=str(REPO_ROOT / "static"),
        instance_path=str(REPO_ROOT / "instance"),
    )
    app.config.update(settings)
    if settings["PORTAL_ENV"] == "production":
        app.debug = False
    if app.config["PROXY_FIX"]:
        # Flask's documented way to put middleware in front of the app; mypy sees a method replaced.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)  # type: ignore[method-assign]
    app.url_map.strict_slashes = True

    _init_extensions(app)
    _register_blueprints(app)
    from portal import errors

    errors.init_app(app)
    from portal import cli

    cli.init_app(app)
    return app


def _init_extensions(app: Flask) -> None:
    import portal.models  # noqa: F401  (registers every table with the metadata)
    from portal import access, i18n, security, templating
    from portal.auth import oidc, sessions, throttle
    from portal.db import db
    from portal.extensions import csrf, limiter, login_manager

    db.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    throttle.init_app(app)
    i18n.init_app(app)
    oidc.init_app(app)  # before security: the policy lets forms lead to the providers it keeps
    security.init_app(app)
    templating.init_app(app)

    login_manager.init_app(app)
    login_manager.session_protection = None  # our own server-side sessions do this job

    @login_manager.request_loader
    def load_user_from_session(_request):
        if db.is_unavailable():
            return None  # the 503 page is shown to nobody in particular rather than not at all
        found = sessions.load_current()
        g.session_end_reason = found.reason
        g.session_ended_user_id = found.ended_user_id
        return found.user

    app.before_request(access.enforce_route_access)


def _register_blueprints(app: Flask) -> None:
    from portal.account.views import bp as account_bp
    from portal.auth.views import bp as auth_bp
    from portal.caseworker.views.caseload import bp as caseworker_bp
    from portal.caseworker.views.handover import bp as caseworker_handover_bp
    from portal.caseworker.views.invitations import bp as caseworker_invitations_bp
    from portal.caseworker.views.meetings import bp as caseworker_meetings_bp
    from portal.caseworker.views.messages import bp as caseworker_messages_bp
    from portal.caseworker.views.plan import bp as caseworker_plan_bp
    from portal.joblog.views import bp as joblog_bp
    from portal.meetings.views.homework import bp as homework_bp
    from portal.meetings.views.meetings import bp as meetings_bp
    from portal.meetings.views.preparation import bp as questionnaire_bp
    from portal.messages.views import bp as messages_bp
    from portal.overview.views import bp as overview_bp
    from portal.pages.views import bp as pages_bp
    from portal.plan.views import bp as plan_bp

    for blueprint in (
        pages_bp,
        auth_bp,
        overview_bp,
        questionnaire_bp,
        plan_bp,
        meetings_bp,
        homework_bp,
        joblog_bp,
        messages_bp,
        account_bp,
        caseworker_bp,
        caseworker_plan_bp,
        caseworker_meetings_bp,
        caseworker_handover_bp,
        caseworker_invitations_bp,
        caseworker_messages_bp,
    ):
        app.register_blueprint(blueprint)
