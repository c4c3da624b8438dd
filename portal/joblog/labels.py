"""Words for the joblog's codes, in the reader's language."""

from portal.i18n import lazy_gettext as _l

ENTRY_TYPES = {"application": _l("Jobsøgning"), "other": _l("Anden aktivitet")}
APPLICATION_TYPES = {
    "advertised": _l("Opslået stilling"),
    "unsolicited": _l("Uopfordret ansøgning"),
    "network": _l("Via netværk"),
    "in_person": _l("Personlig henvendelse"),
    "phone": _l("Telefonisk henvendelse"),
    "temp_agency": _l("Vikarbureau"),
}
ACTIVITY_KINDS = {
    "job_fair": _l("Jobmesse"),
    "network_meeting": _l("Netværksmøde"),
    "course": _l("Kursus"),
    "other": _l("Andet"),
}
STATUSES = {"saved": _l("Gemt"), "applied": _l("Søgt"), "interview": _l("Til samtale"), "closed": _l("Afsluttet")}
RESULTS = {"rejected": _l("Afslag"), "got_job": _l("Fik jobbet"), "no_answer": _l("Intet svar")}
TRACKS = {"A": _l("Plan A"), "B": _l("Plan B"), "C": _l("Plan C")}
PERIODS = {"week": _l("denne uge"), "month": _l("denne måned")}
