"""One citizen at a time: an account, a caseworker (some handed over), meetings, questionnaires, a
plan and a joblog, so memory stays flat at any size."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from demodata.joblog import JOBS
from demodata.scale.meeting_rows import MeetingRows, answer_templates
from demodata.scale.plan_rows import PlanRows
from demodata.scale.shape import Shape, caseworker_email, citizen_email
from demodata.scale.texts import HANDOVER_NOTE
from demodata.seed import DEMO_PASSWORD, FIRST_NAMES, LAST_NAMES
from portal.auth.passwords import hash_password
from portal.clock import local_zone
from portal.joblog.models import search_text
from portal.meetings.progression import STEPS


class World(MeetingRows, PlanRows):
    """The rows of the jobcentres and caseworkers first, then of each citizen in turn."""

    def __init__(self, ids: dict[str, int], shape: Shape, today: date, seed: int) -> None:
        super().__init__(ids, shape, today, seed)
        self.password_hash = hash_password(DEMO_PASSWORD)
        self.jobcentre_ids: list[int] = []
        self.caseworker_ids: list[int] = []
        self.step_texts = {
            kind: (str(step.purpose), step.agenda_text(), str(step.preparation)) for kind, step in STEPS.items()
        }
        self.answers = answer_templates()
        self.jobs = [
            (title, employer, town, track, search_text(title, employer)) for title, employer, town, track in JOBS
        ]

    def organisation(self) -> None:
        for number in range(1, self.shape.jobcentres + 1):
            jobcentre_id = self.take("jobcentre")
            self.jobcentre_ids.append(jobcentre_id)
            self.rows["jobcentre"].append(
                (
                    jobcentre_id,
                    f"Skala Jobcenter {number:03d}",
                    None,
                    "reform2026" if number % 2 else "pre2020",
                    self.now,
                )
            )
        for number in range(1, self.shape.caseworkers + 1):
            user_id = self.take("user_account")
            self.caseworker_ids.append(user_id)
            first, last = FIRST_NAMES[number % len(FIRST_NAMES)], LAST_NAMES[(number * 3) % len(LAST_NAMES)]
            self.rows["user_account"].append(
                (
                    user_id,
                    caseworker_email(number),
                    self.password_hash,
                    "caseworker",
                    f"{first} {last}",
                    self._jobcentre_of(number - 1),
                    True,
                    self.now,
                )
            )

    def _jobcentre_of(self, caseworker_index: int) -> int:
        return self.jobcentre_ids[caseworker_index % self.shape.jobcentres]

    def citizen(self, index: int) -> None:
        rng = random.Random(self.seed * 1_000_003 + index)
        caseworker_index = index // self.shape.caseload
        caseworker_id = self.caseworker_ids[caseworker_index]
        user_id = self.take("user_account")
        first_contact = self.today - timedelta(weeks=self.shape.history_weeks, days=rng.randrange(14))
        created = datetime.combine(first_contact, time(9), tzinfo=local_zone())
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        self.rows["user_account"].append(
            (
                user_id,
                citizen_email(index + 1),
                self.password_hash,
                "citizen",
                name,
                self._jobcentre_of(caseworker_index),
                True,
                created,
            )
        )
        self.rows["citizen_profile"].append((user_id, first_contact, created))
        previous_id, handover_day = self._assignments(rng, user_id, caseworker_index, first_contact)
        meetings = self._meetings(rng, user_id, caseworker_id, previous_id, handover_day, first_contact)
        self._questionnaires(rng, user_id, meetings)
        self._plan(rng, user_id, caseworker_id, first_contact)
        self._joblog(rng, user_id)

    def _assignments(self, rng, citizen_id: int, caseworker_index: int, first_contact: date):
        """One in ten citizens was handed over from a colleague in the same jobcentre halfway through."""
        caseworker_id = self.caseworker_ids[caseworker_index]
        colleague_index = caseworker_index + self.shape.jobcentres
        if rng.random() < 0.1 and colleague_index < self.shape.caseworkers:
            previous_id = self.caseworker_ids[colleague_index]
            handover = first_contact + (self.today - first_contact) / 2
            moved = datetime.combine(handover, time(10), tzinfo=local_zone())
            self.rows["caseload_assignment"].append(
                (
                    self.take("caseload_assignment"),
                    previous_id,
                    citizen_id,
                    first_contact,
                    handover - timedelta(days=1),
                    moved,
                    None,
                    None,
                    None,
                    None,
                    None,
                )
            )
            self.rows["caseload_assignment"].append(
                (
                    self.take("caseload_assignment"),
                    caseworker_id,
                    citizen_id,
                    handover,
                    None,
                    moved,
                    previous_id,
                    previous_id,
                    HANDOVER_NOTE,
                    moved + timedelta(days=1),
                    moved + timedelta(days=2),
                )
            )
            return previous_id, handover
        self.rows["caseload_assignment"].append(
            (
                self.take("caseload_assignment"),
                caseworker_id,
                citizen_id,
                first_contact,
                None,
                datetime.combine(first_contact, time(9), tzinfo=local_zone()),
                None,
                None,
                None,
                None,
                None,
            )
        )
        return None, None
