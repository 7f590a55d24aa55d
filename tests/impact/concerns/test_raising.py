"""An expert raises a concern in the portal: plain-words guidance before and after, the
meeting or payment it is about chosen from their own, a double submit raising it once, and
only their own concerns to see."""

import uuid
from datetime import date

import pytest
from django.urls import reverse
from markupsafe import escape

from coproduce.audit.models import AuditEvent
from coproduce.impact.concerns import services
from coproduce.impact.concerns.guidance import add_working_days
from coproduce.impact.concerns.models import Concern, Step
from tests.factories import InvitationFactory, expert_with_account
from tests.impact.concerns.helpers import raised, triaged

pytestmark = pytest.mark.django_db


def _post(client, **data):
    body = {
        "about": "other",
        "what_happened": "Nobody met me at reception.",
        "wanted": "",
        "danger": "no",
        "submission": str(uuid.uuid4()),
        **data,
    }
    return client.post(reverse("concerns:raise"), body)


def test_the_form_says_what_happens_next_and_when_they_will_hear(expert_client):
    page = expert_client.get(reverse("concerns:raise")).content.decode()
    assert "Is anyone in danger or at risk of being hurt?" in page
    assert "We will reply within 10 working days" in page
    assert "999" in page and "111" in page


def test_an_expert_raises_a_concern_and_sees_what_happens_next(expert_client, expert):
    response = _post(expert_client, wanted="Someone to meet me next time")
    concern = Concern.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("concerns:my_concern", args=[concern.pk]) + "?sent=1"
    assert concern.expert == expert
    assert concern.status == Concern.Status.NEW
    assert not concern.safeguarding
    assert concern.received == Concern.Received.PORTAL
    event = AuditEvent.objects.get(action=AuditEvent.Action.CONCERN_RAISED)
    # Nothing the expert wrote goes in the audit trail.
    assert "reception" not in event.summary
    page = expert_client.get(response["Location"]).content.decode()
    assert "We have your concern" in page
    assert concern.reference in page
    assert "What happens next" in page
    assert "Nobody met me at reception." in page


def test_saying_someone_is_in_danger_marks_it_as_safeguarding(expert_client):
    _post(expert_client, danger="yes")
    assert Concern.objects.get().safeguarding


def test_an_empty_form_says_what_to_do_in_plain_words(expert_client):
    response = expert_client.post(reverse("concerns:raise"), {})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Choose what your concern is about" in page
    assert "Tell us what happened" in page
    assert "Choose yes if anyone is in danger or at risk of being hurt" in page
    assert not Concern.objects.exists()


def test_the_same_form_sent_twice_raises_one_concern(expert_client):
    submission = str(uuid.uuid4())
    _post(expert_client, submission=submission)
    _post(expert_client, submission=submission)
    assert Concern.objects.count() == 1


def test_a_concern_about_a_meeting_names_one_of_their_own(expert_client, expert):
    theirs = InvitationFactory(expert=expert)
    someone_elses = InvitationFactory()
    page = expert_client.get(reverse("concerns:raise")).content.decode()
    assert str(escape(theirs.session.opportunity.title)) in page
    assert str(escape(someone_elses.session.opportunity.title)) not in page
    missing = _post(expert_client, about="meeting")
    assert "Choose the meeting your concern is about" in missing.content.decode()
    crafted = _post(expert_client, about="meeting", invitation=someone_elses.pk)
    assert crafted.status_code == 400
    assert not Concern.objects.exists()
    _post(expert_client, about="meeting", invitation=theirs.pk)
    assert Concern.objects.get().invitation == theirs


def test_an_expert_sees_only_their_own_concerns(expert_client, expert):
    mine = raised(expert, what_happened="Mine")
    other = raised(what_happened="Someone else's")
    listing = expert_client.get(reverse("concerns:my_concerns")).content.decode()
    assert reverse("concerns:my_concern", args=[mine.pk]) in listing
    assert reverse("concerns:my_concern", args=[other.pk]) not in listing
    assert expert_client.get(reverse("concerns:my_concern", args=[other.pk])).status_code == 404


def test_an_expert_adds_more_to_an_open_concern_but_not_a_closed_one(expert_client, expert):
    concern = raised(expert)
    url = reverse("concerns:my_concern", args=[concern.pk])
    response = expert_client.post(url, {"text": "It happened again today."})
    assert response.status_code == 302
    assert concern.steps.filter(kind=Step.Kind.ADDED, text="It happened again today.").exists()
    coordinator = triaged(concern).handler
    services.close(actor=coordinator, concern=concern, note="Sorted")
    page = expert_client.get(url).content.decode()
    assert "This concern is closed" in page
    response = expert_client.post(url, {"text": "And again."})
    assert "This concern is closed, so you cannot add to it" in response.content.decode()
    assert not concern.steps.filter(text="And again.").exists()


def test_the_expert_sees_replies_and_the_closing_note_but_not_the_triage(expert_client, expert):
    concern = triaged(raised(expert))
    coordinator = concern.handler
    services.respond(actor=coordinator, concern=concern, text="We are sorry. We will fix it.")
    services.close(actor=coordinator, concern=concern, note="We moved the meeting room.")
    page = expert_client.get(reverse("concerns:my_concern", args=[concern.pk])).content.decode()
    assert "We are sorry. We will fix it." in page
    assert "We moved the meeting room." in page
    assert "Access needs not met" not in page


def test_the_portal_home_shows_open_concerns(expert_client, expert):
    raised(expert)
    page = expert_client.get(reverse("opportunities:my_involvement")).content.decode()
    assert "Your concerns" in page
    assert reverse("concerns:my_concerns") in page


def test_working_days_skip_weekends():
    friday = date(2026, 3, 6)
    assert add_working_days(friday, 1) == date(2026, 3, 9)
    assert add_working_days(friday, 10) == date(2026, 3, 20)


def test_an_expert_without_a_record_cannot_raise_one(staff_client):
    assert staff_client.get(reverse("concerns:raise")).status_code == 403


def test_restricted_experts_can_still_raise_a_concern():
    from coproduce.people.restriction import restrict_processing
    from tests.impact.concerns.helpers import team_member

    expert = expert_with_account()
    restrict_processing(actor=team_member(), expert=expert, reason="Asked us to stop")
    expert.refresh_from_db()
    assert raised(expert).pk
