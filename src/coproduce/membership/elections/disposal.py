"""Disposing of election documents once the period the trust keeps them for has passed: the
ballots, the "has voted" records, the list of voters and their codes go, and so do the
nomination papers' statements and declared interests; the result, and who stood, stay."""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from coproduce.audit import services as audit
from coproduce.audit.models import AuditEvent
from coproduce.membership.elections.choices import Status
from coproduce.membership.elections.models import Ballot, Election, HasVoted, Nomination, Voter


def dispose_of_documents(*, older_than_days: int, now: datetime | None = None) -> int:
    """Deletes the ballots, the list of voters and their codes, and empties the nominations'
    statements and interests, of elections whose result was declared more than
    `older_than_days` ago (the result and the candidates' names stay). Returns how many
    elections."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=older_than_days)
    done = 0
    due = Election.objects.filter(
        status__in=[Status.DECLARED, Status.UNCONTESTED],
        documents_disposed_at__isnull=True,
        result__declared_at__lt=cutoff,
    )
    for election in due:
        with transaction.atomic():
            ballots = Ballot.objects.filter(election=election).delete()[0]
            HasVoted.objects.filter(voter__election=election).delete()
            voters = Voter.objects.filter(election=election).delete()[0]
            papers = Nomination.objects.filter(election=election).update(statement="", interests="")
            election.documents_disposed_at = now
            election.save(update_fields=["documents_disposed_at", "updated_at"])
            audit.record_change(
                actor=None,
                instance=election,
                action=AuditEvent.Action.RETENTION_APPLIED,
                changes={"ballots": ballots, "voters": voters, "nomination_papers": papers},
                summary=(
                    f"Ballots, list of voters and nomination papers disposed of: {election.title}"
                ),
            )
        done += 1
    return done
