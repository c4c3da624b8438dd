"""Starting points for common activities, with the purpose written in plain words (the caseworker
adapts them). Chosen on the "new activity" page; nothing here is saved until the form is."""

from portal.i18n import lazy_gettext as _l

ACTIVITY_PRESETS = {
    "praktik_clarify": {
        "label": _l("Virksomhedspraktik: afklare jobmål"),
        "fields": {
            "activity_type": "praktik",
            "practicum_purpose": "clarify_goal",
            "hours_per_week": 25,
            "title": _l("Praktik for at afklare dit jobmål"),
            "why": _l("Du prøver de typiske opgaver i jobbet, så vi sammen kan se, om jobmålet passer til dig."),
        },
    },
    "praktik_skills": {
        "label": _l("Virksomhedspraktik: træne færdigheder"),
        "fields": {
            "activity_type": "praktik",
            "practicum_purpose": "train_skills",
            "hours_per_week": 25,
            "title": _l("Praktik for at træne færdigheder til dit jobmål"),
            "why": _l("Du træner færdigheder, som arbejdsgiverne efterspørger, og får noget nyt at skrive på dit CV."),
        },
    },
    "praktik_paid_hours": {
        "label": _l("Virksomhedspraktik: vej til løntimer"),
        "fields": {
            "activity_type": "praktik",
            "practicum_purpose": "paid_hours",
            "hours_per_week": 30,
            "title": _l("Praktik med henblik på løntimer"),
            "why": _l("Virksomheden overvejer at ansætte dig. Praktikken er en chance for at vise, hvad du kan."),
        },
    },
    "amu": {
        "label": _l("AMU-kursus"),
        "fields": {
            "activity_type": "amu",
            "hours_per_week": 37,
            "title": _l("AMU-kursus"),
            "why": _l("Et kort kursus, der giver dig et bevis, som arbejdsgiverne i dit jobmål efterspørger."),
        },
    },
    "fvu": {
        "label": _l("Forberedende voksenundervisning (FVU)"),
        "fields": {
            "activity_type": "fvu",
            "hours_per_week": 6,
            "title": _l("FVU-undervisning"),
            "why": _l(
                "Du bliver bedre til at læse, regne eller bruge computer, "
                "så det bliver lettere at søge og passe et job."
            ),
        },
    },
    "mentor": {
        "label": _l("Mentor"),
        "fields": {
            "activity_type": "mentor",
            "hours_per_week": 2,
            "title": _l("Mentorstøtte"),
            "why": _l("En mentor hjælper dig med at komme godt i gang og holde fast, når det er svært."),
        },
    },
}
