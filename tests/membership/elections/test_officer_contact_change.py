"""Changing only the returning officer's contact once the notice is published: on its own page,
at any point until the election's documents are disposed of, audited with the old and new
values. The rest of the election stays as members were told."""

import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from coproduce.accounts.roles import Role
from coproduce.audit.models import AuditEvent
from coproduce.membership.elections import services
from coproduce.membership.elections.choices import Status
from coproduce.membership.elections.forms import ElectionForm, OfficerContactForm
from coproduce.membership.elections.models import Election
from tests.factories import UserFactory
from tests.membership.elections import helpers_elections as h

pytestmark = pytest.mark.django_db

OLD = {
    "officer_name": "Independent Election Services",
    "officer_email": "elections@example.org",
    "officer_phone": "01632 960 418",
}
NEW = {
    "officer_name": "Rita Returning",
    "officer_email": "rita@example.org",
    "officer_phone": "01632 960 999",
}


@pytest.fixture
def officer():
    return h.officer()


@pytest.fixture
def ro_client(officer):
    client = Client()
    client.force_login(officer)
    return client


def _url(election: Election) -> str:
    return reverse("elections:officer_contact", args=[election.pk])


def _text(page: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", page).split())


def _field_group(page: str, name: str) -> str:
    """The form group of one field: its label, hint, error message and input."""
    start = page.index(f'for="id_{name}"')
    group_start = page.rindex('<div class="nhsuk-form-group', 0, start)
    end = page.index(f'name="{name}"', start)
    return page[group_start : page.index(">", end)]


def test_the_contact_changed_during_the_poll_is_on_the_vote_page_and_the_notice(officer):
    e, _, _ = h.poll()
    Election.objects.filter(pk=e.pk).update(**OLD)
    ro_client = Client()
    with time_machine.travel(h.DURING_POLL, tick=False):
        ro_client.force_login(officer)  # signed in on the day of the poll
        detail = ro_client.get(reverse("elections:detail", args=[e.pk])).content.decode()
        assert f'href="{_url(e)}"' in detail
        assert "Change the returning officer’s contact" in detail
        form = ro_client.get(_url(e)).content.decode()
        for value in OLD.values():
            assert f'value="{value}"' in form
        assert f'href="{reverse("elections:detail", args=[e.pk])}"' in form
        response = ro_client.post(_url(e), NEW)
        assert response.status_code == 302
        assert response.url == reverse("elections:detail", args=[e.pk])
        vote = Client().get(reverse("elections:election_vote", args=[e.pk])).content.decode()
    e.refresh_from_db()
    assert e.status == Status.POLL
    assert (e.officer_name, e.officer_email, e.officer_phone) == tuple(NEW.values())
    assert (
        "Lost your code or need help? Contact the returning officer, Rita Returning, at "
        "rita@example.org or on 01632 960 999." in _text(vote)
    )
    assert "elections@example.org" not in vote
    notice = Client().get(reverse("elections:election_notice", args=[e.pk])).content.decode()
    assert '<a href="mailto:rita@example.org">rita@example.org</a>' in notice
    assert '<a href="tel:01632960999">01632 960 999</a>' in notice
    assert "Independent Election Services" not in notice


def test_only_the_contact_changes_and_the_audit_trail_has_old_and_new(ro_client, officer):
    e = h.election(**OLD)
    before = {name: getattr(e, name) for name in ["title", "seats", "method", "poll_opens"]}
    # The name is tidied as the election's form tidies it; the email address is kept.
    response = ro_client.post(
        _url(e), {**NEW, "officer_name": "  Rita   Returning ", "title": "Something else"}
    )
    assert response.status_code == 302
    e.refresh_from_db()
    assert {name: getattr(e, name) for name in before} == before
    event = AuditEvent.objects.get(summary__startswith="Returning officer’s contact changed")
    assert event.actor == officer
    assert event.object_id == str(e.pk)
    assert event.changes == {
        "officer_name": [OLD["officer_name"], "Rita Returning"],
        "officer_email": [OLD["officer_email"], NEW["officer_email"]],
        "officer_phone": [OLD["officer_phone"], NEW["officer_phone"]],
    }


def test_a_contact_added_after_the_notice_records_only_what_changed(officer):
    e = h.election(officer_name="Rita Returning")
    services.change_officer_contact(
        actor=officer,
        election=e,
        values={"officer_name": "Rita Returning", "officer_email": "", "officer_phone": "0113 1"},
    )
    event = AuditEvent.objects.get(summary__startswith="Returning officer’s contact changed")
    assert event.changes == {"officer_phone": ["", "0113 1"]}
    # Saving it again as it is writes nothing more.
    services.change_officer_contact(
        actor=officer,
        election=e,
        values={"officer_name": "Rita Returning", "officer_email": "", "officer_phone": "0113 1"},
    )
    assert AuditEvent.objects.filter(summary__startswith="Returning officer’s contact").count() == 1


def test_a_wrong_email_address_or_phone_number_is_explained_beside_it_and_kept(ro_client):
    e = h.election(**OLD)
    response = ro_client.post(
        _url(e),
        {**NEW, "officer_email": "elections at example.org", "officer_phone": "call us any time"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    email = _field_group(page, "officer_email")
    assert "Enter an email address in the correct format, like name@example.com" in email
    assert 'value="elections at example.org"' in email
    phone = _field_group(page, "officer_phone")
    assert "Enter the returning officer’s phone number, like 01632 960 001" in phone
    assert 'value="call us any time"' in phone
    assert 'value="Rita Returning"' in _field_group(page, "officer_name")
    assert "Enter a valid" not in page
    e.refresh_from_db()
    assert (e.officer_name, e.officer_email, e.officer_phone) == tuple(OLD.values())
    assert not AuditEvent.objects.filter(summary__startswith="Returning officer’s contact")


def test_the_contact_form_shares_the_election_forms_fields_and_messages():
    contact = OfficerContactForm({"officer_email": "x", "officer_phone": "nope"})
    election = ElectionForm({"officer_email": "x", "officer_phone": "nope"})
    assert not contact.is_valid() and not election.is_valid()
    for name in ["officer_email", "officer_phone"]:
        assert contact.errors[name] == election.errors[name]
        assert contact.fields[name].label == election.fields[name].label
    assert list(contact.fields) == ["officer_name", "officer_email", "officer_phone"]


def test_the_contact_can_still_be_changed_once_declared(ro_client):
    e = h.election(status=Status.DECLARED, **OLD)
    detail = ro_client.get(reverse("elections:detail", args=[e.pk])).content.decode()
    assert f'href="{_url(e)}"' in detail
    assert ro_client.post(_url(e), NEW).status_code == 302
    e.refresh_from_db()
    assert e.officer_email == NEW["officer_email"]


def test_a_draft_has_no_link_as_its_whole_form_is_open(ro_client):
    e = h.election(status=Status.DRAFT, **OLD)
    detail = ro_client.get(reverse("elections:detail", args=[e.pk])).content.decode()
    assert f'href="{_url(e)}"' not in detail
    assert reverse("elections:edit", args=[e.pk]) in detail


def test_once_the_documents_are_disposed_of_the_contact_is_not_changed(ro_client, officer):
    e = h.election(status=Status.DECLARED, documents_disposed_at=timezone.now(), **OLD)
    detail = ro_client.get(reverse("elections:detail", args=[e.pk])).content.decode()
    assert f'href="{_url(e)}"' not in detail
    # As the election's form refuses a published election: back to its page, saying why.
    page = ro_client.get(_url(e))
    assert page.status_code == 302
    assert page.url == reverse("elections:detail", args=[e.pk])
    response = ro_client.post(_url(e), NEW, follow=True)
    assert "the returning officer’s contact can no longer be changed" in response.content.decode()
    e.refresh_from_db()
    assert (e.officer_name, e.officer_email, e.officer_phone) == tuple(OLD.values())
    with pytest.raises(services.ElectionError):
        services.change_officer_contact(actor=officer, election=e, values=NEW)
    assert not AuditEvent.objects.filter(summary__startswith="Returning officer’s contact")


@pytest.mark.parametrize(
    "role", [Role.STAFF, Role.ADMINISTRATOR, Role.MEMBERSHIP_OFFICE, Role.SCRUTINEER]
)
def test_staff_without_the_elections_permission_are_refused(role):
    e = h.election(**OLD)
    client = Client()
    client.force_login(UserFactory(role=role))
    assert client.get(_url(e)).status_code == 403
    assert client.post(_url(e), NEW).status_code == 403
    e.refresh_from_db()
    assert e.officer_email == OLD["officer_email"]


def test_an_election_that_does_not_exist_is_not_found(ro_client):
    assert ro_client.get(reverse("elections:officer_contact", args=[999999])).status_code == 404
