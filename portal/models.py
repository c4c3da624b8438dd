"""Imports every model so the metadata (and Alembic) sees all tables."""

from portal.audit import AuditEntry  # noqa: F401
from portal.auth.models import AuthSession, Invitation, Jobcentre, User  # noqa: F401
from portal.joblog.models import JobLogEntry  # noqa: F401
from portal.meetings.models import Homework, Meeting, MeetingChange, MeetingComment, ReminderSent  # noqa: F401
from portal.messages.models import Message, MessageThread  # noqa: F401
from portal.organisation.models import CaseloadAssignment, CitizenProfile  # noqa: F401
from portal.plan.models import Plan, PlanChange, PlanComment, PlanItem, PlanItemLink  # noqa: F401
from portal.questionnaire.models import Answer, Questionnaire, SensitiveAnswer  # noqa: F401
from portal.recovery import PendingInput  # noqa: F401
