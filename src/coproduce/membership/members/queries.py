"""Reads of the register of members, each with a fixed number of queries. The elections and
surveys apps read members through these: `current_members` (who may vote or be asked),
`member_by_email_and_birth` (a voter proving who they are) and `manage_url` (a member's link
to their own details)."""

from datetime import date

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet

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
]


def current_members(constituency_id: int | None = None) -> QuerySet[Member]:
    """Members now (not those who left), with their constituency; of one constituency if given."""
    found = Member.objects.filter(status=MemberStatus.MEMBER).select_related("constituency")
    if constituency_id is not None:
        found = found.filter(constituency_id=constituency_id)
    return found


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
