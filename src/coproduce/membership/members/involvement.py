"""A member asks to get involved as an Expert by Experience, from their manage page. A service
(one transaction, audited), kept apart from services.py because it writes the register of
experts through people.services: other apps import members.services (comms' mailing lists),
and pyproject's import contracts keep them from depending on people.services."""

from django.conf import settings
from django.db import transaction

from coproduce.audit import services as audit
from coproduce.audit.models import AuditEvent
from coproduce.membership.members.choices import MemberStatus
from coproduce.membership.members.models import Member
from coproduce.membership.members.services import MembershipError
from coproduce.people import services as people_services
from coproduce.people.choices import Channel
from coproduce.people.choices import Status as ExpertStatus


class AlreadyAsked(MembershipError):
    """The member has asked to get involved before: their enquiry is with the team."""


ALREADY_ASKED = (
    "You have already asked to get involved. The involvement team has your details and will "
    "be in touch"
)
ALREADY_AN_EXPERT = "You are already an Expert by Experience, so there is nothing more to do"
NO_WAY_TO_CONTACT = (
    "We have no email address, phone number or postal address for you. Add one to your "
    "details first, so the involvement team can contact you"
)


def _channel_for(member: Member) -> str:
    """How the involvement team should first contact the member: the way they hear from the
    membership, if we can; otherwise any way we have."""
    if member.by_email and member.email:
        return Channel.EMAIL
    if member.by_post and member.address:
        return Channel.POST
    if member.email:
        return Channel.EMAIL
    if member.phone:
        return Channel.PHONE
    if member.address:
        return Channel.POST
    raise MembershipError(NO_WAY_TO_CONTACT)


def ask_to_get_involved(*, member: Member, perspective: str) -> Member:
    """A member asks to get involved as an Expert by Experience: the register of experts gets
    an enquiry with their name and contact details, through the same service as the public
    "Get involved" form (so the involvement team is told, and the member is emailed, in the
    same way), and the membership is linked to it. Asking again changes nothing (AlreadyAsked);
    a member who is an expert already is refused."""
    with transaction.atomic():
        locked = (
            Member.objects.select_for_update(of=("self",))
            .select_related("expert")
            .get(pk=member.pk)
        )
        if locked.status != MemberStatus.MEMBER:
            raise MembershipError("This person is no longer a member")
        if locked.expert is not None:
            if locked.expert.status == ExpertStatus.ENQUIRY:
                raise AlreadyAsked(ALREADY_ASKED)
            raise MembershipError(ALREADY_AN_EXPERT)
        expert = people_services.sign_up(
            values={
                "full_name": locked.full_name,
                "email": locked.email.lower(),
                "phone": locked.phone,
                "address": locked.address,
                "postcode": locked.postcode,
                "preferred_channel": _channel_for(locked),
                "perspective": perspective,
            },
            privacy_notice_version=settings.PRIVACY_NOTICE_VERSION,
        )
        locked.expert = expert
        locked.save(update_fields=["expert", "updated_at"])
        audit.record_change(
            actor=None,
            instance=locked,
            action=AuditEvent.Action.UPDATED,
            changes={"Expert by Experience": [None, "Asked to get involved"]},
            summary="Asked to get involved as an Expert by Experience",
        )
    return locked
