"""Background work for elections: emailing the voting codes when a poll is set up, and the
scheduled disposal of election documents (ballots, the list of voters, codes) once the period
the trust keeps them for has passed; the result is kept."""

from django.conf import settings
from django_tasks import task

from coproduce.membership.elections import disposal, notify


@task()
def send_voting_codes(election_id: int) -> int:
    """Emails each voter with an email address their one-time code."""
    return notify.send_voting_codes(election_id)


@task()
def dispose_of_election_documents() -> int:
    """Deletes the ballots, voters and codes of elections declared longer ago than the period
    (ELECTION_DOCUMENTS_KEEP_DAYS: a year unless set, as the model election rules keep election
    documents, for a challenge to the result)."""
    days = settings.ELECTION_DOCUMENTS_KEEP_DAYS
    return disposal.dispose_of_documents(older_than_days=days)
