"""Emailing voters their one-time codes. Each code is made as its email is sent and only its
hash kept; an email that fails leaves that voter with no code, to be sent again (the task runs
again over those still without one) or given a letter."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from coproduce.membership.elections import voter_codes
from coproduce.membership.elections.choices import Delivery, Status
from coproduce.membership.elections.models import Election, Voter, closes_at

logger = logging.getLogger(__name__)


def send_voting_codes(election_id: int) -> int:
    """Emails a code to every voter of the election who has an email address and no code yet.
    Returns how many were sent."""
    election = Election.objects.filter(pk=election_id, status=Status.POLL).first()
    if election is None:
        return 0
    waiting = Voter.objects.filter(
        election=election, delivery=Delivery.EMAIL, code_hash=""
    ).select_related("member")
    sent = 0
    for voter in waiting.iterator(chunk_size=500):
        code = voter_codes.issue_code(voter)
        if not email_code(election, voter, code):
            Voter.objects.filter(pk=voter.pk).update(code_hash="", code_sent_at=None)
            continue
        sent += 1
    return sent


def vote_link(election: Election) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("elections:election_vote", args=[election.pk])


def email_code(election: Election, voter: Voter, code: str) -> bool:
    """Emails the voter (their member's address) their code and the link to vote; False, with
    a warning logged (never the code), when the mail server would not take it."""
    context = {
        "organisation_name": settings.ORGANISATION_NAME,
        "name": voter.member.full_name,
        "election": election,
        "code": code,
        "link": vote_link(election),
        "closes": closes_at(election.poll_closes),
    }
    message = EmailMultiAlternatives(
        subject=f"Your code to vote: {election.title}",
        body=render_to_string("elections/email/code.txt", context),
        to=[voter.member.email],
    )
    message.attach_alternative(render_to_string("elections/email/code.html", context), "text/html")
    try:
        message.send()
    except OSError as error:
        logger.warning("Could not send voter %s their code: %s", voter.pk, type(error).__name__)
        return False
    return True
