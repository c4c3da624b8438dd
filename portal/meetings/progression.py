"""The progression of meetings in the first year (seeds/002), as templates the caseworker adapts.

Each step gives a purpose, an agenda (one topic a line), what to prepare, and suggested homework.
The texts are Danish source strings so a caseworker working in English gets them in English; what
the caseworker saves is what the citizen reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from portal.i18n import current_language
from portal.i18n import lazy_gettext as _l
from portal.meetings.models import MeetingKind


@dataclass(frozen=True)
class Step:
    name: object
    timing: object
    purpose: object
    agenda: tuple
    preparation: object
    homework_title: object
    homework_why: object

    def agenda_text(self) -> str:
        return "\n".join(str(line) for line in self.agenda)


STEPS: dict[MeetingKind, Step] = {
    MeetingKind.FIRST: Step(
        name=_l("1. Første samtale"),
        timing=_l("Senest en uge efter første henvendelse om hjælp"),
        purpose=_l("Vi lærer hinanden at kende, ser på dine kompetencer og dit cv og aftaler dine jobmål."),
        agenda=(
            _l("Dine kompetencer og dit cv på Jobnet – har du brug for hjælp til cv'et?"),
            _l("Jobmål i Min Plan og krav til din jobsøgning, fx med ABC-jobplanen"),
            _l("Joblog, mitjobkompas.dk og jobbing.dk"),
            _l("Ret og pligt – især virksomhedspraktik og nytteindsats"),
            _l("Behov for sporskifte, realkompetencevurdering (RKV) eller FVU"),
        ),
        preparation=_l("Udfyld forberedelsen her i Min Plan, og se dit cv på Jobnet igennem."),
        homework_title=_l("Find virksomheder, der passer til dine jobmål"),
        homework_why=_l("Så har vi konkrete steder at tale om næste gang – til jobsøgning eller praktik."),
    ),
    MeetingKind.FOLLOW_UP: Step(
        name=_l("2. Opfølgende samtale"),
        timing=_l("Inden for de første tre måneder"),
        purpose=_l("Vi følger op på din jobsøgning og justerer strategien."),
        agenda=(
            _l("Gennemgang af dit cv på Jobnet – har du brug for hjælp?"),
            _l("Din jobsøgningsstrategi: passer dine kompetencer, ønsker og behov til arbejdsmarkedet?"),
            _l("Sparring på dine ansøgninger og din joblog"),
            _l("Næste gang: plan B i dine jobmål"),
            _l("Du skal finde en virksomhedsrettet indsats, fx en praktik"),
        ),
        preparation=_l("Tag gerne et par af dine ansøgninger med, og hold din joblog opdateret."),
        homework_title=_l("Find et praktiksted"),
        homework_why=_l("En praktik kan give dig erfaring og kontakter i det job, du søger."),
    ),
    MeetingKind.BEFORE_PRACTICUM: Step(
        name=_l("3. Samtale før praktik"),
        timing=_l("Inden for de første tre måneder"),
        purpose=_l("Vi gør jobsøgningen bredere og sætter en praktik eller nytteindsats i gang."),
        agenda=(
            _l("Opfølgning på din jobsøgning, joblog, ansøgninger og afslag"),
            _l("Flyt evt. fokus fra plan A mod plan B og C i dine jobmål"),
            _l("Behov for opkvalificering"),
            _l("Jobsøgningskanaler: netværk og uopfordrede ansøgninger"),
            _l("Virksomhedspraktik eller nytteindsats sættes i gang"),
        ),
        preparation=_l("Tænk over, hvilke virksomheder du gerne vil i praktik hos, og hvorfor."),
        homework_title=_l("Skriv dine mål og forventninger til praktikken"),
        homework_why=_l("Så ved du, praktikstedet og jobcentret, hvad praktikken skal give dig."),
    ),
    MeetingKind.AFTER_PRACTICUM: Step(
        name=_l("4. Samtale efter tre måneder"),
        timing=_l("Efter tre måneders ledighed"),
        purpose=_l("Vi ser på, hvad praktikken gav, og lægger en bredere plan for jobsøgningen."),
        agenda=(
            _l("Hvad gav praktikken eller nytteindsatsen?"),
            _l("Din jobsøgningsstrategi, joblog, ansøgninger og afslag"),
            _l("Igen: behov for sporskifte eller realkompetencevurdering (RKV)?"),
            _l("Behov for et kort vejlednings- eller opkvalificeringsforløb"),
        ),
        preparation=_l("Skriv i din plan, hvad praktikken gav dig, hvis du ikke har gjort det."),
        homework_title=_l("Søg job bredt – også inden for plan C"),
        homework_why=_l("Flere slags job giver flere chancer for at komme i arbejde."),
    ),
}


@dataclass(frozen=True)
class Written:
    """A text a caseworker saved, as the citizen reads it. A standard text the caseworker kept as it
    was comes in the reader's language; the caseworker's own words stay as written (Danish), and
    `lang` says so to a reader of another language (WCAG 3.1.2), so a screen reader says them right."""

    text: str
    lang: str | None


@lru_cache(maxsize=1)
def _standard_texts() -> dict[str, object]:
    """Each step's texts by their Danish source, which is what a meeting made in Danish holds."""
    texts = {}
    for step in STEPS.values():
        for lazy in (step.purpose, step.preparation, step.homework_title, step.homework_why, *step.agenda):
            texts[lazy._args[0]] = lazy  # the msgid: LazyString keeps gettext's arguments
    return texts


def as_read(text: str | None) -> Written | None:
    if not text:
        return None
    language = current_language()
    if language == "da":
        return Written(text, None)
    standard = _standard_texts().get(text.strip())
    return Written(str(standard), None) if standard is not None else Written(text, "da")
