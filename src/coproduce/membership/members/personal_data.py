"""Membership's part of an Expert by Experience's data, for subject access and erasure (the
registries in core.subject_access and core.erasure work by expert). A member who is also an
expert is found through Member.expert; their details, how they hear from us and what they told
us for the regulator's report are shown. Erasing the expert anonymises their membership: the
row stays (counts over time, elections' frozen lists), marked left, without their name, contact
details or characteristics, and only the year they were born (for counts by age).

A member who is not an expert is not reached from here: the membership office answers their
requests from the member's page (member_data.py and services.erase_member, which anonymises
the row with `anonymise` below)."""

from datetime import date

from django.apps import apps
from django.utils import timezone

from coproduce.core.subject_access import Section
from coproduce.impact.equality.categories import DISABILITY, ETHNIC_GROUP, SEX
from coproduce.membership.members.choices import MemberStatus
from coproduce.membership.members.models import Member, MemberCharacteristics

ERASED_NAME = "Erased member"


def collect(expert) -> Section:
    member = Member.objects.select_related("constituency").filter(expert=expert).first()
    if member is None:
        return Section("foundation_trust_membership", {"member": None})
    return Section("foundation_trust_membership", {"member": details_of(member)})


def details_of(member: Member) -> dict:
    """The member's row as plain data, with what they told us for the regulator's report (two
    queries). The same shape in an expert's export and in a member's own (member_data)."""
    told = MemberCharacteristics.objects.filter(member=member).first()
    return {
        "constituency": member.constituency.name,
        "status": member.get_status_display(),
        "joined_at": member.joined_at,
        "joined_by": member.get_joined_by_display(),
        "left_at": member.left_at,
        "left_reason": member.left_reason,
        "full_name": member.full_name,
        "email": member.email,
        "phone": member.phone,
        "address": member.address,
        "postcode": member.postcode,
        "date_of_birth": member.date_of_birth,
        "staff_number": member.staff_number,
        "by_email": member.by_email,
        "by_post": member.by_post,
        "wants_news": member.wants_news,
        "consent_at": member.consent_at,
        "privacy_notice_version": member.privacy_notice_version,
        "for_the_regulators_report": None
        if told is None
        else {
            "Sex": SEX.label(told.sex) or "Not answered",
            "Ethnic group": ETHNIC_GROUP.label(told.ethnic_group) or "Not answered",
            "Disability": DISABILITY.label(told.disability) or "Not answered",
        },
    }


def erase(expert) -> list[str]:
    member = Member.objects.filter(expert=expert).first()
    if member is None:
        return []
    anonymise(member)
    return ["Foundation Trust membership (kept without their details, marked left)"]


def anonymise(member: Member) -> int:
    """Takes the person out of the member's row, for good: the one way a membership is erased,
    whether through an expert's erasure or the membership office's (services.erase_member).
    The row stays, marked left (so no count of current members includes them), with only the
    year of birth, because counts over time and elections' records point at it. Returns how
    many copies of the news had a reason they were not delivered (now deleted)."""
    now = timezone.now()
    problems = _forget_delivery_problems(member)
    MemberCharacteristics.objects.filter(member=member).delete()
    member.full_name = ERASED_NAME
    member.email = member.phone = member.address = member.postcode = ""
    member.staff_number = member.left_reason = ""
    member.date_of_birth = date(member.date_of_birth.year, 1, 1)
    member.expert = None
    if member.status == MemberStatus.MEMBER:
        member.status = MemberStatus.LEFT
        member.left_at = now
    member.erased_at = now
    member.save()
    return problems


def _forget_delivery_problems(member: Member) -> int:
    """Empties why each copy of the news to this member was not delivered: a reason from a mail
    server, or one staff typed when recording a bounce, can quote the member's address. Whether
    each copy was sent stays. The mailing lists are read through the app registry, as the
    member's data download reads them."""
    try:
        delivery = apps.get_model("mailing", "Delivery")
    except LookupError:  # the mailing lists are not installed
        return 0
    return delivery._default_manager.filter(member=member).exclude(error="").update(error="")
