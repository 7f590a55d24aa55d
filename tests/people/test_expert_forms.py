"""Adding and changing experts: what the coordinator typed is kept on error, the error sits
beside the field, and nothing is half-saved."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from coproduce.audit.models import AuditEvent
from coproduce.people.models import Expert
from tests.factories import AccessNeedFactory, ExpertFactory, LivedExperienceAreaFactory
from tests.people.helpers import expert_form_data

pytestmark = pytest.mark.django_db


def test_coordinator_adds_an_expert_with_everything_recorded(coordinator_client, coordinator):
    dementia = LivedExperienceAreaFactory(name="Dementia")
    bsl = AccessNeedFactory(name="BSL interpreter")
    data = expert_form_data(lived_experience=[dementia.pk], access_needs=[bsl.pk])

    response = coordinator_client.post(reverse("people:expert_add"), data)

    expert = Expert.objects.get(full_name="Margaret Okafor")
    assert response.status_code == 302
    assert response["Location"] == reverse("people:expert_detail", args=[expert.pk])
    assert expert.phone == "+447700900456"
    assert expert.postcode == "SY1 1AA"
    assert expert.earnings_limit == Decimal("195.00")
    assert expert.available_days == ["mon", "wed"]
    assert list(expert.lived_experience.all()) == [dementia]
    assert list(expert.access_needs.all()) == [bsl]
    assert expert.consent_given_at.date().isoformat() == "2026-03-15"
    assert expert.status == "enquiry"
    assert expert.status_changes.count() == 1
    assert expert.user is not None and expert.user.email == "maggie@example.net"
    event = AuditEvent.objects.get(model="people.expert", object_id=str(expert.pk))
    assert event.actor == coordinator
    assert event.changes["full_name"] == [None, "Margaret Okafor"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "maggie-at-example", "Enter an email address in the correct format"),
        ("phone", "12345", "Enter a phone number, like 01632 960 001"),
        ("postcode", "NOT A CODE", "Enter a real postcode"),
        ("full_name", "x" * 151, "Enter full name in 150 characters or fewer"),
        ("perspective", "alien", "Choose perspective again"),
        ("earnings_limit", "-5", "Earnings limit must be £0 or more"),
        ("notice_days", "lots", "Enter days&#39; notice needed as a whole number"),
        ("payee_reference", "12345678", "looks like a bank account number"),
    ],
)
def test_bad_input_is_explained_beside_the_field_and_everything_typed_is_kept(
    coordinator_client, field, value, message
):
    data = expert_form_data(**{field: value})

    response = coordinator_client.post(reverse("people:expert_add"), data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "<title>Error:" in html
    assert message in html
    # The message sits in the field's own error element, linked from the summary.
    assert f'id="id_{field}-error"' in html
    assert f'href="#id_{field}"' in html
    # What was typed elsewhere is still there.
    assert 'value="Maggie"' in html
    assert "Cared for her mother" in html
    assert Expert.objects.count() == 0


def test_a_half_typed_consent_date_is_explained_and_the_boxes_keep_what_was_typed(
    coordinator_client,
):
    data = expert_form_data(consent_date="15//2026")
    response = coordinator_client.post(reverse("people:expert_add"), data)
    html = response.content.decode()
    assert "Date must include a month" in html
    assert 'href="#id_consent_date-day"' in html
    assert 'id="id_consent_date-day" name="consent_date-day" type="text" value="15"' in html
    assert 'id="id_consent_date-year" name="consent_date-year" type="text" value="2026"' in html
    assert Expert.objects.count() == 0


def test_the_edit_form_shows_the_consent_date_in_its_boxes(coordinator_client):
    expert = ExpertFactory()
    Expert.objects.filter(pk=expert.pk).update(
        consent_given_at=datetime(2026, 3, 15, 12, tzinfo=UTC)
    )
    html = coordinator_client.get(reverse("people:expert_edit", args=[expert.pk])).content
    for part, value in (("day", "15"), ("month", "3"), ("year", "2026")):
        assert f'name="consent_date-{part}" type="text" value="{value}"' in html.decode()


def test_a_monthly_limit_needs_the_day_the_assessment_period_starts(coordinator_client):
    data = expert_form_data(benefits_declaration="monthly", assessment_period_start_day="")
    response = coordinator_client.post(reverse("people:expert_add"), data)
    assert "Enter the day of the month the assessment period starts" in response.content.decode()
    assert Expert.objects.count() == 0


def test_choosing_email_contact_needs_an_email_address(coordinator_client):
    response = coordinator_client.post(reverse("people:expert_add"), expert_form_data(email=""))
    assert "choose another way to contact them" in response.content.decode()


def test_editing_records_old_and_new_values(coordinator_client, coordinator):
    expert = ExpertFactory(full_name="Dev Patel", phone="+447700900111")
    data = expert_form_data(full_name="Dev Patel", phone="07700 900 222", email=expert.email)

    response = coordinator_client.post(reverse("people:expert_edit", args=[expert.pk]), data)

    assert response.status_code == 302
    expert.refresh_from_db()
    assert expert.phone == "+447700900222"
    event = AuditEvent.objects.filter(object_id=str(expert.pk), action="updated").get()
    assert event.changes["phone"] == ["+447700900111", "+447700900222"]
    assert "full_name" not in event.changes


def test_the_edit_form_starts_with_the_current_values(coordinator_client):
    expert = ExpertFactory(full_name="Priya Shah", pronouns="she/her", notice_days=21)
    html = coordinator_client.get(reverse("people:expert_edit", args=[expert.pk])).content.decode()
    assert 'value="Priya Shah"' in html
    assert 'value="she/her"' in html
    assert 'value="21"' in html


def test_an_inactive_list_entry_stays_on_the_record_that_has_it(coordinator_client):
    old_area = LivedExperienceAreaFactory(name="Old service", active=False)
    expert = ExpertFactory(lived_experience=[old_area])
    html = coordinator_client.get(reverse("people:expert_edit", args=[expert.pk])).content.decode()
    assert "Old service" in html
    html = coordinator_client.get(reverse("people:expert_add")).content.decode()
    assert "Old service" not in html


def test_changing_status_keeps_a_history_with_the_reason(coordinator_client, coordinator):
    expert = ExpertFactory(status="active")
    response = coordinator_client.post(
        reverse("people:expert_status", args=[expert.pk]),
        {"status": "paused", "reason": "Taking a break after surgery"},
    )
    assert response.status_code == 302
    expert.refresh_from_db()
    assert expert.status == "paused"
    change = expert.status_changes.get()
    assert (change.from_status, change.to_status, change.by) == ("active", "paused", coordinator)
    html = coordinator_client.get(reverse("people:expert_detail", args=[expert.pk])).content
    assert b"Taking a break after surgery" in html


def test_an_expert_who_leaves_can_no_longer_sign_in(coordinator_client, expert):
    coordinator_client.post(
        reverse("people:expert_status", args=[expert.pk]), {"status": "left", "reason": "Moved"}
    )
    expert.user.refresh_from_db()
    assert expert.user.is_active is False


def test_an_unknown_status_is_refused_with_the_error_summary(coordinator_client):
    expert = ExpertFactory(status="active")
    response = coordinator_client.post(
        reverse("people:expert_status", args=[expert.pk]), {"status": "banished"}
    )
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    expert.refresh_from_db()
    assert expert.status == "active"
