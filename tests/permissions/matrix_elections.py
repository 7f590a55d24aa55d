"""Permission matrix entries for governor elections (issue 15). The returning officer runs
them; the scrutineer, read-only, downloads the anonymous ballots and recounts once the poll has
closed; nobody else (administrators included) has any election page. The notice, nominating
yourself, voting (the one-time code is the permission) and the declared result are public."""

from tests.permissions.outcomes import PUBLIC, REDIRECT, only

officer = only(("returning_officer",))
officer_post = only(("returning_officer",), ok=REDIRECT)
scrutineer = only(("scrutineer",))

ELECTIONS: dict[str, tuple[str, str, dict[str, str]]] = {
    "elections:list": ("get", "", officer),
    "elections:create": ("get", "", officer),
    "elections:detail": ("get", "election", officer),
    "elections:edit": ("get", "election", officer),
    # Its notice published: the contact is changed on its own page from then on.
    "elections:officer_contact": ("get", "public_election", officer),
    "elections:publish": ("post", "election", officer_post),
    "elections:nomination": ("get", "election_nomination", officer),
    "elections:close_nominations": ("post", "election", officer_post),
    "elections:letters": ("get", "election", officer),
    "elections:paper_ballot": ("get", "election", officer),
    "elections:close_poll": ("post", "election", officer_post),
    "elections:new_code": ("get", "poll_election", officer),
    "elections:new_code_voter": ("get", "poll_voter", officer),
    "elections:count": ("get", "election", officer),
    "elections:scrutiny_list": ("get", "", scrutineer),
    "elections:ballots_download": ("get", "closed_election", scrutineer),
    "elections:recount": ("get", "closed_election", scrutineer),
    "elections:election_notice": ("get", "public_election", PUBLIC),
    "elections:election_candidate": ("get", "election_candidate", PUBLIC),
    "elections:election_nominate": ("get", "public_election", PUBLIC),
    "elections:election_nominated": ("get", "public_election", PUBLIC),
    "elections:election_vote": ("get", "public_election", PUBLIC),
    "elections:election_voted": ("get", "public_election", PUBLIC),
    "elections:election_result": ("get", "declared_election", PUBLIC),
}


def kwargs(key: str) -> dict | None:
    if key not in {
        "election",
        "election_nomination",
        "public_election",
        "election_candidate",
        "closed_election",
        "declared_election",
        "poll_election",
        "poll_voter",
    }:
        return None
    from django.utils import timezone

    from coproduce.membership.elections.models import Result
    from tests.membership.elections import helpers_elections as h

    if key in {"poll_election", "poll_voter"}:
        in_poll, _, _ = h.poll(names=("Ann Able", "Ben Baker"), voters=1)
        if key == "poll_election":
            return {"pk": in_poll.pk}
        return {"pk": in_poll.pk, "voter_pk": in_poll.voters.order_by("pk").first().pk}
    status = {
        "election": "draft",
        "closed_election": "closed",
        "declared_election": "declared",
    }.get(key, "nominations")
    election = h.election(status=status)
    if key == "election_nomination":
        return {"pk": election.pk, "nomination_pk": h.candidate(election, "Ann Able").pk}
    if key == "election_candidate":
        return {"pk": election.pk, "nomination_pk": h.candidate(election, "Ann Able").pk}
    if key == "declared_election":
        Result.objects.create(election=election, elected=["Ann Able"], declared_at=timezone.now())
    return {"pk": election.pk}
