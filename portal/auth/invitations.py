"""One-time activation links: a caseworker adds a citizen, the citizen sets a password with the link.

The link carries 32 random bytes; the database keeps only their SHA-256, so a copy of the database
opens no account. A link works once and for seven days; a new link for the same citizen revokes the
older ones. The mail names no content beyond the jobcentre's name and the link. The caseworker sees
the link only when it could not be mailed, and the audit log records that they did.
"""

from __future__ import annotations

import logging
import secrets
import smtplib
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app, url_for
from sqlalchemy import select, update

from portal import audit, mail, urls
from portal.auth import sessions
from portal.auth.models import Invitation, User
from portal.auth.passwords import hash_password
from portal.auth.services import revoke_open_invitations
from portal.clock import utcnow
from portal.db import db
from portal.i18n import force_locale, gettext

log = logging.getLogger(__name__)

VALID_FOR = timedelta(days=7)
PURPOSE = "Oprettelse af adgang til Min Plan"


@dataclass(frozen=True)
class Issued:
    citizen: User
    invitation: Invitation
    #: The link, only when it could not be mailed and the caseworker must hand it over. Whoever holds
    #: it can choose the citizen's password and log in as them, so when the mail went out no one
    #: else ever sees it.
    url: str | None

    @property
    def mailed(self) -> bool:
        return self.url is None


def issue(citizen: User, caseworker: User) -> Issued:
    """A new link for a citizen who has not activated yet; older links stop working. Commits."""
    now = utcnow()
    revoke_open_invitations(citizen.id)
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        token_hash=sessions.token_hash(token),
        citizen_id=citizen.id,
        created_by_id=caseworker.id,
        created_at=now,
        expires_at=now + VALID_FOR,
    )
    db.session.add(invitation)
    db.session.flush()
    audit.record(
        db.session,
        "invitation.created",
        actor=caseworker,
        citizen_id=citizen.id,
        purpose=PURPOSE,
        invitation_id=invitation.id,
    )
    db.session.commit()
    url = urls.public_url(current_app.config, url_for("auth.activate", token=token))
    not_sent = _mail(citizen, caseworker, url)
    if not_sent is None:
        return Issued(citizen, invitation, None)
    # The caseworker is about to see a link that opens the citizen's account: the log says so.
    audit.record(
        db.session,
        "invitation.link_shown",
        actor=caseworker,
        citizen_id=citizen.id,
        purpose=PURPOSE,
        invitation_id=invitation.id,
        reason=not_sent,
    )
    db.session.commit()
    return Issued(citizen, invitation, url)


def _mail(citizen: User, caseworker: User, url: str) -> str | None:
    """Send the link to the citizen; None when it went out, else why not (no_mail_server,
    no_email, mail_failed)."""
    config = current_app.config
    if not mail.configured(config):
        return "no_mail_server"
    if not citizen.email:
        return "no_email"
    subject, body = invitation_text(citizen, caseworker, url, config)
    try:
        with mail.Mailer(config) as mailer:
            mailer.send(mail.build(citizen.email, subject, body, config))
    except (smtplib.SMTPException, OSError) as error:
        log.warning("invitation mail not sent: %s", type(error).__name__)
        return "mail_failed"
    return None


def invitation_text(citizen: User, caseworker: User, url: str, config) -> tuple[str, str]:
    """The invitation mail's subject and body, in the citizen's language."""
    with force_locale(citizen.preferred_language or config["BABEL_DEFAULT_LOCALE"]):
        return gettext("Din adgang til Min Plan"), "\n\n".join(
            [
                gettext("Hej %(name)s", name=citizen.name),
                gettext(
                    "%(jobcentre)s har oprettet dig i Min Plan, hvor du kan forberede dine møder, se din plan "
                    "og føre din joblog.",
                    jobcentre=caseworker.jobcentre.name if caseworker.jobcentre else "Jobcentret",
                ),
                gettext("Vælg din adgangskode her. Linket virker én gang og i 7 dage: %(url)s", url=url),
                gettext("Denne e-mail er sendt automatisk. Du kan ikke svare på den."),
            ]
        )


def find(token: str) -> Invitation | None:
    if not token or len(token) > 100:
        return None
    return db.session.scalar(select(Invitation).where(Invitation.token_hash == sessions.token_hash(token)))


def state(invitation: Invitation | None) -> str:
    """valid | used | expired | replaced | unknown"""
    if invitation is None or not invitation.citizen.is_active:
        return "unknown"
    if invitation.used_at is not None:
        return "used"
    if invitation.revoked_at is not None:
        return "replaced"
    if invitation.expires_at <= utcnow():
        return "expired"
    return "valid"


def activate(invitation: Invitation, password: str) -> User | None:
    """Use up the link, set the password and log the citizen in; commits.

    Returns None when the link was used, replaced or expired in the meantime: the conditional update
    lets only one of two simultaneous requests through.
    """
    now = utcnow()
    claimed = db.changed_rows(
        update(Invitation)
        .where(
            Invitation.id == invitation.id,
            Invitation.used_at.is_(None),
            Invitation.revoked_at.is_(None),
            Invitation.expires_at > now,
        )
        .values(used_at=now)
    )
    if claimed != 1:
        db.session.rollback()
        return None
    citizen = invitation.citizen
    citizen.password_hash = hash_password(password)
    sessions.end_all_for(citizen.id, "password_set")
    sessions.start(citizen)
    audit.record(
        db.session,
        "invitation.used",
        actor=citizen,
        citizen_id=citizen.id,
        purpose=PURPOSE,
        invitation_id=invitation.id,
    )
    db.session.commit()
    return citizen


def awaits_password(citizen: User) -> bool:
    """Whether the citizen is to choose a password with a link: only where password login is on,
    and only with an e-mail to log in with. Otherwise they log in with MitID."""
    return bool(current_app.config["PASSWORD_LOGIN"] and citizen.email and citizen.password_hash is None)


def latest_for(citizen: User) -> Invitation | None:
    """The citizen's newest invitation, to show whether it is still open."""
    return db.session.scalar(
        select(Invitation).where(Invitation.citizen_id == citizen.id).order_by(Invitation.id.desc()).limit(1)
    )
