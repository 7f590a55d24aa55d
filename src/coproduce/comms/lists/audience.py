"""Who gets a message, by which channel and in which version, and who does not and why: the
one set of rules, written twice over the same fields — as database expressions, so the check
before sending counts 20,000 members in one query, and in Python, so sending checks each person
again at the moment their copy goes. tests/comms/lists/test_audience.py holds the two equal.

In order, someone does not get a message when:
- their processing is restricted (UK GDPR article 18) or they were erased;
- they may not be contacted (they have left: `Expert.may_be_contacted`);
- we have no record of their consent to keep their details;
- they prefer a phone call or a letter: the team rings them or posts it;
- they prefer texts and the message has no text version, or we have no number for them;
- they prefer email and we have no email address.

Versions: a text for those who prefer texts; otherwise the Easy Read version (in large type)
for those who need Easy Read when there is one; large print — the same words in an email laid
out in large type — for those who need it; the standard email for everyone else. A carer who is
to be copied in gets the email version the expert would get.

A list may also go to Foundation Trust members (`MailingList.to_members`): all current members,
or those of one constituency, who agreed to hear the trust's news by email. The membership app
keeps those rules (membership.members.queries.news_audience); here they gain two of ours: a
member whose own Expert by Experience record is restricted gets nothing, and a member who is
also on the list as an expert (by the link between the records, or the same email address in
any case) is left to the experts' rules, so that they get one copy. Members get the standard
email: their record holds no communication needs."""

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast, Lower

from coproduce.comms.lists.models import Delivery, Member, Message, Version
from coproduce.membership.members import queries as members
from coproduce.people.choices import Channel, CommunicationNeed, Status

RESTRICTED = "restricted"
DO_NOT_CONTACT = "do_not_contact"
NO_CONSENT = "no_consent"
PREFERS_PHONE = "prefers_phone"
PREFERS_POST = "prefers_post"
PREFERS_TEXT = "prefers_text"
NO_PHONE = "no_phone"
NO_EMAIL = "no_email"

REASONS: dict[str, str] = {
    RESTRICTED: "Restricted: they asked us to restrict how we use their information",
    DO_NOT_CONTACT: "Do not contact: they have left",
    NO_CONSENT: "No consent: we have no record they agreed we can keep their details",
    PREFERS_PHONE: "Prefers a phone call: ring them to tell them",
    PREFERS_POST: "Prefers letters: post them a copy",
    PREFERS_TEXT: "Prefers text messages, and this message has no text version: add one",
    NO_PHONE: "Prefers text messages, but we have no mobile number for them",
    NO_EMAIL: "No email address",
}


def _needs_text(prefix: str):
    return Cast(f"{prefix}communication_needs", TextField())


def _needs(code: str) -> str:
    # The needs are a JSON list: '["easy_read", "bsl"]' as text on SQLite and PostgreSQL alike,
    # so a quoted code matches that need and no other.
    return f'"{code}"'


def reason_expression(message: Message, prefix: str = "expert__"):
    """Why each member does not get the message ("" for those who do), in the database."""
    p = prefix
    wants_text = Q(**{f"{p}preferred_channel": Channel.TEXT})
    return Case(
        When(
            Q(**{f"{p}restricted_at__isnull": False}) | Q(**{f"{p}erased_at__isnull": False}),
            then=Value(RESTRICTED),
        ),
        When(Q(**{f"{p}status": Status.LEFT}), then=Value(DO_NOT_CONTACT)),
        When(Q(**{f"{p}consent_given_at__isnull": True}), then=Value(NO_CONSENT)),
        When(Q(**{f"{p}preferred_channel": Channel.PHONE}), then=Value(PREFERS_PHONE)),
        When(Q(**{f"{p}preferred_channel": Channel.POST}), then=Value(PREFERS_POST)),
        *([] if message.text_body.strip() else [When(wants_text, then=Value(PREFERS_TEXT))]),
        When(wants_text & Q(**{f"{p}phone": ""}), then=Value(NO_PHONE)),
        When(~wants_text & Q(**{f"{p}email": ""}), then=Value(NO_EMAIL)),
        default=Value(""),
        output_field=CharField(),
    )


def channel_expression(prefix: str = "expert__"):
    return Case(
        When(Q(**{f"{prefix}preferred_channel": Channel.TEXT}), then=Value(Delivery.Channel.TEXT)),
        default=Value(Delivery.Channel.EMAIL),
        output_field=CharField(),
    )


def email_version_expression(message: Message, needs_alias: str = "needs"):
    """The email version each person (or their carer) gets; needs the needs-as-text alias."""
    easy = (
        [
            When(
                **{f"{needs_alias}__contains": _needs(CommunicationNeed.EASY_READ)},
                then=Value(Version.EASY_READ),
            )
        ]
        if message.easy_read_body.strip()
        else []
    )
    return Case(
        When(**{needs_alias: "[]"}, then=Value(Version.STANDARD)),
        *easy,
        When(
            **{f"{needs_alias}__contains": _needs(CommunicationNeed.LARGE_PRINT)},
            then=Value(Version.LARGE_PRINT),
        ),
        default=Value(Version.STANDARD),
        output_field=CharField(),
    )


def carer_expression(prefix: str = "expert__", needs_alias: str = "needs"):
    """Whether a carer is copied in: they asked for it and we have the carer's email."""
    return Case(
        When(**{needs_alias: "[]"}, then=Value(False)),
        When(
            Q(**{f"{needs_alias}__contains": _needs(CommunicationNeed.CARER_COPY)})
            & ~Q(**{f"{prefix}carer_email": ""}),
            then=Value(True),
        ),
        default=Value(False),
        output_field=BooleanField(),
    )


def annotate(members, message: Message, prefix: str = "expert__"):
    """Members (or experts, with prefix "") with `reason`, `channel`, `email_version`,
    `version` (what they get), `carer` and `needs_audio` / `needs_bsl`."""
    members = members.alias(needs=_needs_text(prefix)).annotate(
        reason=reason_expression(message, prefix),
        channel=channel_expression(prefix),
        email_version=email_version_expression(message),
        carer=carer_expression(prefix),
        needs_audio=Case(
            When(needs="[]", then=Value(False)),
            When(needs__contains=_needs(CommunicationNeed.AUDIO), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
        needs_bsl=Case(
            When(needs="[]", then=Value(False)),
            When(needs__contains=_needs(CommunicationNeed.BSL), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
    )
    return members.annotate(
        version=Case(
            When(channel=Delivery.Channel.TEXT, then=Value(Version.TEXT)),
            default="email_version",
            output_field=CharField(),
        )
    )


# The same rules, for one person, in Python: checked again as each copy is sent.


def reason_for(expert, message: Message) -> str:
    if expert.restricted_at is not None or expert.erased_at is not None:
        return RESTRICTED
    if not expert.may_be_contacted:
        return DO_NOT_CONTACT
    if expert.consent_given_at is None:
        return NO_CONSENT
    channel = expert.preferred_channel
    if channel == Channel.PHONE:
        return PREFERS_PHONE
    if channel == Channel.POST:
        return PREFERS_POST
    if channel == Channel.TEXT:
        if not message.text_body.strip():
            return PREFERS_TEXT
        return "" if expert.phone else NO_PHONE
    return "" if expert.email else NO_EMAIL


def email_version_for(expert, message: Message) -> str:
    needs = expert.communication_needs or []
    if CommunicationNeed.EASY_READ in needs and message.easy_read_body.strip():
        return Version.EASY_READ
    if CommunicationNeed.LARGE_PRINT in needs:
        return Version.LARGE_PRINT
    return Version.STANDARD


def carer_copied(expert) -> bool:
    return CommunicationNeed.CARER_COPY in (expert.communication_needs or []) and bool(
        expert.carer_email
    )


# Foundation Trust members reached through a list.

ALSO_EXPERT = "member_also_expert"
NO_LONGER_SENT_TO_MEMBERS = "The list no longer goes to these members"
MEMBER_REASONS: dict[str, str] = {
    RESTRICTED: REASONS[RESTRICTED],
    **members.NEWS_REASONS,
}


def members_reached(message: Message) -> QuerySet | None:
    """The members the list goes to (None when it goes to none), each with `reason`: "" for
    those who get the message, ALSO_EXPERT for those counted with the experts, otherwise why
    not (MEMBER_REASONS). In the database, for any number of members."""
    mailing_list = message.mailing_list
    if not mailing_list.to_members:
        return None
    on_list = Member.objects.filter(mailing_list_id=mailing_list.pk)
    same_email = (
        on_list.exclude(expert__email="")
        .annotate(address=Lower("expert__email"))
        .filter(address=Lower(OuterRef("email")))
    )
    return members.news_audience(mailing_list.members_constituency_id).annotate(
        reason=Case(
            When(
                Q(expert__restricted_at__isnull=False) | Q(expert__erased_at__isnull=False),
                then=Value(RESTRICTED),
            ),
            When(~Q(news_reason=""), then=F("news_reason")),
            When(expert_id__in=on_list.values("expert_id"), then=Value(ALSO_EXPERT)),
            When(Exists(same_email), then=Value(ALSO_EXPERT)),
            default=Value(""),
            output_field=CharField(),
        )
    )


def member_reason_for(member, message: Message) -> str:
    """Why this member's copy may not go now, in words, or "": the same rules as the check
    before sending (a member who became an expert on the list since has no copy of their own
    as an expert: theirs was made as a member, so it still goes)."""
    mailing_list = message.mailing_list
    expert = member.expert
    if expert is not None and (expert.restricted_at is not None or expert.erased_at is not None):
        return REASONS[RESTRICTED]
    reason = members.news_reason_for(member)
    if reason:
        return members.NEWS_REASONS[reason]
    if not mailing_list.to_members or mailing_list.members_constituency_id not in (
        None,
        member.constituency_id,
    ):
        return NO_LONGER_SENT_TO_MEMBERS
    return ""
