"""A safeguarding concern goes at once to every named contact, by email with no details of
the concern, recorded with SAFEGUARDING_TOLD; the contacts can then see safeguarding concerns
and nothing else. With none named, the team is warned and still gets it."""

import pytest
from django.core import mail
from django.urls import reverse

from coproduce.accounts.roles import Role
from coproduce.audit.models import AuditEvent
from coproduce.impact.concerns.models import Concern, Step
from tests.factories import UserFactory
from tests.impact.concerns.helpers import name_contacts, raised, triaged

pytestmark = pytest.mark.django_db


def test_a_safeguarding_concern_is_emailed_to_every_contact_at_once(
    smtp_server, django_capture_on_commit_callbacks
):
    first = UserFactory(role=Role.STAFF, email="sam.safe@example.org")
    second = UserFactory(role=Role.COORDINATOR, email="cora.safe@example.org")
    name_contacts(first, second, team_email="safeguarding@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        concern = raised(safeguarding=True, what_happened="My carer hit me.")
    received = sorted(to[0] for to, _ in smtp_server.messages)
    assert received == ["cora.safe@example.org", "safeguarding@example.org", "sam.safe@example.org"]
    for _, message in smtp_server.messages:
        body = message.get_body(("plain",)).get_content()
        assert reverse("concerns:concern", args=[concern.pk]) in body
        assert "hit" not in body and concern.expert.full_name not in body
        assert "needs your attention" in message["Subject"]
    concern.refresh_from_db()
    assert concern.safeguarding_told_at is not None
    event = AuditEvent.objects.get(action=AuditEvent.Action.SAFEGUARDING_TOLD)
    assert event.changes["sent"] == 3
    assert concern.steps.filter(kind=Step.Kind.SAFEGUARDING).exists()


def test_a_concern_a_coordinator_marks_as_safeguarding_is_sent_then(
    django_capture_on_commit_callbacks,
):
    name_contacts(UserFactory(role=Role.STAFF, email="sam.safe@example.org"))
    concern = raised()
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        triaged(concern, safeguarding=True)
    assert [m.to for m in mail.outbox] == [["sam.safe@example.org"]]
    # Triage again: it is already marked, and nobody is told twice.
    with django_capture_on_commit_callbacks(execute=True):
        triaged(concern, safeguarding=True)
    assert len(mail.outbox) == 1


def test_with_no_contacts_the_team_is_told_and_warned(
    coordinator_client, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        raised(safeguarding=True)
    assert [m.to for m in mail.outbox] == [[settings.INVOLVEMENT_TEAM_EMAIL]]
    page = coordinator_client.get(reverse("concerns:list")).content.decode()
    assert "No safeguarding contacts" in page
    name_contacts(UserFactory(role=Role.STAFF))
    page = coordinator_client.get(reverse("concerns:list")).content.decode()
    assert "No safeguarding contacts" not in page


def test_a_staff_contact_sees_safeguarding_concerns_and_no_others(client):
    contact = UserFactory(role=Role.STAFF)
    name_contacts(contact)
    urgent = raised(safeguarding=True)
    ordinary = raised()
    client.force_login(contact)
    page = client.get(reverse("concerns:list")).content.decode()
    assert urgent.reference + "<" in page
    assert ordinary.reference + "<" not in page
    assert client.get(reverse("concerns:concern", args=[urgent.pk])).status_code == 200
    assert client.get(reverse("concerns:concern", args=[ordinary.pk])).status_code == 404
    # Seeing is not handling: the team replies.
    assert client.get(reverse("concerns:respond", args=[urgent.pk])).status_code == 403


def test_staff_who_are_not_contacts_and_finance_see_none(client):
    urgent = raised(safeguarding=True)
    for role in (Role.STAFF, Role.FINANCE):
        client.force_login(UserFactory(role=role))
        assert client.get(reverse("concerns:list")).status_code == 403
        assert client.get(reverse("concerns:concern", args=[urgent.pk])).status_code == 403


def test_the_lead_names_the_contacts_on_the_settings_page(lead_client, involvement_lead):
    contact = UserFactory(role=Role.STAFF, full_name="Sam Safe")
    response = lead_client.post(
        reverse("concerns:safeguarding_contacts"),
        {"contacts": [contact.pk], "team_email": "safe@example.org", "reply_days": "5"},
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action=AuditEvent.Action.SAFEGUARDING_CONTACTS_SET)
    assert event.actor == involvement_lead
    assert event.changes["contacts"] == [[], ["Sam Safe"]]
    page = lead_client.get(reverse("concerns:safeguarding_contacts")).content.decode()
    assert "Sam Safe" in page and "safe@example.org" in page
    assert Concern.objects.count() == 0


def test_the_safeguarding_concern_shows_at_the_top_marked(coordinator_client):
    ordinary = raised()
    urgent = raised(safeguarding=True)
    page = coordinator_client.get(reverse("concerns:list")).content.decode()
    assert page.index(urgent.reference + "<") < page.index(ordinary.reference + "<")
    assert 'nhsuk-tag--red">Safeguarding' in page
