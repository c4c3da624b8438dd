"""What the page "Mine data" calls each piece of data, in plain words.

The download (my-data.json) keeps the data's own names, which programs read; the page shows these.
A name missing here would show the data's own name (`updated_at`): tests/account/test_my_data.py
fails on one.
"""

from __future__ import annotations

from portal.i18n import lazy_gettext as _l

NUMBER = _l("Nummer")
WHO = _l("Hvem")
WHY = _l("Hvorfor")

FIELD_NAMES = {
    "id": NUMBER,
    "email": _l("E-mail"),
    "name": _l("Navn"),
    "preferred_language": _l("Sprog"),
    "created_at": _l("Lavet"),
    "created_by": _l("Lavet af"),
    "updated_at": _l("Sidst ændret"),
    "version": _l("Udgave"),
    "first_contact_date": _l("Første kontakt med jobcentret"),
    # Questionnaires and answers
    "meeting_id": _l("Møde nummer"),
    "questionnaire_id": _l("Forberedelse nummer"),
    "definition_version": _l("Udgave af spørgsmålene"),
    "meeting_kind": _l("Slags møde"),
    "completed_sections": _l("Færdige trin"),
    "resume_section": _l("Du stoppede ved trin"),
    "consent_given_at": _l("Du gav samtykke"),
    "consent_withdrawn_at": _l("Du trak dit samtykke tilbage"),
    "sent_at": _l("Sendt"),
    "changed_after_sending_at": _l("Ændret efter du sendte"),
    "carried_from_id": _l("Svar hentet fra forberedelse nummer"),
    "question_key": _l("Spørgsmål"),
    "value": _l("Dit svar"),
    "talk_about": _l("Det vil jeg gerne tale om til mødet"),
    "prefer_in_person": _l("Det vil jeg hellere tale om til mødet"),
    "written_in_version": _l("Skrevet i udgave"),
    # The plan
    "plan_id": _l("Plan nummer"),
    "item_id": _l("Punkt nummer"),
    "end_goal": _l("Dit slutmål"),
    "end_goal_kind": _l("Slags mål"),
    "end_goal_target_date": _l("Målet skal nås senest"),
    "end_goal_why": _l("Hvorfor det mål"),
    "acknowledged_at": _l("Du bekræftede planen"),
    "acknowledged_version": _l("Udgave, du bekræftede"),
    "kind": _l("Slags"),
    "title": _l("Titel"),
    "status": _l("Status"),
    "status_reason": WHY,
    "why": WHY,
    "owner": WHO,
    "due_date": _l("Frist"),
    "position": _l("Plads i rækken"),
    "track": _l("Plan A, B eller C"),
    "activity_type": _l("Slags aktivitet"),
    "practicum_purpose": _l("Hvorfor praktikken"),
    "practicum_goals": _l("Mål for praktikken"),
    "expectations": _l("Mål og forventninger"),
    "evaluation": _l("Hvad gav praktikken?"),
    "realistic_because": _l("Det gør jobmålet realistisk"),
    "starts_on": _l("Starter"),
    "ends_on": _l("Slutter"),
    "hours_per_week": _l("Timer om ugen"),
    "place": _l("Sted"),
    "contact_person": _l("Kontaktperson"),
    "tasks": _l("Opgaver"),
    "requirement_count": _l("Antal ansøgninger"),
    "requirement_period": _l("Hvor tit"),
    "proposal_status": _l("Forslag"),
    "proposal_decided_at": _l("Svar på dit forslag"),
    "proposal_decision_reason": _l("Din sagsbehandlers grund"),
    # Who wrote or changed what
    "author": _l("Skrevet af"),
    "author_role": _l("Skrevet af (rolle)"),
    "actor": WHO,
    "actor_role": _l("Hvem (rolle)"),
    "action": _l("Hvad skete der"),
    "field": _l("Hvad blev ændret"),
    "old_value": _l("Før ændringen"),
    "new_value": _l("Efter ændringen"),
    "text": _l("Tekst"),
    "seen_at": _l("Set af din sagsbehandler"),
    # Meetings and homework
    "starts_at": _l("Hvornår"),
    "duration_minutes": _l("Minutter"),
    "channel": _l("Hvordan vi mødes"),
    "purpose": _l("Hvorfor holder vi mødet?"),
    "agenda": _l("Det skal vi tale om"),
    "preparation": _l("Det skal du forberede"),
    "summary": _l("Referat fra mødet"),
    "summary_published_at": _l("Referatet blev delt med dig"),
    "absence_reason": _l("Hvorfor du ikke kunne komme"),
    "absence_reported_at": _l("Du meldte afbud"),
    "absence_seen_at": _l("Din sagsbehandler så dit afbud"),
    "cancel_reason": _l("Hvorfor mødet blev aflyst"),
    "done_at": _l("Gjort"),
    "done_note": _l("Din note"),
    # The joblog
    "entry_type": _l("Ansøgning eller aktivitet"),
    "activity_kind": _l("Slags aktivitet"),
    "job_title": _l("Stilling"),
    "employer": _l("Virksomhed"),
    "applied_on": _l("Dato"),
    "application_type": _l("Hvordan du søgte"),
    "location": _l("By"),
    "deadline": _l("Ansøgningsfrist"),
    "link": _l("Link"),
    "notes": _l("Noter"),
    "result": _l("Hvordan det gik"),
    "deleted_at": _l("Slettet"),
    # Beskeder
    "subject": _l("Emne"),
    "state": _l("Status"),
    "about": _l("Handler om"),
    "close_note": _l("Din sagsbehandlers note, da samtalen blev lukket"),
    "read_at": _l("Læst"),
    # Caseworkers and links to choose a password
    "caseworker": _l("Sagsbehandler"),
    "previous_caseworker": _l("Sagsbehandler før"),
    "valid_from": _l("Fra"),
    "valid_to": _l("Til"),
    "handover_note": _l("Note til den nye sagsbehandler"),
    "expires_at": _l("Virker til"),
    "used_at": _l("Brugt"),
    "revoked_at": _l("Stoppet"),
}

#: Where a section uses a name in its own sense.
SECTION_FIELD_NAMES = {
    ("access_log", "at"): _l("Hvornår"),
    ("access_log", "what"): _l("Hvad"),
    ("access_log", "purpose"): WHY,
    ("messages", "created_at"): _l("Sendt"),
}


def field_name(section: str, key: str) -> str:
    return str(SECTION_FIELD_NAMES.get((section, key)) or FIELD_NAMES.get(key, key))
