"""Words for the plan's codes, in the reader's language."""

from portal.i18n import lazy_gettext as _l

KINDS = {"milestone": _l("Delmål"), "job_goal": _l("Jobmål"), "activity": _l("Aktivitet"), "agreement": _l("Aftale")}

STATUSES = {
    "planned": _l("Planlagt"),
    "in_progress": _l("I gang"),
    "done": _l("Nået"),
    "dropped": _l("Droppet"),
    "active": _l("Aktiv"),
    "paused": _l("Sat på pause"),
    "completed": _l("Afsluttet"),
    "cancelled": _l("Aflyst"),
    "open": _l("Åben"),
}
#: Agreements are done, not "reached".
AGREEMENT_STATUSES = {"open": _l("Åben"), "done": _l("Gjort"), "cancelled": _l("Aflyst")}

OWNERS = {"citizen": _l("Dig"), "caseworker": _l("Din sagsbehandler"), "company": _l("Virksomheden")}
#: The same, as the caseworker reads them.
OWNERS_FOR_CASEWORKER = {"citizen": _l("Borgeren"), "caseworker": _l("Sagsbehandleren"), "company": _l("Virksomheden")}

ACTIVITY_TYPES = {
    "praktik": _l("Virksomhedspraktik"),
    "nytteindsats": _l("Nytteindsats"),
    "loentilskud": _l("Løntilskud"),
    "amu": _l("AMU-kursus"),
    "fvu": _l("Forberedende voksenundervisning (FVU)"),
    "obu": _l("Ordblindeundervisning (OBU)"),
    "rkv": _l("Realkompetencevurdering (RKV)"),
    "course": _l("Kursus"),
    "mentor": _l("Mentor"),
    "other": _l("Anden aktivitet"),
}

#: Activity types named by a legal term a citizen meets in the jobcentre's letters: the citizen's
#: plan pages explain the term where it first appears on the page.
EXPLAINED_TYPES = {
    "praktik": _l(
        "I en virksomhedspraktik arbejder du en tid på en arbejdsplads uden løn. "
        "Jobcentret aftaler praktikken med dig og arbejdspladsen."
    ),
    "nytteindsats": _l(
        "I en nytteindsats laver du nyttige opgaver på en offentlig arbejdsplads, fx i kommunen. "
        "Du får din ydelse som før, ikke løn."
    ),
    "loentilskud": _l(
        "Et job med løntilskud er et rigtigt job med løn. Jobcentret betaler en del af lønnen til arbejdspladsen."
    ),
    "amu": _l("Et AMU-kursus er et kort kursus for voksne. Du lærer noget, du kan bruge i et job, fx at køre truck."),
}

#: The three legal purposes of a virksomhedspraktik, in plain words.
PRACTICUM_PURPOSES = {
    "paid_hours": _l("Praktikken kan føre til almindelige løntimer i virksomheden"),
    "train_skills": _l("Du træner bestemte færdigheder, som du kan bruge i dit CV og din jobsøgning"),
    "clarify_goal": _l("Du finder ud af, om jobmålet passer til dig, ved at prøve typiske opgaver"),
}

TRACKS = {"A": _l("Plan A"), "B": _l("Plan B"), "C": _l("Plan C")}
END_GOAL_KINDS = {"job": _l("Job"), "education": _l("Uddannelse")}
PERIODS = {"week": _l("om ugen"), "month": _l("om måneden")}


def status_label(item) -> str:
    table = AGREEMENT_STATUSES if item.kind.value == "agreement" else STATUSES
    return str(table.get(item.status, item.status))
