"""Reads of mailing lists, each in a fixed number of queries: the lists with how many are on
each, a list's members a page at a time, the check before sending (who gets which version, who
does not and why, worked out in the database for any number of members), a message's progress
and deliveries, and the lists an expert is on or may join."""

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.http import Http404

from coproduce.comms.lists import audience
from coproduce.comms.lists.models import Delivery, MailingList, Member, Message, Version
from coproduce.membership.members import queries as members

PAGE = 25
NEEDS_SHOWN = 50


def all_lists() -> QuerySet[MailingList]:
    return MailingList.objects.select_related("team").annotate(member_count=Count("members"))


def list_by_id(pk: int) -> MailingList | None:
    return MailingList.objects.filter(pk=pk).first()


def list_or_404(pk: int) -> MailingList:
    found = MailingList.objects.select_related("team", "members_constituency").filter(pk=pk).first()
    if found is None:
        raise Http404("No such mailing list")
    return found


def members_page(
    mailing_list: MailingList, start: int, size: int = PAGE
) -> tuple[list[Member], int]:
    """A page of the list's members by name, and how many there are in all (two queries)."""
    members = Member.objects.filter(mailing_list=mailing_list)
    count = members.count()
    page = list(
        members.select_related("expert").order_by("expert__full_name", "expert_id")[
            start : start + size
        ]
    )
    return page, count


def member_ids(mailing_list: MailingList, experts: list) -> set[int]:
    return set(
        Member.objects.filter(mailing_list=mailing_list, expert__in=experts).values_list(
            "expert_id", flat=True
        )
    )


def messages_of(mailing_list: MailingList) -> QuerySet[Message]:
    return Message.objects.filter(mailing_list=mailing_list).select_related("sent_by")


def message_or_404(pk: int) -> Message:
    found = (
        Message.objects.select_related(
            "mailing_list", "mailing_list__members_constituency", "sent_by"
        )
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404("No such message")
    return found


@dataclass
class Row:
    expert_id: int
    name: str
    channel: str = ""
    version: str = ""
    carer: bool = False
    reason: str = ""

    @property
    def version_words(self) -> str:
        return Version(self.version).label if self.version else ""

    @property
    def reason_words(self) -> str:
        return audience.REASONS.get(self.reason, "")


@dataclass
class Preview:
    """Who gets a message and who does not, as the check before sending shows it."""

    members: int = 0
    by_version: dict[str, int] = field(default_factory=dict)
    by_reason: dict[str, int] = field(default_factory=dict)
    carers: int = 0
    audio_count: int = 0
    bsl_count: int = 0
    recipients: list[Row] = field(default_factory=list)
    not_getting: list[Row] = field(default_factory=list)
    audio: list[Row] = field(default_factory=list)
    bsl: list[Row] = field(default_factory=list)
    # Foundation Trust members, when the list also goes to them: counted only. The register of
    # members is the membership office's; the involvement team sees how many and why, not who.
    to_members: bool = False
    members_constituency: str = ""
    members_in_scope: int = 0
    members_getting: int = 0
    members_also_experts: int = 0
    members_by_reason: dict[str, int] = field(default_factory=dict)

    @property
    def getting(self) -> int:
        return sum(self.by_version.values())

    @property
    def everyone_getting(self) -> int:
        """Experts and members: the copies the Send button sends, carers aside."""
        return self.getting + self.members_getting

    @property
    def members_not_getting(self) -> int:
        return sum(self.members_by_reason.values())

    @property
    def member_reason_counts(self) -> list[tuple[str, int]]:
        return [
            (words, self.members_by_reason[code])
            for code, words in audience.MEMBER_REASONS.items()
            if self.members_by_reason.get(code)
        ]

    @property
    def not_getting_count(self) -> int:
        return sum(self.by_reason.values())

    @property
    def copies(self) -> int:
        return self.getting + self.carers

    @property
    def version_counts(self) -> list[tuple[str, int]]:
        return [
            (v.label, self.by_version[v.value]) for v in Version if self.by_version.get(v.value)
        ]

    @property
    def reason_counts(self) -> list[tuple[str, int]]:
        return [
            (words, self.by_reason[code])
            for code, words in audience.REASONS.items()
            if self.by_reason.get(code)
        ]


COUNTED = ("reason", "channel", "email_version", "carer", "needs_audio", "needs_bsl")


def _counts(members) -> list[tuple]:
    """How many members there are of each kind, in one query. Grouped over the annotated rows
    as a subquery: Django would group by each CASE expression written out again, which the
    database then works out twice for each of 20,000 rows; this way it is worked out once."""
    sql, params = members.order_by().values(*COUNTED).query.sql_with_params()
    columns = ", ".join(COUNTED)
    with connection.cursor() as cursor:
        # Our own column names and Django's compiled SQL; every value is a parameter.
        query = f"SELECT {columns}, COUNT(*) FROM ({sql}) AS audience GROUP BY {columns}"  # noqa: S608  # nosec B608
        cursor.execute(query, params)
        return [(*row[:3], bool(row[3]), bool(row[4]), bool(row[5]), row[6]) for row in cursor]


# Reasons that mean we may not contact the person at all: their needs are not listed to arrange.
NOT_AT_ALL = (audience.RESTRICTED, audience.DO_NOT_CONTACT, audience.NO_CONSENT)


def preview(message: Message, *, start: int = 0, others_start: int = 0) -> Preview:
    """The check before sending, in five queries whatever the size of the list: the counts by
    version and by reason (one grouped query), a page of those who get it and of those who do
    not, and who needs audio or BSL, for the team to arrange."""
    members = audience.annotate(Member.objects.filter(mailing_list=message.mailing_list), message)
    result = Preview()
    for reason, channel, email_version, carer, audio, bsl, n in _counts(members):
        result.members += n
        if reason:
            result.by_reason[reason] = result.by_reason.get(reason, 0) + n
        else:
            version = Version.TEXT.value if channel == Delivery.Channel.TEXT else email_version
            result.by_version[version] = result.by_version.get(version, 0) + n
            result.carers += n if carer else 0
        if reason not in NOT_AT_ALL:
            result.audio_count += n if audio else 0
            result.bsl_count += n if bsl else 0
    by_name = members.order_by("expert__full_name", "expert_id")
    fields = ("expert_id", "expert__full_name", "channel", "version", "carer", "reason")

    def rows(found) -> list[Row]:
        return [
            Row(i, name, c, v, bool(carer), r)
            for i, name, c, v, carer, r in found.values_list(*fields)
        ]

    result.recipients = rows(by_name.filter(reason="")[start : start + PAGE])
    result.not_getting = rows(by_name.exclude(reason="")[others_start : others_start + PAGE])
    arranged = by_name.exclude(reason__in=NOT_AT_ALL)
    if result.audio_count:
        result.audio = rows(arranged.filter(needs_audio=True)[:NEEDS_SHOWN])
    if result.bsl_count:
        result.bsl = rows(arranged.filter(needs_bsl=True)[:NEEDS_SHOWN])
    _count_members(message, result)
    return result


def _count_members(message: Message, result: Preview) -> None:
    """How many Foundation Trust members get the message and, for the rest, why not (one
    query, and none when the list does not go to members)."""
    reached = audience.members_reached(message)
    if reached is None:
        return
    result.to_members = True
    constituency = message.mailing_list.members_constituency
    result.members_constituency = constituency.name if constituency else ""
    counts = reached.order_by().values_list("reason").annotate(n=Count("pk"))
    for reason, n in counts.values_list("reason", "n"):
        if reason == audience.ALSO_EXPERT:
            result.members_also_experts += n
        elif reason:
            result.members_by_reason[reason] = result.members_by_reason.get(reason, 0) + n
        else:
            result.members_getting += n
        # Left members are on the register, not in the audience.
        if reason != members.NEWS_LEFT:
            result.members_in_scope += n


@dataclass
class Progress:
    total: int
    by_status: dict[str, int]
    # Of the total, the copies to Foundation Trust members.
    to_members: int = 0

    @property
    def sent(self) -> int:
        return self.by_status.get(Delivery.Status.SENT, 0) + self.by_status.get(
            Delivery.Status.BOUNCED, 0
        )

    @property
    def waiting(self) -> int:
        return self.by_status.get(Delivery.Status.QUEUED, 0)

    @property
    def done(self) -> int:
        return self.total - self.waiting

    @property
    def failed(self) -> int:
        return self.by_status.get(Delivery.Status.FAILED, 0)

    @property
    def bounced(self) -> int:
        return self.by_status.get(Delivery.Status.BOUNCED, 0)

    @property
    def not_sent(self) -> int:
        return self.by_status.get(Delivery.Status.NOT_SENT, 0)


def progress(message: Message) -> Progress:
    """How far sending has got, counted from the delivery records (one query)."""
    rows = list(
        Delivery.objects.filter(message=message)
        .order_by()
        .values_list("status")
        .annotate(n=Count("id"), to_members=Count("member_id"))
        .values_list("status", "n", "to_members")
    )
    counts = {status: n for status, n, _ in rows}
    return Progress(
        total=sum(counts.values()),
        by_status=counts,
        to_members=sum(m for _, _, m in rows),
    )


def deliveries_page(
    message: Message, *, status: str, start: int, size: int = 50
) -> tuple[list[Delivery], int]:
    found = Delivery.objects.filter(message=message)
    if status:
        found = found.filter(status=status)
    count = found.count()
    page = list(
        # Experts by name, then the copies to members (named on the register only).
        found.select_related("expert", "member__constituency").order_by(
            F("expert__full_name").asc(nulls_last=True), "to_carer", "id"
        )[start : start + size]
    )
    return page, count


def lists_for_expert(expert) -> tuple[list[MailingList], list[MailingList]]:
    """The lists the expert is on, and the open lists they could join (one query)."""
    on_it = Exists(Member.objects.filter(mailing_list=OuterRef("pk"), expert=expert))
    lists = list(
        MailingList.objects.annotate(mine=on_it)
        .filter(Q(open_to_join=True) | Q(mine=True))
        .order_by("name", "id")
    )
    return [m for m in lists if m.mine], [m for m in lists if not m.mine]  # type: ignore[attr-defined]


def deliveries_to(expert) -> QuerySet[Delivery]:
    return Delivery.objects.filter(expert=expert).select_related("message__mailing_list")
