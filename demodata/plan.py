"""Maria's Min Plan for the demo (called by demodata.seed)."""

from __future__ import annotations

from datetime import date, timedelta

from portal.auth.models import User
from portal.db import db
from portal.plan.models import ItemKind, Plan, PlanChange, PlanComment, PlanItem, PlanItemLink, ProposalStatus


def seed_plan(citizen: User, caseworker: User, today: date) -> Plan:
    plan = Plan(
        citizen_id=citizen.id,
        end_goal_kind="job",
        end_goal="Fast job som lagermedarbejder",
        end_goal_target_date=today + timedelta(days=180),
        end_goal_why="Maria har seks års erfaring fra lager og truckcertifikat, og der mangler "
        "lagerfolk i Holbæk og omegn.",
    )
    db.session.add(plan)
    db.session.flush()

    def item(kind: ItemKind, title: str, status: str, by: User = caseworker, **fields) -> PlanItem:
        new = PlanItem(plan_id=plan.id, kind=kind, title=title, status=status, created_by_id=by.id, **fields)
        db.session.add(new)
        return new

    milestones = [
        item(
            ItemKind.MILESTONE,
            "Opdateret CV på Jobnet",
            "done",
            owner="citizen",
            due_date=today - timedelta(days=7),
            why="Et CV, der viser truckcertifikat og erfaring med lagerstyring.",
        ),
        item(
            ItemKind.MILESTONE,
            "Praktik på et lager gennemført",
            "in_progress",
            owner="company",
            due_date=today + timedelta(days=40),
        ),
        item(
            ItemKind.MILESTONE,
            "Fornyet truckcertifikat (AMU)",
            "planned",
            owner="citizen",
            due_date=today + timedelta(days=60),
        ),
        item(ItemKind.MILESTONE, "Tre jobsamtaler", "planned", owner="citizen", due_date=today + timedelta(days=120)),
    ]
    item(
        ItemKind.JOB_GOAL,
        "Lagermedarbejder",
        "active",
        track="A",
        realistic_because="Seks års erfaring og truckcertifikat; mange ledige stillinger i området.",
    )
    item(
        ItemKind.JOB_GOAL,
        "Chauffør (kategori B)",
        "active",
        track="B",
        realistic_because="Kørekort og kendskab til varelevering fra lagerjobbet.",
    )
    item(
        ItemKind.JOB_GOAL,
        "Rengøring og service",
        "active",
        track="C",
        realistic_because="Job, der kan tages nu, og som giver erfaring og netværk.",
    )
    practicum = item(
        ItemKind.ACTIVITY,
        "Praktik hos Holbæk Logistik",
        "active",
        activity_type="praktik",
        practicum_purpose="train_skills",
        starts_on=today - timedelta(days=5),
        ends_on=today + timedelta(days=22),
        hours_per_week=25,
        place="Holbæk Logistik, Tåstrupvej 12, 4300 Holbæk",
        contact_person="Jens Lund, lagerchef",
        tasks="Plukning og pakning\nVaremodtagelse\nTruckkørsel under oplæring",
        why="Du får nyere erfaring med scanner og lagersystem, som arbejdsgiverne efterspørger.",
        practicum_goals="Kunne bruge lagersystemet selvstændigt\nKøre truck i højlager\nEn anbefaling til CV'et",
        expectations="Jeg håber at lære det nye lagersystem og vise, at jeg kan møde stabilt.",
    )
    course = item(
        ItemKind.ACTIVITY,
        "AMU: Truckcertifikat, opfriskning",
        "planned",
        activity_type="amu",
        starts_on=today + timedelta(days=45),
        ends_on=today + timedelta(days=49),
        hours_per_week=37,
        place="AMU Vestsjælland",
        why="Dit truckcertifikat skal være opdateret til højlager.",
    )
    requirement = item(
        ItemKind.AGREEMENT,
        "Søg 5 job om ugen og skriv dem i din joblog",
        "open",
        owner="citizen",
        requirement_count=5,
        requirement_period="week",
        why="Mindst 3 inden for plan A, resten inden for plan B eller C.",
    )
    item(
        ItemKind.AGREEMENT,
        "Sende praktikaftalen til Holbæk Logistik",
        "done",
        owner="caseworker",
        due_date=today - timedelta(days=8),
    )
    item(
        ItemKind.AGREEMENT,
        "Aftale tid til midtvejsevaluering af praktikken",
        "open",
        owner="caseworker",
        due_date=today + timedelta(days=10),
    )
    proposal = item(
        ItemKind.MILESTONE,
        "Tage kørekort til lastbil (C)",
        "planned",
        by=citizen,
        owner="citizen",
        due_date=today + timedelta(days=150),
        proposal_status=ProposalStatus.PENDING,
        why="Så kan jeg også søge som chauffør på lastbil.",
    )
    db.session.flush()
    for position, milestone in enumerate(milestones):
        milestone.position = position
    db.session.add_all(
        [
            PlanItemLink(milestone_id=milestones[1].id, item_id=practicum.id),
            PlanItemLink(milestone_id=milestones[2].id, item_id=course.id),
            PlanItemLink(milestone_id=milestones[3].id, item_id=requirement.id),
        ]
    )
    db.session.add(
        PlanComment(
            plan_id=plan.id,
            item_id=practicum.id,
            author_id=citizen.id,
            author_role="citizen",
            text="Kan jeg få arbejdstøj udleveret, eller skal jeg selv købe sikkerhedssko?",
        )
    )
    db.session.add_all(
        [
            PlanChange(
                plan_id=plan.id, item_id=practicum.id, actor_id=caseworker.id, actor_role="caseworker", action="created"
            ),
            PlanChange(
                plan_id=plan.id,
                item_id=practicum.id,
                actor_id=caseworker.id,
                actor_role="caseworker",
                action="changed",
                field="hours_per_week",
                old_value="20",
                new_value="25",
            ),
            PlanChange(
                plan_id=plan.id, item_id=proposal.id, actor_id=citizen.id, actor_role="citizen", action="proposed"
            ),
        ]
    )
    plan.version = 3
    return plan
