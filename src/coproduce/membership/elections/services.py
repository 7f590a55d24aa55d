"""Everything that changes an election, each in one transaction with its audit record. The
permission is the caller's to check; a change the election's state or timetable forbids is
refused with `ElectionError`, in words to show the person.

What a voter voted for is never written to the audit trail, a log or an email: only that a
ballot was cast."""

import secrets
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from coproduce.audit import services as audit
from coproduce.audit.models import AuditEvent
from coproduce.membership.elections import codes, notify, results, voter_codes
from coproduce.membership.elections.choices import (
    AFTER_THE_CLOSE,
    MOVES,
    Channel,
    Delivery,
    Method,
    NominationStatus,
    Status,
)
from coproduce.membership.elections.models import (
    Ballot,
    Election,
    HasVoted,
    Nomination,
    Result,
    Voter,
)
from coproduce.membership.members import queries as members
from coproduce.membership.members.models import Member

TIMETABLE = [
    "notice_published",
    "nominations_open",
    "nominations_close",
    "withdrawals_close",
    "poll_opens",
    "poll_closes",
    "declaration",
]
OFFICER = ["officer_name", "officer_email", "officer_phone"]
FIELDS = ["title", "constituency", "seats", "method", *TIMETABLE, *OFFICER]


class ElectionError(Exception):
    """A change refused, with the words to show the person."""


class VoteRefused(ElectionError):
    """A vote not taken. The message never says anything about how anyone voted."""


class CodeRefused(VoteRefused):
    """A vote not taken because of the code itself (used already, for another election, or
    no voter's): the vote page says so beside the code's box."""


class UnknownCode(CodeRefused):
    """A code that is no voter's: the one refusal counted against guessing (guesses.py)."""


def _move(election: Election, to: Status) -> str:
    before = election.status
    if to not in MOVES[before]:
        raise ElectionError(
            f"This election is {election.get_status_display().lower()}: "
            f"it cannot be made {Status(to).label.lower()} now."
        )
    election.status = to
    return before


def _locked(election: Election) -> Election:
    return Election.objects.select_for_update().get(pk=election.pk)


def save_election(*, actor, values: dict, election: Election | None = None) -> Election:
    """Makes a draft election, or changes one. Once its notice is published the timetable is
    the one members were told of, so it no longer changes here."""
    with transaction.atomic():
        if election is None:
            election = Election(**{name: values[name] for name in FIELDS})
            election.save()
            audit.record_change(
                actor=actor,
                instance=election,
                action=AuditEvent.Action.CREATED,
                summary=f"Election made: {election.title}",
            )
            return election
        election = _locked(election)
        if election.status != Status.DRAFT:
            raise ElectionError("The notice is published: the election can no longer be changed.")
        changes = {}
        for name in FIELDS:
            before, after = getattr(election, name), values[name]
            if before != after:
                changes[name] = [str(before), str(after)]
                setattr(election, name, after)
        election.save()
        audit.record_change(
            actor=actor,
            instance=election,
            action=AuditEvent.Action.UPDATED,
            changes=changes,
            summary=f"Election changed: {election.title}",
        )
    return election


CONTACT_DISPOSED = (
    "The election’s documents are disposed of: the returning officer’s contact can no longer "
    "be changed."
)


def change_officer_contact(*, actor, election: Election, values: dict) -> Election:
    """Changes only the returning officer's contact (`OFFICER`), at any point of the election:
    voters who lose their code need it during the poll, and an officer's phone number may
    change. Refused once the election's documents are disposed of (the election is over and
    kept only for its result). Nothing is written when nothing changed."""
    with transaction.atomic():
        election = _locked(election)
        if election.documents_disposed_at is not None:
            raise ElectionError(CONTACT_DISPOSED)
        changes = {}
        for name in OFFICER:
            before, after = getattr(election, name), values[name]
            if before != after:
                changes[name] = [before, after]
                setattr(election, name, after)
        if changes:
            election.save(update_fields=[*changes, "updated_at"])
            audit.record_change(
                actor=actor,
                instance=election,
                action=AuditEvent.Action.UPDATED,
                changes=changes,
                summary=f"Returning officer’s contact changed: {election.title}",
            )
    return election


def publish_notice(*, actor, election: Election) -> Election:
    """Publishes the notice of election: the public may see it and members may nominate
    themselves from the day nominations open."""
    with transaction.atomic():
        election = _locked(election)
        before = _move(election, Status.NOMINATIONS)
        election.save(update_fields=["status", "updated_at"])
        audit.record_change(
            actor=actor,
            instance=election,
            action=AuditEvent.Action.PUBLISHED,
            changes={"status": [before, election.status]},
            summary=f"Notice of election published: {election.title}",
        )
    return election


def find_nominee(*, election: Election, full_name: str, email: str, date_of_birth) -> Member | None:
    """The current member of the election's constituency with these details, or None."""
    member = members.member_by_email_and_birth(email, date_of_birth)
    if member is None or member.constituency_id != election.constituency_id:
        return None
    if " ".join(full_name.split()).casefold() != " ".join(member.full_name.split()).casefold():
        return None
    return member


def submit_nomination(
    *,
    election: Election,
    member: Member,
    statement: str,
    interests: str,
    now: datetime | None = None,
) -> Nomination:
    """A member's nomination of themselves, waiting for the returning officer's decision."""
    now = now or timezone.now()
    try:
        with transaction.atomic():
            election = _locked(election)
            if not election.nominations_are_open(now):
                raise ElectionError("Nominations for this election are closed.")
            nomination = Nomination.objects.create(
                election=election,
                member=member,
                statement=statement,
                declares_eligible=True,
                interests=interests,
                submitted_at=now,
            )
            audit.record_change(
                actor=None,
                instance=nomination,
                subject=member,
                action=AuditEvent.Action.CREATED,
                summary=f"Nomination received for {election.title}",
            )
    except IntegrityError:
        raise ElectionError("You have already sent a nomination for this election.") from None
    return nomination


def decide_nomination(
    *, actor, nomination: Nomination, accept: bool, reason: str = "", now: datetime | None = None
) -> Nomination:
    """Accepts a nomination, or rejects it with the reason the candidate is told."""
    now = now or timezone.now()
    with transaction.atomic():
        election = _locked(nomination.election)
        nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
        if election.status != Status.NOMINATIONS:
            raise ElectionError("Nominations are closed: decisions can no longer change.")
        if nomination.status == NominationStatus.WITHDRAWN:
            raise ElectionError("This nomination was withdrawn.")
        if not accept and not reason.strip():
            raise ElectionError("Enter the reason the nomination is rejected")
        before = nomination.status
        nomination.status = NominationStatus.ACCEPTED if accept else NominationStatus.REJECTED
        nomination.reason = "" if accept else reason.strip()
        nomination.decided_by = actor
        nomination.decided_at = now
        nomination.save()
        audit.record_change(
            actor=actor,
            instance=nomination,
            subject=nomination.member,
            action=AuditEvent.Action.ACCEPTED if accept else AuditEvent.Action.DECLINED,
            changes={"status": [before, nomination.status]},
            summary=f"Nomination {nomination.get_status_display().lower()}: {election.title}",
        )
    return nomination


def withdraw_nomination(
    *, actor, nomination: Nomination, now: datetime | None = None
) -> Nomination:
    """Records a candidate's written withdrawal, which must come before withdrawals close."""
    now = now or timezone.now()
    with transaction.atomic():
        election = _locked(nomination.election)
        nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
        if not election.withdrawals_are_open(now) or election.status != Status.NOMINATIONS:
            raise ElectionError("Withdrawals for this election have closed.")
        if nomination.status == NominationStatus.WITHDRAWN:
            raise ElectionError("This nomination is already withdrawn.")
        before = nomination.status
        nomination.status = NominationStatus.WITHDRAWN
        nomination.decided_by = actor
        nomination.decided_at = now
        nomination.save()
        audit.record_change(
            actor=actor,
            instance=nomination,
            subject=nomination.member,
            action=AuditEvent.Action.WITHDRAWN,
            changes={"status": [before, nomination.status]},
            summary=f"Nomination withdrawn: {election.title}",
        )
    return nomination


def close_nominations(*, actor, election: Election, now: datetime | None = None) -> Election:
    """After withdrawals close: with no more accepted candidates than seats, they are all
    elected unopposed and the result declared; otherwise the poll is set up, its list of voters
    frozen (the constituency's members at this moment) and the emailing of codes queued."""
    now = now or timezone.now()
    with transaction.atomic():
        election = _locked(election)
        if election.status != Status.NOMINATIONS:
            raise ElectionError("Nominations are not open for this election.")
        if election.withdrawals_are_open(now):
            raise ElectionError(
                "Withdrawals are still open. Close nominations after the withdrawal deadline."
            )
        if Nomination.objects.filter(election=election, status=NominationStatus.SUBMITTED).exists():
            raise ElectionError("Accept or reject every nomination first.")
        accepted = list(
            Nomination.objects.filter(
                election=election, status=NominationStatus.ACCEPTED
            ).select_related("member")
        )
        if len(accepted) <= election.seats:
            before = _move(election, Status.UNCONTESTED)
            names = [n.member.full_name for n in sorted(accepted, key=results.ballot_order_key)]
            Result.objects.create(
                election=election,
                sheet={"uncontested": True, "candidates": names},
                elected=names,
                elected_nominations=[n.pk for n in accepted],
                counted_by=actor,
                counted_at=now,
                declared_at=now,
            )
            summary = f"Declared without a poll: {election.title}"
        else:
            before = _move(election, Status.POLL)
            voters = [
                Voter(
                    election=election,
                    member=member,
                    delivery=Delivery.EMAIL if member.email else Delivery.POST,
                )
                for member in members.current_members(election.constituency_id)
                .select_related(None)
                .only("pk", "email")
            ]
            Voter.objects.bulk_create(voters, batch_size=2000)
            election.voters_frozen_at = now
            summary = f"Poll set up, {len(voters)} voters: {election.title}"
        election.save()
        audit.record_change(
            actor=actor,
            instance=election,
            action=AuditEvent.Action.STATUS_CHANGED,
            changes={"status": [before, election.status]},
            summary=summary,
        )
        if election.status == Status.POLL:
            from coproduce.membership.elections import tasks

            election_id = election.pk
            transaction.on_commit(lambda: tasks.send_voting_codes.enqueue(election_id))
    return election


def letters(*, actor, election: Election, now: datetime | None = None) -> list[dict]:
    """The voters who have no email address, with a fresh code each, for the letters. Once
    only: the codes exist nowhere else, so a second file would mean two codes per voter."""
    now = now or timezone.now()
    with transaction.atomic():
        election = _locked(election)
        if election.status != Status.POLL:
            raise ElectionError("There is no poll to send letters for.")
        if election.letters_downloaded_at is not None:
            raise ElectionError(
                "The letters' codes were downloaded already, "
                f"on {timezone.localtime(election.letters_downloaded_at):%-d %B %Y at %H:%M}."
            )
        rows = []
        voters = list(
            Voter.objects.filter(election=election, delivery=Delivery.POST)
            .select_related("member")
            .order_by("member__postcode", "pk")
        )
        for voter in voters:
            code = codes.new_code()
            voter.code_hash = codes.code_hash(code)
            voter.code_sent_at = now
            rows.append(
                {
                    "name": voter.member.full_name,
                    "address": voter.member.address,
                    "postcode": voter.member.postcode,
                    "code": code,
                }
            )
        Voter.objects.bulk_update(voters, ["code_hash", "code_sent_at"], batch_size=2000)
        election.letters_downloaded_at = now
        election.save(update_fields=["letters_downloaded_at", "updated_at"])
        audit.record_export(
            actor=actor,
            action=AuditEvent.Action.REGISTER_EXPORTED,
            what=election,
            summary=f"Voting codes for letters downloaded: {election.title}",
            details={"format": "csv", "rows": len(rows)},
        )
    return rows


def cast_vote(
    *,
    election: Election,
    code: str,
    preferences: Sequence[int],
    channel: Channel = Channel.ONLINE,
    rejection: str = "",
    actor=None,
    now: datetime | None = None,
    standing: Collection[int] | None = None,
) -> Ballot:
    """Takes one vote: the voter marked as having voted and the ballot kept, in one
    transaction, so a code votes once however many times it is sent at the same moment. The
    ballot keeps no trace of the voter. `standing`: the accepted candidates' nominations, when
    the caller has them already (the ballot page did); read here otherwise."""
    now = now or timezone.now()
    if not election.poll_is_open(now):
        if election.poll_has_closed(now) or election.status in AFTER_THE_CLOSE:
            raise VoteRefused("The poll for this election has closed.")
        raise VoteRefused("The poll for this election has not opened yet.")
    voter = voter_for_code(election, code)
    accepted = set(
        standing
        if standing is not None
        else Nomination.objects.filter(
            election=election, status=NominationStatus.ACCEPTED
        ).values_list("pk", flat=True)
    )
    if not rejection and (
        not preferences
        or len(set(preferences)) != len(preferences)
        or not accepted.issuperset(preferences)
    ):
        raise VoteRefused("Choose at least one candidate on the ballot.")
    if election.method == Method.FPTP:
        if len(preferences) > election.seats:
            raise VoteRefused(f"Choose no more than {election.seats} candidates.")
        preferences = sorted(preferences)  # the order marks were made in is not kept
    try:
        with transaction.atomic():
            HasVoted.objects.create(voter=voter)
            ballot = Ballot.objects.create(
                election=election,
                preferences=list(preferences),
                channel=channel,
                rejection=rejection,
            )
    except IntegrityError:
        raise CodeRefused(ALREADY_VOTED) from None
    if channel == Channel.PAPER:
        audit.record_change(
            actor=actor,
            instance=election,
            action=AuditEvent.Action.CREATED,
            summary=f"Paper ballot recorded: {election.title}",
        )
    return ballot


ALREADY_VOTED = "This code has already been used to vote. Each member has one vote."
UNKNOWN_CODE = (
    "We do not recognise that code. Check it against your email or letter: "
    "it is 12 letters and numbers, like 7KQM-3XRT-AC9D."
)
OTHER_ELECTION = "That code is for a different election. Use the link in your email or letter."


def voter_for_code(election: Election, code: str) -> Voter:
    """The voter whose code this is, in this election and not yet voted, or VoteRefused."""
    if not codes.looks_like_a_code(code):
        raise UnknownCode(UNKNOWN_CODE)
    voter = (
        Voter.objects.filter(code_hash=codes.code_hash(code))
        .select_related("has_voted")
        .only("pk", "election_id", "has_voted")
        .first()
    )
    if voter is None:
        raise UnknownCode(UNKNOWN_CODE)
    if voter.election_id != election.pk:
        raise CodeRefused(OTHER_ELECTION)
    if hasattr(voter, "has_voted"):
        raise CodeRefused(ALREADY_VOTED)
    return voter


@dataclass(frozen=True)
class NewCode:
    """A voter's replacement code, as the returning officer is told of it: `emailed_to` the
    address it went to, or `code` to send by letter (shown this once, kept nowhere)."""

    voter: Voter
    emailed_to: str = ""
    code: str = ""
    email_failed: bool = False


NO_POLL = "This election was decided without a poll: there are no codes to vote with."
NO_POLL_YET = (
    "There is no poll yet. Voters are sent their codes when nominations close and the poll "
    "is set up."
)
POLL_CLOSED_NO_CODE = "The poll has closed: a new code could not be used to vote."
NOT_A_VOTER = "That person is not on this election's list of voters."
VOTED_NO_CODE = (
    "{name} has already voted. Each member has one vote, so they cannot have a new code."
)


def check_poll_open_for_codes(election: Election, now: datetime) -> None:
    """ElectionError, in words for the returning officer, unless the poll is open now."""
    if election.poll_is_open(now):
        return
    if election.status == Status.UNCONTESTED:
        raise ElectionError(NO_POLL)
    if election.status in {Status.DRAFT, Status.NOMINATIONS}:
        raise ElectionError(NO_POLL_YET)
    if election.status == Status.POLL and not election.poll_has_closed(now):
        raise ElectionError(
            f"The poll opens on {election.poll_opens:%-d %B %Y}. "
            "A lost code can be replaced once it is open."
        )
    raise ElectionError(POLL_CLOSED_NO_CODE)


def replace_lost_code(
    *, actor, election: Election, voter_pk: int, now: datetime | None = None
) -> NewCode:
    """Gives a voter who lost their code a new one, while the poll is open: the old code stops
    working at once (its hash is replaced), and the new one is emailed to a voter with an email
    address, or returned for the returning officer to send by letter (if the email cannot be
    sent, it is returned too, for a letter). Refused for a voter who has voted. The audit trail
    says who, which voter and when, never the code."""
    now = now or timezone.now()
    with transaction.atomic():
        # Locked, so that two replacements at once for the same voter run one after the other:
        # the second replaces the first, and one code works.
        election = _locked(election)
        check_poll_open_for_codes(election, now)
        voter = (
            Voter.objects.select_for_update(of=("self",))
            .select_related("member")
            .filter(election=election, pk=voter_pk)
            .first()
        )
        if voter is None:
            raise ElectionError(NOT_A_VOTER)
        if HasVoted.objects.filter(voter=voter).exists():
            raise ElectionError(VOTED_NO_CODE.format(name=voter.member.full_name))
        email = voter.member.email
        before = voter.code_sent_at
        code = voter_codes.issue_code(voter, now=now)
        audit.record_change(
            actor=actor,
            instance=voter,
            subject=voter.member,
            action=AuditEvent.Action.UPDATED,
            changes={"code_sent_at": [before.isoformat() if before else None, now.isoformat()]},
            summary=f"New code to vote made {'to be emailed' if email else 'for a letter'}; "
            f"the lost one no longer works: {election.title}",
        )
    if not email:
        return NewCode(voter=voter, code=code)
    if notify.email_code(election, voter, code):
        return NewCode(voter=voter, emailed_to=email)
    audit.record_change(
        actor=actor,
        instance=voter,
        subject=voter.member,
        action=AuditEvent.Action.UPDATED,
        summary=f"The new code could not be emailed: shown for a letter instead: {election.title}",
    )
    return NewCode(voter=voter, code=code, email_failed=True)


def close_poll(*, actor, election: Election, now: datetime | None = None) -> Election:
    """Closes the poll once its last day is over. Only then can ballots be counted."""
    now = now or timezone.now()
    with transaction.atomic():
        election = _locked(election)
        if election.status == Status.POLL and not election.poll_has_closed(now):
            raise ElectionError(
                "The poll is open until the end of "
                f"{election.poll_closes:%-d %B %Y}. It can be closed after that."
            )
        before = _move(election, Status.CLOSED)
        election.save(update_fields=["status", "updated_at"])
        audit.record_change(
            actor=actor,
            instance=election,
            action=AuditEvent.Action.STATUS_CHANGED,
            changes={"status": [before, election.status]},
            summary=f"Poll closed: {election.title}",
        )
    return election


def run_count(
    *, actor, election: Election, now: datetime | None = None, lot_seed: int | None = None
) -> Result:
    """Counts the ballots (after the close only) and keeps the count sheet and any lot's seed.
    Counting again before the declaration replaces the sheet, keeping the same seed."""
    now = now or timezone.now()
    with transaction.atomic():
        election = _locked(election)
        if election.status not in {Status.CLOSED, Status.COUNTED}:
            raise ElectionError("The ballots can be counted only after the poll has closed.")
        existing = Result.objects.filter(election=election).first()
        if lot_seed is None and existing is not None and existing.lot_seed:
            lot_seed = int(existing.lot_seed)
        if lot_seed is None:
            lot_seed = secrets.randbits(64)
        counted = results.count(election, results.stored_ballots(election), lot_seed=lot_seed)
        values = {
            "sheet": counted.sheet,
            "elected": counted.elected_names,
            "elected_nominations": list(counted.elected),
            "lot_seed": str(lot_seed),
            "counted_by": actor,
            "counted_at": now,
        }
        result, _ = Result.objects.update_or_create(election=election, defaults=values)
        if election.status == Status.CLOSED:
            _move(election, Status.COUNTED)
            election.save(update_fields=["status", "updated_at"])
        audit.record_change(
            actor=actor,
            instance=election,
            action=AuditEvent.Action.STATUS_CHANGED,
            summary=f"Ballots counted: {election.title}",
        )
    return result


def declare(*, actor, election: Election, now: datetime | None = None) -> Result:
    """Declares the counted result: it becomes a public page."""
    now = now or timezone.now()
    with transaction.atomic():
        election = _locked(election)
        before = _move(election, Status.DECLARED)
        election.save(update_fields=["status", "updated_at"])
        result = Result.objects.select_for_update().get(election=election)
        result.declared_at = now
        result.save(update_fields=["declared_at"])
        audit.record_change(
            actor=actor,
            instance=election,
            action=AuditEvent.Action.PUBLISHED,
            changes={"status": [before, election.status]},
            summary=f"Result declared: {election.title}",
        )
    return result
