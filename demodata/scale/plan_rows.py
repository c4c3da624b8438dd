"""A citizen's plan (end goal, milestones, job goals A/B/C, a practicum, a course, agreements with
a job-search requirement) and joblog."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import cache

from demodata.joblog import HOW, JOBS, RESULTS, STATUS_CYCLE
from demodata.scale.rows import Rows
from portal.clock import local_zone


class PlanRows(Rows):
    #: (title, employer, town, track, search text) of the jobs applied for.
    jobs: list

    def _plan(self, rng, citizen_id: int, caseworker_id: int, first_contact: date) -> None:
        plan_id = self.take("plan")
        created = datetime.combine(first_contact + timedelta(days=7), time(11), tzinfo=local_zone())
        today = self.today
        acknowledged = 3 if rng.random() < 0.75 else 2
        self.rows["plan"].append(
            (
                plan_id,
                citizen_id,
                "job",
                "Fast job som lagermedarbejder",
                today + timedelta(days=180),
                "Erfaring fra lager og truckcertifikat; der mangler lagerfolk i området.",
                3,
                acknowledged,
                created + timedelta(days=1),
                created,
                created + timedelta(days=30),
            )
        )

        def item(
            kind,
            title,
            status,
            *,
            by=caseworker_id,
            why=None,
            owner=None,
            due=None,
            position=0,
            track=None,
            realistic=None,
            activity=None,
            starts=None,
            ends=None,
            hours=None,
            place=None,
            purpose=None,
            goals=None,
            count=None,
            period=None,
            proposal=None,
        ) -> int:
            item_id = self.take("plan_item")
            self.rows["plan_item"].append(
                (
                    item_id,
                    plan_id,
                    kind,
                    title,
                    why,
                    status,
                    owner,
                    due,
                    position,
                    track,
                    realistic,
                    activity,
                    starts,
                    ends,
                    hours,
                    place,
                    purpose,
                    goals,
                    count,
                    period,
                    proposal,
                    1,
                    by,
                    created,
                    created,
                )
            )
            return item_id

        milestones = [
            item("milestone", "Opdateret CV på Jobnet", "done", owner="citizen", due=today - timedelta(days=30)),
            item(
                "milestone",
                "Praktik på et lager gennemført",
                "in_progress",
                owner="company",
                due=today + timedelta(days=40),
                position=1,
            ),
            item(
                "milestone",
                "Fornyet truckcertifikat (AMU)",
                "planned",
                owner="citizen",
                due=today + timedelta(days=60),
                position=2,
            ),
        ]
        for track, title in (("A", "Lagermedarbejder"), ("B", "Chauffør (kategori B)"), ("C", "Rengøring og service")):
            item("job_goal", title, "active", track=track, realistic="Erfaring og mange ledige stillinger i området.")
        practicum = item(
            "activity",
            "Virksomhedspraktik på et lager",
            "active",
            activity="praktik",
            purpose=rng.choice(("paid_hours", "train_skills", "clarify_goal")),
            starts=today - timedelta(days=5),
            ends=today + timedelta(days=22),
            hours=25,
            place="Lagervej 12",
            why="Du får nyere erfaring med lagersystem og scanner.",
            goals="Kunne bruge lagersystemet selvstændigt\nEn anbefaling til CV'et",
        )
        course = item(
            "activity",
            "AMU: Truckcertifikat, opfriskning",
            "planned",
            activity="amu",
            starts=today + timedelta(days=45),
            ends=today + timedelta(days=49),
            hours=37,
        )
        requirement = item(
            "agreement",
            "Søg job hver uge og skriv dem i din joblog",
            "open",
            owner="citizen",
            count=rng.choice((3, 4, 5)),
            period="week",
        )
        item(
            "agreement",
            "Sende praktikaftalen til virksomheden",
            "done",
            owner="caseworker",
            due=today - timedelta(days=8),
        )
        if rng.random() < 0.125:
            item(
                "milestone",
                "Tage kørekort til lastbil (C)",
                "planned",
                by=citizen_id,
                owner="citizen",
                due=today + timedelta(days=150),
                position=3,
                proposal="pending",
            )
        for milestone, linked in zip(milestones[1:] + milestones[:1], (practicum, course, requirement), strict=True):
            self.rows["plan_item_link"].append((milestone, linked))
        for action, field, old, new in (("created", None, None, None), ("changed", "hours_per_week", "20", "25")):
            self.rows["plan_change"].append(
                (
                    self.take("plan_change"),
                    plan_id,
                    practicum,
                    caseworker_id,
                    "caseworker",
                    action,
                    field,
                    old,
                    new,
                    created + timedelta(days=2),
                )
            )
        if rng.random() < 0.3:
            self.rows["plan_comment"].append(
                (
                    self.take("plan_comment"),
                    plan_id,
                    practicum,
                    citizen_id,
                    "citizen",
                    "Skal jeg selv købe sikkerhedssko?",
                    None,
                    created + timedelta(days=3),
                )
            )

    def _joblog(self, rng, citizen_id: int) -> None:
        entries = self.shape.joblog_entries
        days = self.shape.history_weeks * 7
        offset = rng.randrange(len(JOBS))
        rows, first_id = self.rows["joblog_entry"], self.ids["joblog_entry"]
        self.ids["joblog_entry"] += entries
        for n in range(entries):
            title, employer, town, track, searched = self.jobs[(n + offset) % len(JOBS)]
            status = STATUS_CYCLE[(n + offset) % len(STATUS_CYCLE)]
            applied_on, deadline, at = self._joblog_day((n * days) // entries)
            rows.append(
                (
                    first_id + n,
                    citizen_id,
                    "application",
                    title,
                    employer,
                    town,
                    HOW[n % len(HOW)],
                    None,
                    applied_on,
                    deadline if n % 3 == 0 else None,
                    "https://www.jobnet.dk/" if n % 4 == 0 else None,
                    status,
                    RESULTS[n % 2] if status == "closed" else None,
                    track,
                    searched,
                    1,
                    at,
                    at,
                )
            )

    @cache  # noqa: B019 - one generator per run; a few hundred days
    def _joblog_day(self, days_ago: int) -> tuple[date, date, datetime]:
        applied_on = self.today - timedelta(days=days_ago)
        written = min(datetime.combine(applied_on, time(20), tzinfo=local_zone()), self.now)
        return applied_on, applied_on + timedelta(days=14), written
