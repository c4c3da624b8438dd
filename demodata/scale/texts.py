"""The Danish texts the scale data repeats."""

SUMMARY = (
    "Vi talte om din jobsøgning siden sidst og om dine jobmål. Du søger fortsat 5 job om ugen og skriver "
    "dem i din joblog.\n\nNæste gang ser vi på, hvordan praktikken går, og på dit cv."
)
HANDOVER_NOTE = (
    "Borgeren er i praktik og har aftalt 5 ansøgninger om ugen. Vil gerne tale om kursus i lagerstyring ved næste møde."
)
HOMEWORK = (
    ("Find 5 virksomheder, der passer til dit jobmål", "Så vi kan tale om, hvem du kan kontakte."),
    ("Opdater dit CV på Jobnet", "Arbejdsgivere finder dig gennem dit CV."),
)
OFFICE = "Jobcentret, Borgerservice, 1. sal"
