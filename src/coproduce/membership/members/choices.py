"""The choices a member's record is made of."""

from django.db import models


class ConstituencyKind(models.TextChoices):
    """Who a constituency is for. A public constituency covers an area, by postcode district or
    local authority; patients and carers, and staff, are for people the trust knows."""

    PUBLIC = "public", "Public"
    PATIENTS_AND_CARERS = "patients_carers", "Patients and carers"
    STAFF = "staff", "Staff"


class AreaKind(models.TextChoices):
    POSTCODE_DISTRICTS = "postcode_districts", "Postcode districts"
    LOCAL_AUTHORITIES = "local_authorities", "Local authority areas"


class MemberStatus(models.TextChoices):
    MEMBER = "member", "Member"
    LEFT = "left", "Left"


class JoinedBy(models.TextChoices):
    """How the person became a member."""

    ONLINE = "online", "Joined online"
    PAPER = "paper", "Paper form, entered by the membership office"
    STAFF_LIST = "staff_list", "Enrolled from the staff list"
    EXPERT_PORTAL = "expert_portal", "Joined from their Expert by Experience account"
