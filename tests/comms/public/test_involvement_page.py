"""The public page about involvement: open without signing in, fast, nothing personal; the
organisation's own words when the lead has written them; upcoming open events from the
directory; the newest published stories; and linked from the home page for visitors."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from coproduce.audit.models import AuditEvent
from coproduce.comms.directory.models import Event, OpenTo
from coproduce.comms.stories.models import StoryStatus
from tests.comms.stories.helpers import story

pytestmark = pytest.mark.django_db


def _event(title: str, open_to: str) -> Event:
    start = timezone.now() + timedelta(days=7)
    return Event.objects.create(
        title=title,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        place="The Hub, Shrewsbury",
        open_to=open_to,
    )


def test_visitors_read_what_involvement_is_how_to_get_involved_events_and_stories(client):
    _event("Annual get-together", OpenTo.PUBLIC)
    _event("Experts' supper", OpenTo.EXPERTS)
    story(status=StoryStatus.PUBLISHED, title="A published story")
    story(status=StoryStatus.SUBMITTED, title="Not yet published")
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("public_pages:involvement_here"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "What involvement is here" in page
    assert reverse("get_involved") in page
    assert "Annual get-together" in page and "Experts&#39; supper" not in page
    assert "A published story" in page and "Not yet published" not in page
    assert len(captured) <= 6, [q["sql"] for q in captured]


def test_the_lead_writes_the_pages_words_and_visitors_see_them(lead_client, client):
    response = lead_client.post(
        reverse("public_pages:involvement_words"),
        {"what_involvement_is": "Here we plan services together.", "how_to_get_involved": ""},
    )
    assert response.status_code == 302
    page = client.get(reverse("public_pages:involvement_here")).content.decode()
    assert "Here we plan services together." in page
    assert "Tell us a little about yourself" in page  # the standard words where none written
    assert AuditEvent.objects.filter(action=AuditEvent.Action.TERMS_CHANGED).count() == 1


def test_the_words_are_checked_for_length(lead_client):
    response = lead_client.post(
        reverse("public_pages:involvement_words"), {"what_involvement_is": "x" * 4001}
    )
    assert response.status_code == 400


def test_the_home_page_links_visitors_to_the_public_pages(client):
    page = client.get(reverse("home")).content.decode()
    assert reverse("public_pages:involvement_here") in page
    assert reverse("stories:working_together_gallery") in page
