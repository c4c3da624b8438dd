"""What a person reads when a login through MitID or the staff login did not let them in: a title
saying what happened and a line saying what to do now."""

from __future__ import annotations

from portal.i18n import lazy_gettext as _l

TRY_AGAIN = _l("Start forfra. Sker det igen, så kontakt dit jobcenter.")

#: reason -> (title, what to do). A reason that differs for staff has its own ("staff", reason) entry.
REFUSALS = {
    "cancelled": (_l("Du afbrød login"), _l("Du er ikke logget ind. Vil du logge ind, så start forfra.")),
    "unreachable": (
        _l("Login svarer ikke lige nu"),
        _l("Vi kunne ikke få forbindelse til login-tjenesten. Vent et par minutter, og prøv igen."),
    ),
    "state": (
        _l("Login kunne ikke gennemføres"),
        _l("Login tog for lang tid, eller det blev startet i et andet vindue. Start forfra."),
    ),
    "invalid_token": (_l("Vi kunne ikke bekræfte dit login"), TRY_AGAIN),
    "provider_error": (_l("Vi kunne ikke bekræfte dit login"), TRY_AGAIN),
    "wrong_issuer": (_l("Vi kunne ikke bekræfte dit login"), TRY_AGAIN),
    "level_too_low": (
        _l("Dit login med MitID er ikke sikkert nok"),
        _l(
            "Min Plan har oplysninger om dig, som kræver sikringsniveau Betydelig. "
            "Log ind igen, og godkend med MitID-appen, kodeviseren eller kodeoplæseren."
        ),
    ),
    "no_cpr": (
        _l("Vi fik ikke dit CPR-nummer"),
        _l("Uden dit CPR-nummer kan vi ikke finde dig. Start forfra. Sker det igen, så kontakt dit jobcenter."),
    ),
    "unknown_cpr": (
        _l("Vi kan ikke finde dig i Min Plan"),
        _l("Kontakt dit jobcenter. De kan give dig adgang til Min Plan."),
    ),
    "inactive": (
        _l("Din adgang til Min Plan er lukket"),
        _l("Kontakt dit jobcenter, hvis du mener, at det er en fejl."),
    ),
    ("staff", "inactive"): (
        _l("Din konto i Min Plan er lukket"),
        _l("Kontakt din leder, hvis du mener, at det er en fejl."),
    ),
    "no_mfa": (
        _l("Log ind med to-faktor"),
        _l(
            "Medarbejdere skal logge ind med to-faktor, fx en godkendelse i en app på telefonen. "
            "Log ind igen, og godkend med din anden faktor."
        ),
    ),
    "no_role": (
        _l("Du har ikke adgang til Min Plan"),
        _l("Din bruger har ikke en rolle i Min Plan. Bed din leder eller IT-afdelingen om adgang."),
    ),
    "no_jobcentre": (
        _l("Vi ved ikke, hvilket jobcenter du hører til"),
        _l("Bed IT-afdelingen om at sætte dig i dit jobcenters gruppe. Log så ind igen."),
    ),
    "email_in_use": (
        _l("Din e-mail bruges allerede af en anden konto"),
        _l("Kontakt IT-afdelingen. De kan rette det."),
    ),
}


def refusal_text(provider: str, reason: str) -> tuple[str, str]:
    return REFUSALS.get((provider, reason)) or REFUSALS.get(reason) or REFUSALS["invalid_token"]
