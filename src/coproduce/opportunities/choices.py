from django.db import models


class Kind(models.TextChoices):
    COMMITTEE = "committee", "Committee or meeting"
    INTERVIEW_PANEL = "interview_panel", "Interview panel"
    INVESTIGATION = "investigation", "Serious incident investigation"
    COMMISSIONING = "commissioning", "Commissioning"
    QUALITY_VISIT = "quality_visit", "Quality monitoring visit"
    TRAINING = "training", "Training delivery"
    WORKSHOP = "workshop", "Workshop"
    CO_DESIGN = "co_design", "Co-design project"
    CONSULTATION = "consultation", "Consultation"
    FOCUS_GROUP = "focus_group", "Focus group"


class Stage(models.TextChoices):
    """The stage of the decision the work feeds: involvement belongs before decisions."""

    ANALYSE = "analyse", "Analyse: understanding what is needed"
    PLAN = "plan", "Plan: deciding what to do"
    DO = "do", "Do: putting it into practice"
    REVIEW = "review", "Review: checking how it went"


class Rung(models.IntegerChoices):
    """The ladder of co-production, lowest first: the order matters for warnings."""

    COERCION = 1, "Coercion"
    EDUCATING = 2, "Educating"
    INFORMING = 3, "Informing"
    CONSULTATION = 4, "Consultation"
    ENGAGEMENT = 5, "Engagement"
    CO_DESIGN = 6, "Co-design"
    CO_PRODUCTION = 7, "Co-production"


class Format(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    ONLINE = "online", "Online"
    HYBRID = "hybrid", "Hybrid (in person and online)"
    WRITTEN = "written", "In writing or on social media"


class RequestStatus(models.TextChoices):
    REQUESTED = "requested", "Waiting for the involvement team"
    CHANGES_REQUESTED = "changes", "Changes asked for"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"
    PUBLISHED = "published", "Published"
    CANCELLED = "cancelled", "Cancelled"


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    CANCELLED = "cancelled", "Cancelled"


class GroupKind(models.TextChoices):
    EXPERT_PANEL = "expert_panel", "Expert panel"
    COPRODUCTION_BOARD = "coproduction_board", "Co-production board"
    DELIVERY_GROUP = "delivery_group", "Delivery group"
    USER_LED = "user_led", "User-led group"


class InvitationStatus(models.TextChoices):
    INVITED = "invited", "Invited"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    WAITING = "waiting", "On the waiting list"
    CANCELLED = "cancelled", "Cancelled"


class Attendance(models.TextChoices):
    NOT_RECORDED = "", "Not recorded"
    ATTENDED = "attended", "Attended"
    DID_NOT_ATTEND = "did_not_attend", "Did not attend"
    CANCELLED_LATE = "cancelled_late", "Cancelled late"


# Who still expects to hear about a session: everyone who has not said no.
STILL_INVOLVED = (InvitationStatus.INVITED, InvitationStatus.ACCEPTED, InvitationStatus.WAITING)
