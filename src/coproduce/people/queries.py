"""Reads of the register. Each returns a queryset or plain data in a fixed number of queries."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    CharField,
    Count,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    Window,
)

from coproduce.accounts.models import User
from coproduce.people.choices import Perspective, Status
from coproduce.people.import_checks import CheckedRow, find_duplicates
from coproduce.people.models import (
    AccessNeed,
    Expert,
    LivedExperienceArea,
    Locality,
    Skill,
    StatusChange,
)

SORTS = {
    "name": ("full_name", "id"),
    "-name": ("-full_name", "-id"),
    "status": ("status", "full_name", "id"),
    "-status": ("-status", "full_name", "id"),
    "added": ("created_at", "id"),
    "-added": ("-created_at", "-id"),
    "locality": ("locality__name", "full_name", "id"),
    "-locality": ("-locality__name", "full_name", "id"),
}


@dataclass
class RegisterFilters:
    text: str = ""
    statuses: list[str] = field(default_factory=list)
    perspectives: list[str] = field(default_factory=list)
    areas: list[int] = field(default_factory=list)
    skills: list[int] = field(default_factory=list)
    localities: list[int] = field(default_factory=list)
    payment_preferences: list[str] = field(default_factory=list)
    access_needs: list[int] = field(default_factory=list)
    sort: str = "name"


def search_register(filters: RegisterFilters) -> QuerySet[Expert]:
    """Experts matching every filter given; a filter with several values matches any of them.
    People whose processing is restricted, or who were erased, are never found."""
    experts = Expert.objects.processable().select_related("locality")
    text = filters.text.strip()
    if text:
        digits = "".join(ch for ch in text if ch.isdigit())
        match = (
            Q(full_name__icontains=text)
            | Q(preferred_name__icontains=text)
            | Q(email__icontains=text)
        )
        if len(digits) >= 4:
            # Phones are stored as +447700900123: match on the digits after the leading 0.
            match |= Q(phone__contains=digits.lstrip("0"))
        experts = experts.filter(match)
    if filters.statuses:
        experts = experts.filter(status__in=filters.statuses)
    if filters.perspectives:
        experts = experts.filter(perspective__in=filters.perspectives)
    if filters.localities:
        experts = experts.filter(locality__in=filters.localities)
    if filters.payment_preferences:
        experts = experts.filter(payment_preference__in=filters.payment_preferences)
    # Many-to-many filters use a subquery so that an expert never appears twice.
    if filters.areas:
        experts = experts.filter(
            pk__in=Expert.lived_experience.through.objects.filter(
                livedexperiencearea_id__in=filters.areas
            ).values("expert_id")
        )
    if filters.skills:
        experts = experts.filter(
            pk__in=Expert.skills.through.objects.filter(skill_id__in=filters.skills).values(
                "expert_id"
            )
        )
    if filters.access_needs:
        experts = experts.filter(
            pk__in=Expert.access_needs.through.objects.filter(
                accessneed_id__in=filters.access_needs
            ).values("expert_id")
        )
    return experts.order_by(*SORTS.get(filters.sort, SORTS["name"]))


def with_expertise(experts: QuerySet[Expert]) -> QuerySet[Expert]:
    """Adds the lists shown beside each expert, in one query per list."""
    return experts.prefetch_related(
        Prefetch("lived_experience", queryset=LivedExperienceArea.objects.order_by("name")),
        Prefetch("skills", queryset=Skill.objects.order_by("name")),
        Prefetch("access_needs", queryset=AccessNeed.objects.order_by("name")),
    )


def experts_by_id(ids: list[int]) -> QuerySet[Expert]:
    """These experts, by name (ids that match nobody are left out)."""
    return Expert.objects.filter(pk__in=ids).order_by("full_name")


def list_entries(model) -> QuerySet:
    """The entries of one of the lists the team keeps (skills, localities, ...), each with
    how many experts it describes, in the list's order."""
    return model.objects.annotate(n=Count("experts")).order_by("order", "name")


def register_page(experts: QuerySet[Expert]) -> QuerySet[Expert]:
    """A page of the register as its table shows it: the columns it shows. Lived experience,
    the one list it shows, is read by `lived_experience_names`."""
    return experts.only("full_name", "preferred_name", "status", "locality__name")


def counted_page(
    experts: QuerySet[Expert], start: int, size: int, *, searched: bool
) -> tuple[list[Expert], int | None]:
    """A page of the register (as register_page) and how many experts match in all, in one
    query: the count rides on each row. After a search by name, email or phone (`searched`)
    it is counted over the rows found, since finding them is the work and a count then a page
    would do it twice; otherwise by a count of its own inside the query, which the indexes
    answer, so the page is still read in the order of an index, stopping when it is full.
    None when the page is past the last: no row came back to carry it."""
    if searched:
        matching: Any = Window(Count("pk"))
    else:
        matching = Subquery(
            experts.order_by().values(everyone=Value(1)).annotate(n=Count("pk")).values("n")
        )
    rows = list(register_page(experts.annotate(matching=matching))[start : start + size])
    return rows, (rows[0].matching if rows else None)  # type: ignore[attr-defined]


def lived_experience_names(experts: list[Expert]) -> dict[int, list[str]]:
    """The names of each expert's areas of lived experience, by name, in one query: plain
    names, not a prefetch, which made a model and a related manager for every one."""
    names: dict[int, list[str]] = {expert.pk: [] for expert in experts}
    if names:
        pairs = (
            Expert.lived_experience.through.objects.filter(expert_id__in=names)
            .order_by("livedexperiencearea__name", "livedexperiencearea_id")
            .values_list("expert_id", "livedexperiencearea__name")
        )
        for expert_id, name in pairs:
            names[expert_id].append(name)
    return names


# The register's filters for the team's own lists, by the form field that shows each.
FILTER_LISTS = {
    "area": LivedExperienceArea,
    "skill": Skill,
    "locality": Locality,
    "need": AccessNeed,
}


def filter_entries() -> dict[str, list[tuple[int, str]]]:
    """Every entry of the lists the register filters on, as (id, name) in each list's order,
    in one query (four lists read one by one took four, each making a model an entry)."""
    lists = [
        model.objects.annotate(kind=Value(kind, output_field=CharField()))
        .values_list("kind", "id", "name", "order")
        .order_by()
        for kind, model in FILTER_LISTS.items()
    ]
    entries: dict[str, list[tuple[int, str]]] = {kind: [] for kind in FILTER_LISTS}
    for kind, pk, name, _order in (
        lists[0].union(*lists[1:], all=True).order_by("kind", "order", "name", "id")
    ):
        entries[kind].append((pk, name))
    return entries


def restricted_people() -> QuerySet[Expert]:
    """Everyone whose processing is restricted, longest restricted first, with who did it:
    one query. They are found nowhere else, so the team keeps track of them here."""
    return (
        Expert.objects.restricted().select_related("restricted_by").order_by("restricted_at", "id")
    )


def expert_profile(pk: int) -> QuerySet[Expert]:
    return with_expertise(Expert.objects.filter(pk=pk).select_related("locality", "user"))


def status_history(expert: Expert) -> QuerySet[StatusChange]:
    return expert.status_changes.select_related("by")


@dataclass
class RegisterSummary:
    total: int
    by_status: list[tuple[str, str, int]]
    by_perspective: list[tuple[str, str, int]]
    by_area: list[tuple[int, str, int]]
    by_locality: list[tuple[int | None, str, int]]


def register_summary() -> RegisterSummary:
    """How many experts there are, by status, perspective, lived experience and locality."""
    status_counts = dict(Expert.objects.values_list("status").annotate(n=Count("id")).order_by())
    perspective_counts = dict(
        Expert.objects.values_list("perspective").annotate(n=Count("id")).order_by()
    )
    areas = (
        LivedExperienceArea.objects.annotate(
            n=Count("experts", filter=~Q(experts__status=Status.LEFT))
        )
        .order_by("-n", "name")
        .values_list("id", "name", "n")
    )
    localities: list[Any] = list(
        Locality.objects.annotate(n=Count("experts", filter=~Q(experts__status=Status.LEFT)))
        .order_by("-n", "name")
        .values_list("id", "name", "n")
    )
    unknown_locality = (
        Expert.objects.filter(locality__isnull=True).exclude(status=Status.LEFT).count()
    )
    if unknown_locality:
        localities.append((None, "Not recorded", unknown_locality))
    return RegisterSummary(
        total=sum(status_counts.values()),
        by_status=[(s.value, s.label, status_counts.get(s.value, 0)) for s in Status],
        by_perspective=[
            (p.value, p.label, perspective_counts.get(p.value, 0)) for p in Perspective
        ],
        by_area=list(areas),
        by_locality=localities,
    )


@dataclass(frozen=True)
class LikelyMatch:
    """Someone on the register who may be the person being added, and why we think so."""

    expert: Expert
    reason: str  # "email", "phone" or "name", as the import's duplicate check says
    reason_text: str


def likely_matches(*, full_name: str, email: str, phone: str) -> list[LikelyMatch]:
    """People already on the register who may be this person, by the import's own rules (same
    email, same phone number or a close name), so a person added by hand is checked as one
    added from a spreadsheet is. Two queries."""
    row = CheckedRow(
        number=1, values={"full_name": full_name, "email": email.lower(), "phone": phone}
    )
    found = [d for d in find_duplicates([row]) if d.expert_id is not None]
    experts = Expert.objects.select_related("locality").in_bulk([d.expert_id for d in found])
    return [
        LikelyMatch(experts[d.expert_id], d.reason, d.reason_text)
        for d in found
        if d.expert_id in experts
    ]


def account_with_email(email: str) -> User | None:
    """The account that signs in with this email address, if there is one: an address can
    belong to only one account."""
    if not email:
        return None
    return User.objects.filter(email__iexact=email).select_related("expert").first()


def get_expert_for(user, pk: int, *, erased: bool = False) -> Expert:
    """The expert this user may see, or 404: an expert asking for someone else's record learns
    nothing, not even that it exists. An erased record is found only where the caller says it
    may be (`erased=True`: its own page, which says when it was erased): nothing else can be
    done with it."""
    from django.http import Http404

    expert = expert_profile(pk).first()
    if expert is None or not user.has_perm("people.view_expert", expert):
        raise Http404
    if expert.erased_at is not None and not erased:
        raise Http404
    return expert


def signed_in_expert(user, *, with_profile: bool = False) -> Expert:
    """The signed-in expert's own record (one query); 404 for an account with none.
    `with_profile=True` adds their locality and expertise lists, for their profile pages."""
    from django.http import Http404

    experts: QuerySet[Expert] = Expert.objects.filter(user=user)
    if with_profile:
        experts = with_expertise(experts.select_related("locality"))
    expert = experts.first() if user.is_authenticated else None
    if expert is None:
        raise Http404
    return expert


def added_by_import(batch) -> QuerySet[Expert]:
    """The people an import added to the register, by name."""
    return Expert.objects.filter(source=batch.source).order_by("full_name", "id")
