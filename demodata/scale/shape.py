"""The size and shape of a scale database: how many citizens, caseworkers and jobcentres, and who
logs in with which address."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta

EMAIL_DOMAIN = "skala.demo.dk"
CASELOAD = 150
CITIZENS_PER_BATCH = 200
MAX_JOBCENTRES = 94
MEETING_INTERVAL = timedelta(weeks=5)


def citizen_email(number: int) -> str:
    return f"borger{number}@{EMAIL_DOMAIN}"


def caseworker_email(number: int) -> str:
    return f"sagsbehandler{number}@{EMAIL_DOMAIN}"


@dataclass(frozen=True)
class Shape:
    citizens: int
    caseworkers: int
    jobcentres: int
    history_weeks: int = 26
    joblog_entries: int = 40

    @classmethod
    def for_citizens(
        cls,
        citizens: int,
        caseworkers: int | None = None,
        jobcentres: int | None = None,
        history_weeks: int = 26,
        joblog_entries: int = 40,
    ) -> Shape:
        if citizens < 1:
            raise ValueError("at least one citizen")
        caseworkers = caseworkers or math.ceil(citizens / CASELOAD)
        jobcentres = jobcentres or min(MAX_JOBCENTRES, caseworkers)
        if not 1 <= jobcentres <= caseworkers <= citizens:
            raise ValueError("need 1 ≤ jobcentres ≤ caseworkers ≤ citizens")
        if history_weeks < 6 or joblog_entries < 0:
            raise ValueError("history of at least 6 weeks and a joblog of 0 or more entries")
        return cls(citizens, caseworkers, jobcentres, history_weeks, joblog_entries)

    @property
    def caseload(self) -> int:
        """Citizens per caseworker, filled in order. With the default number of caseworkers every
        one but the last has a full caseload of CASELOAD (1,000 citizens: six of 150 and one of 100),
        so a caseworker's caseload is the same at every N; with a number given, they share evenly."""
        if self.caseworkers == math.ceil(self.citizens / CASELOAD):
            return min(CASELOAD, self.citizens)
        return math.ceil(self.citizens / self.caseworkers)
