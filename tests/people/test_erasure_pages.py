"""Erasing a person's data through its pages: only the involvement lead may; the box must be
ticked; it happens once; it is audited without the name; the record then says only when it
was erased, and the person is found nowhere; every figure stays the same."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from coproduce.accounts.roles import Role
from coproduce.audit.models import AuditEvent
from coproduce.core.erasure import AlreadyErased, NotYet
from coproduce.payments.models import Claim
from coproduce.payments.services.runs import create_payment_run
from coproduce.people.contributions import overview_for
from coproduce.people.erasure import erase_person
from coproduce.people.models import Expert
from tests.factories import UserFactory, expert_with_account
from tests.payments.claim_helpers import approve_claim, involvement_claim
from tests.payments.helpers import make_policy

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 18, 12, 0, tzinfo=ZoneInfo("Europe/London"))


@pytest.fixture
def person(db):
    return expert_with_account(
        full_name="Olwen Ashworth-Pryce", email="olwen@example.net", payee_reference="P-77"
    )


def _url(expert) -> str:
    return reverse("people:expert_erase", args=[expert.pk])


def test_the_lead_sees_what_is_deleted_and_kept_and_why(lead_client, person):
    page = lead_client.get(_url(person)).content.decode()
    assert "This cannot be undone" in page
    assert "What we will keep, and why" in page
    assert "HMRC" in page and "six years" in page
    assert "I understand this cannot be undone" in page


def test_the_record_offers_erasure_to_the_lead_only(lead_client, coordinator_client, person):
    detail = reverse("people:expert_detail", args=[person.pk])
    assert _url(person) in lead_client.get(detail).content.decode()
    assert _url(person) not in coordinator_client.get(detail).content.decode()


def test_a_coordinator_cannot_erase(coordinator_client, person):
    assert coordinator_client.post(_url(person), {"understood": "on"}).status_code == 403
    person.refresh_from_db()
    assert person.erased_at is None and person.full_name == "Olwen Ashworth-Pryce"


def test_an_expert_cannot_erase_their_own_record(person):
    from django.test import Client

    client = Client()
    client.force_login(person.user)
    assert client.post(_url(person), {"understood": "on"}).status_code == 403
    person.refresh_from_db()
    assert person.erased_at is None


def test_without_the_box_ticked_nothing_is_erased_and_the_page_says_why(lead_client, person):
    response = lead_client.post(_url(person), {})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Tick the box to say you understand this cannot be undone" in page
    assert "Error:" in page
    person.refresh_from_db()
    assert person.erased_at is None and person.full_name == "Olwen Ashworth-Pryce"


def test_erasing_leaves_a_record_that_says_only_when(lead_client, person):
    response = lead_client.post(_url(person), {"understood": "on"}, follow=True)
    page = response.content.decode()
    assert (
        "This person&#39;s data was erased on" in page or "This person's data was erased on" in page
    )
    assert "Olwen" not in page
    assert reverse("people:expert_edit", args=[person.pk]) not in page
    person.refresh_from_db()
    assert person.erased_at is not None
    assert person.full_name == f"Erased person {person.pk}"
    assert person.user is None


def test_nothing_else_can_be_done_with_an_erased_record(lead_client, person, involvement_lead):
    erase_person(actor=involvement_lead, expert=person)
    for name in ("expert_edit", "expert_history", "expert_data", "expert_photo"):
        assert lead_client.get(reverse(f"people:{name}", args=[person.pk])).status_code == 404


def test_a_second_erasure_is_refused(lead_client, person, involvement_lead):
    erase_person(actor=involvement_lead, expert=person)
    with pytest.raises(AlreadyErased):
        erase_person(actor=involvement_lead, expert=person)
    response = lead_client.post(_url(person), {"understood": "on"})
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action=AuditEvent.Action.ERASED).count() == 1


def test_erasure_is_audited_with_who_and_what_was_kept_but_no_name(
    lead_client, person, involvement_lead
):
    lead_client.post(_url(person), {"understood": "on"})
    event = AuditEvent.objects.get(action=AuditEvent.Action.ERASED)
    assert event.actor == involvement_lead
    assert (event.subject_model, event.subject_id) == ("people.expert", str(person.pk))
    assert any("HMRC" in reason for reason in event.changes["kept"])
    everything = f"{event.summary} {event.changes}".lower()
    assert "olwen" not in everything and "ashworth" not in everything


def test_an_erased_person_is_left_out_of_the_register_and_its_search(
    lead_client, person, involvement_lead
):
    register = reverse("people:register")
    assert "Olwen" in lead_client.get(register).content.decode()
    erase_person(actor=involvement_lead, expert=person)
    for query in ("", "?text=Erased", f"?text={person.pk}"):
        page = lead_client.get(register + query).content.decode()
        assert reverse("people:expert_detail", args=[person.pk]) not in page
    assert not Expert.objects.processable().filter(pk=person.pk).exists()


def test_every_figure_is_the_same_after_erasure(person, involvement_lead):
    with time_machine.travel(NOW, tick=False):
        make_policy()
        claim = involvement_claim(expert=person, hours="3")
        approve_claim(actor=UserFactory(role=Role.FINANCE), claim=claim)
        create_payment_run(actor=UserFactory(role=Role.FINANCE), claim_ids=[claim.pk])
        before = overview_for(involvement_lead, NOW.date()).figures
        total_before = sum(c.total for c in Claim.objects.all())
        erase_person(actor=involvement_lead, expert=person)
        after = overview_for(involvement_lead, NOW.date()).figures
    assert after == before
    # Not a vacuous comparison: the erased person's work is in the figures.
    values = {f.label: f.value for f in after}
    assert values["Experts who took part"] == "1"
    assert values["Hours of involvement"] != "0"
    assert values["Paid or approved for involvement"] != "£0.00"
    assert sum(c.total for c in Claim.objects.all()) == total_before > 0
    claim.refresh_from_db()
    assert claim.status == "paid" and claim.expert_id == person.pk
    assert claim.payment_run is not None and claim.total > 0


def test_a_person_still_owed_money_cannot_be_erased_yet(lead_client, person, involvement_lead):
    make_policy()
    claim = involvement_claim(expert=person, hours="2")
    page = lead_client.get(_url(person)).content.decode()
    assert "You cannot erase their data yet" in page
    assert "1 claim not yet paid or rejected" in page
    assert 'name="understood"' not in page
    assert lead_client.post(_url(person), {"understood": "on"}).status_code == 200
    with pytest.raises(NotYet):
        erase_person(actor=involvement_lead, expert=person)
    person.refresh_from_db()
    assert person.erased_at is None and person.full_name == "Olwen Ashworth-Pryce"
    # Once it is paid, they can be.
    approve_claim(actor=UserFactory(role=Role.FINANCE), claim=claim)
    create_payment_run(actor=UserFactory(role=Role.FINANCE), claim_ids=[claim.pk])
    assert lead_client.post(_url(person), {"understood": "on"}).status_code == 302
    person.refresh_from_db()
    assert person.erased_at is not None
