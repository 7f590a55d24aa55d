"""Records of each kind the retention rules reach, made at a given moment."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import time_machine
from django.core.files.base import ContentFile

from coproduce.accounts.roles import Role
from coproduce.payments.models import ClaimLine
from coproduce.payments.services.runs import create_payment_run
from coproduce.people.models import Expert, StatusChange
from tests.factories import ExpertFactory, UserFactory
from tests.payments import claim_helpers

LONDON = ZoneInfo("Europe/London")
# Every test applies the rules at noon on this day, UK time.
NOW = datetime(2027, 3, 15, 12, 0, tzinfo=LONDON)


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=LONDON)


def enquiry_made(when: datetime, **fields) -> Expert:
    with time_machine.travel(when, tick=False):
        return ExpertFactory(status="enquiry", **fields)


def left_on(when: datetime, **fields) -> Expert:
    expert = ExpertFactory(status="left", **fields)
    StatusChange.objects.create(expert=expert, from_status="active", to_status="left", at=when)
    return expert


def paid_receipt(paid_on: date) -> ClaimLine:
    """An expense line with a receipt, its claim paid on `paid_on`."""
    claim = claim_helpers.approved_claim()
    create_payment_run(actor=UserFactory(role=Role.FINANCE), claim_ids=[claim.pk], paid_on=paid_on)
    line = claim.lines.get()
    line.receipt.save("bus-ticket.pdf", ContentFile(b"%PDF-1.4 a bus ticket"), save=False)
    line.receipt_name = "bus-ticket.pdf"
    line.save()
    return line
