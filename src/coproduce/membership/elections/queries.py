"""Reads for the election pages, each a fixed number of queries. Nothing here counts or
reads ballots: that is results.py, which refuses before the poll has closed."""

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from coproduce.membership.elections.choices import AFTER_THE_CLOSE, NominationStatus, Status
from coproduce.membership.elections.models import Election, HasVoted, Nomination, Result, Voter
from coproduce.membership.members import queries as members

PUBLIC_STATUSES = [
    Status.NOMINATIONS,
    Status.POLL,
    Status.CLOSED,
    Status.COUNTED,
    Status.UNCONTESTED,
    Status.DECLARED,
]


def elections() -> QuerySet[Election]:
    """Every election, newest first, with its constituency and nomination counts (one query)."""
    return Election.objects.select_related("constituency").annotate(
        waiting=Count("nominations", filter=Q(nominations__status=NominationStatus.SUBMITTED)),
        accepted=Count("nominations", filter=Q(nominations__status=NominationStatus.ACCEPTED)),
    )


def election(pk: int, *, constituency: bool = True) -> Election:
    """One election, with its constituency unless `constituency=False` (the vote pages never
    name it, and each vote reads the election)."""
    elections = Election.objects.filter(pk=pk)
    if constituency:
        elections = elections.select_related("constituency")
    found = elections.first()
    if found is None:
        raise Http404("No such election")
    return found


def public_election(pk: int, *, constituency: bool = True) -> Election:
    """An election whose notice is published (drafts are nobody's business but the officer's)."""
    found = election(pk, constituency=constituency)
    if found.status not in PUBLIC_STATUSES:
        raise Http404("No such election")
    return found


def nominations(election: Election) -> list[Nomination]:
    return list(
        Nomination.objects.filter(election=election)
        .select_related("member", "decided_by")
        .order_by("submitted_at", "pk")
    )


def nomination(election: Election, pk: int) -> Nomination:
    found = (
        Nomination.objects.filter(election=election, pk=pk)
        .select_related("member", "election")
        .first()
    )
    if found is None:
        raise Http404("No such nomination")
    return found


def voters_summary(election: Election) -> dict[str, int]:
    """How many voters, by email and by post, and how many have codes. Not how many voted:
    turnout waits for the close like everything else about the poll."""
    return Voter.objects.filter(election=election).aggregate(
        voters=Count("pk"),
        by_email=Count("pk", filter=Q(delivery="email")),
        by_post=Count("pk", filter=Q(delivery="post")),
        with_code=Count("pk", filter=~Q(code_hash="")),
    )


VOTERS_SHOWN = 20


def voters_named(election: Election, text: str) -> list[Voter]:
    """The voters on the election's frozen list whose name holds `text`, or whose membership
    number (their member's number on the register) or staff number it is; the first
    VOTERS_SHOWN, by name (one query). Whether anyone has voted is not read."""
    text = " ".join(text.split())
    if not text:
        return []
    match = Q(member__full_name__icontains=text) | Q(member__staff_number__iexact=text)
    if text.isdigit() and len(text) <= 9:  # a number the database's key can hold
        match |= Q(member_id=int(text))
    return list(
        Voter.objects.filter(election=election)
        .filter(match)
        .select_related("member")
        .only(
            "pk",
            "election_id",
            "member__full_name",
            "member__email",
            "member__postcode",
            "member__staff_number",
        )
        .order_by("member__full_name", "pk")[:VOTERS_SHOWN]
    )


def voter(election: Election, pk: int) -> Voter:
    """One voter on the election's list, with their member (one query), or 404."""
    found = Voter.objects.filter(election=election, pk=pk).select_related("member").first()
    if found is None:
        raise Http404("No such voter")
    return found


def turnout(election: Election) -> int | None:
    """How many voted, once the poll has closed; None before."""
    if election.status not in AFTER_THE_CLOSE:
        return None
    return HasVoted.objects.filter(voter__election=election).count()


def result(election: Election) -> Result | None:
    return Result.objects.filter(election=election).select_related("counted_by").first()


def constituencies():
    return members.constituencies()


def open_for_nominations() -> list[Election]:
    return list(Election.objects.filter(status=Status.NOMINATIONS).select_related("constituency"))
