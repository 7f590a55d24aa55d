"""An expert's private calendar address, which their phone's calendar app subscribes to."""

import secrets

from django.db import transaction

from coproduce.audit.models import AuditEvent
from coproduce.audit.services import record_change
from coproduce.opportunities.models import CalendarFeed
from coproduce.people.models import Expert


def _new_token() -> str:
    return secrets.token_urlsafe(32)


def calendar_feed_for(*, expert: Expert) -> CalendarFeed:
    """The expert's calendar address, made the first time they look for it."""
    feed = CalendarFeed.objects.filter(expert=expert).first()
    if feed is None:
        feed, _ = CalendarFeed.objects.get_or_create(
            expert=expert, defaults={"token": _new_token()}
        )
    return feed


def reset_calendar_feed(*, expert: Expert, actor=None) -> CalendarFeed:
    """Gives the expert a new secret calendar address. The old address stops working at once,
    so anyone who saw it can no longer see their meetings."""
    with transaction.atomic():
        feed = CalendarFeed.objects.select_for_update().filter(expert=expert).first()
        if feed is None:
            feed = CalendarFeed(expert=expert)
        feed.token = _new_token()
        feed.save()
        record_change(
            actor=actor,
            instance=feed,
            action=AuditEvent.Action.CALENDAR_ADDRESS_RESET,
            subject=expert,
            summary="A new secret calendar address was made; the old one no longer works",
        )
    return feed
