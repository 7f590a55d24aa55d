"""Giving a voter a fresh one-time code: its hash is stored, the code returned to be sent (by
email, or printed in a letter) and never kept."""

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from coproduce.membership.elections import codes
from coproduce.membership.elections.models import Voter


def issue_code(voter: Voter, *, now: datetime | None = None) -> str:
    """A fresh code for the voter, whose hash replaces any before it. The caller sends it; it
    is not kept."""
    while True:
        code = codes.new_code()
        try:
            with transaction.atomic():
                Voter.objects.filter(pk=voter.pk).update(
                    code_hash=codes.code_hash(code), code_sent_at=now or timezone.now()
                )
            return code
        except IntegrityError:  # the same code twice: vanishingly rare, try another
            continue
