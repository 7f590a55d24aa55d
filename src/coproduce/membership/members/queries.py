"""Reads of the register of members, each with a fixed number of queries. The elections and
surveys apps read members through these: `current_members` (who may vote or be asked),
`member_by_email_and_birth` (a voter proving who they are) and `manage_url` (a member's link
to their own details). The mailing lists read `news_audience` (who gets the trust's news by
email, and why the others do not) and `member_for_news` (a member following the link in that
news to stop it)."""

from datetime import date

from django.core.paginator import Page, Paginator
from django.db.models import Case, CharField, Count, Q, QuerySet, Value, When

from coproduce.membership.members import postcodes
from coproduce.membership.members.choices import AreaKind, ConstituencyKind, MemberStatus
from coproduce.membership.members.links import manage_url
from coproduce.membership.members.models import (
    Constituency,
    Member,
    MemberCharacteristics,
    MembershipSettings,
)

PER_PAGE = 50

__all__ = [
    "constituencies",
    "constituency_for_postcode",
    "current_members",
    "manage_url",
    "member_by_email_and_birth",
    "members_page",
    "member_for_news",
    "news_audience",
    "news_reason_for",
]

# Why a member does not get the trust's news by email ("" for those who do), in order.
NEWS_LEFT = "member_left"
NEWS_NOT_WANTED = "member_no_news"
NEWS_BY_POST = "member_by_post"
NEWS_NOT_BY_EMAIL = "member_not_by_email"
NEWS_NO_EMAIL = "member_no_email"
NEWS_REASONS: dict[str, str] = {
    NEWS_LEFT: "Left the membership",
    NEWS_NOT_WANTED: "Asked for no news from the trust",
    NEWS_BY_POST: "Prefer news by post: the membership office posts it",
    NEWS_NOT_BY_EMAIL: "Did not agree to hear from us by email",
    NEWS_NO_EMAIL: "Agreed to email, but we have no email address",
}


def current_members(constituency_id: int | None = None) -> QuerySet[Member]:
    """Members now (not those who left), with their constituency; of one constituency if given."""
    found = Member.objects.filter(status=MemberStatus.MEMBER).select_related("constituency")
    if constituency_id is not None:
        found = found.filter(constituency_id=constituency_id)
    return found


def _news_reason():
    return Case(
        When(status=MemberStatus.LEFT, then=Value(NEWS_LEFT)),
        When(wants_news=False, then=Value(NEWS_NOT_WANTED)),
        When(Q(by_email=True) & ~Q(email=""), then=Value("")),
        When(by_post=True, then=Value(NEWS_BY_POST)),
        When(by_email=False, then=Value(NEWS_NOT_BY_EMAIL)),
        default=Value(NEWS_NO_EMAIL),
        output_field=CharField(),
    )


def news_audience(constituency_id: int | None = None) -> QuerySet[Member]:
    """Everyone on the register (of one constituency if given), current or left, with
    `news_reason`: "" for a current member who agreed to hear the trust's news by email and
    gave an address, otherwise why not (NEWS_REASONS). Worked out in the database, so the
    caller counts or pages any number of members in one query; `.filter(news_reason="")` is
    the members to send to."""
    found = Member.objects.all()
    if constituency_id is not None:
        found = found.filter(constituency_id=constituency_id)
    return found.annotate(news_reason=_news_reason())


def news_reason_for(member: Member) -> str:
    """The same rules as news_audience, for one member in Python: checked again as their copy
    of the news goes."""
    if member.status == MemberStatus.LEFT:
        return NEWS_LEFT
    if not member.wants_news:
        return NEWS_NOT_WANTED
    if member.by_email and member.email:
        return ""
    if member.by_post:
        return NEWS_BY_POST
    return NEWS_NO_EMAIL if member.by_email else NEWS_NOT_BY_EMAIL


def member_for_news(pk: int) -> Member | None:
    """A member by id, current or left, for the link in the news that stops it (one query)."""
    return Member.objects.filter(pk=pk).first()


def member_by_email_and_birth(email: str, date_of_birth: date) -> Member | None:
    """The current member with this email address and date of birth, or None (one query)."""
    if not email:
        return None
    return (
        current_members()
        .filter(email__iexact=email.strip(), date_of_birth=date_of_birth)
        .order_by("pk")
        .first()
    )


def current_members_by_email(email: str) -> list[Member]:
    return list(current_members().filter(email__iexact=email.strip()).order_by("pk")[:5])


def duplicate_of(
    *, email: str, full_name: str, date_of_birth: date, postcode: str
) -> Member | None:
    """A current member who is this person already: the same email address, or the same name,
    date of birth and postcode (one query)."""
    same_person = Q(
        full_name__iexact=full_name.strip(),
        date_of_birth=date_of_birth,
        postcode=postcodes.normalise(postcode),
    )
    if email:
        same_person |= Q(email__iexact=email.strip())
    if not email and not postcode:
        return None
    return current_members().filter(same_person).order_by("pk").first()


def minimum_age() -> int:
    return MembershipSettings.current().minimum_age


def membership_settings() -> MembershipSettings:
    return MembershipSettings.current()


def constituencies() -> list[Constituency]:
    """Every constituency, in order, with how many current members each has (one query)."""
    return list(
        Constituency.objects.annotate(
            current=Count("members", filter=Q(members__status=MemberStatus.MEMBER))
        ).order_by("order", "name")
    )


def constituency(pk: int) -> Constituency | None:
    return Constituency.objects.filter(pk=pk).first()


def open_public_constituencies() -> list[Constituency]:
    return list(Constituency.objects.filter(kind=ConstituencyKind.PUBLIC, open_to_new_members=True))


def joinable(kind: ConstituencyKind) -> Constituency | None:
    """The open constituency of this kind (patients and carers, or staff)."""
    return Constituency.objects.filter(kind=kind, open_to_new_members=True).first()


def constituency_for_postcode(postcode: str, public: list[Constituency]) -> Constituency | None:
    """The open public constituency whose postcode districts include this postcode's."""
    district = postcodes.district(postcode)
    if not district:
        return None
    for found in public:
        if found.area_kind == AreaKind.POSTCODE_DISTRICTS and district in found.areas:
            return found
    return None


def local_authority_choices(public: list[Constituency]) -> list[tuple[str, str]]:
    """Each local authority area an open public constituency covers: value "pk:area"."""
    return sorted(
        (
            (f"{found.pk}:{area}", area)
            for found in public
            if found.area_kind == AreaKind.LOCAL_AUTHORITIES
            for area in found.areas
        ),
        key=lambda pair: pair[1],
    )


def search_members(
    *, text: str = "", constituency_id: int | None = None, status: str = ""
) -> QuerySet[Member]:
    """The office's search: by name, email or postcode, and by constituency and status."""
    found = Member.objects.select_related("constituency")
    text = text.strip()
    if text:
        found = found.filter(
            Q(full_name__icontains=text)
            | Q(email__icontains=text)
            | Q(postcode__istartswith=postcodes.normalise(text))
        )
    if constituency_id:
        found = found.filter(constituency_id=constituency_id)
    if status in MemberStatus.values:
        found = found.filter(status=status)
    return found.order_by("full_name", "pk")


def members_page(number: str | int | None, **filters) -> Page:
    """One page of the search (two queries: the count and the rows)."""
    return Paginator(search_members(**filters), PER_PAGE).get_page(number)


def member(pk: int) -> Member | None:
    return Member.objects.select_related("constituency", "expert").filter(pk=pk).first()


def member_of_expert(expert) -> Member | None:
    """The expert's membership, current or not (one query)."""
    return Member.objects.filter(expert=expert).select_related("constituency").first()


def characteristics_of(member: Member) -> dict[str, str]:
    """What the member told us for the regulator's report, for their own form only."""
    found = MemberCharacteristics.objects.filter(member=member).first()
    if found is None:
        return {}
    return {"sex": found.sex, "ethnic_group": found.ethnic_group, "disability": found.disability}
