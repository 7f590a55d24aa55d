"""The involvement lead changes each section's wording in the product, audited, and can put
back the default; only the lead may, and bad input is refused beside the field."""

import pytest
from django.urls import reverse

from coproduce.audit.models import AuditEvent
from coproduce.welcome.models import PackSettings, SectionWording
from tests.factories import ExpertFactory
from tests.welcome.helpers import world

pytestmark = pytest.mark.django_db

EDIT = reverse("welcome:section_edit", args=["role"])
RESET = reverse("welcome:section_reset", args=["role"])


def test_the_edit_page_starts_from_the_default_wording(lead_client):
    html = lead_client.get(EDIT).content.decode()
    assert "Your experience matters because you see things staff do not." in html
    assert "You choose what you do." in html


def test_a_leads_wording_is_saved_audited_and_used_in_every_pack(lead_client, coordinator_client):
    world()
    answer = lead_client.post(
        EDIT,
        {"body": "You help us **decide**.", "easy_read": "You help us.\n\nWe listen."},
    )
    assert answer.status_code == 302
    wording = SectionWording.objects.get(key="role")
    assert wording.body == "You help us **decide**."
    event = AuditEvent.objects.get(action=AuditEvent.Action.WELCOME_SECTION_CHANGED)
    assert "Your role and why your experience matters" in event.summary
    expert = ExpertFactory()
    pack = reverse("welcome:expert_pack", args=[expert.pk])
    assert "You help us <strong>decide</strong>." in coordinator_client.get(pack).content.decode()
    easy = coordinator_client.get(pack + "?format=easy_read").content.decode()
    assert "We listen." in easy


def test_putting_back_the_default_removes_the_change_audited(lead_client):
    lead_client.post(EDIT, {"body": "Ours", "easy_read": "Ours."})
    assert lead_client.get(RESET).status_code == 200
    answer = lead_client.post(RESET)
    assert answer.status_code == 302
    assert not SectionWording.objects.exists()
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.WELCOME_SECTION_CHANGED, summary__contains="put back"
    ).exists()
    assert "staff do not" in lead_client.get(EDIT).content.decode()


def test_empty_wording_is_refused_beside_the_field_and_what_was_typed_kept(lead_client):
    answer = lead_client.post(EDIT, {"body": "My new words", "easy_read": "   "})
    assert answer.status_code == 400
    html = answer.content.decode()
    assert "Enter the Easy Read wording for this section" in html
    assert "My new words" in html
    assert html.count("Error:") >= 1
    assert not SectionWording.objects.exists()


def test_an_unknown_section_is_not_found(lead_client):
    assert lead_client.get(reverse("welcome:section_edit", args=["nope"])).status_code == 404


def test_only_the_lead_changes_the_wording(coordinator_client):
    assert coordinator_client.get(EDIT).status_code == 403
    assert coordinator_client.post(EDIT, {"body": "x", "easy_read": "y"}).status_code == 403
    assert not SectionWording.objects.exists()


def test_the_lead_names_who_signs_the_letter_and_chooses_sheets(lead_client, coordinator_client):
    w = world()
    answer = lead_client.post(
        reverse("welcome:settings"),
        {"signed_by": "Sam Patel, Director of Nursing\nJo Lee", "sheets": [str(w.sheet.pk)]},
    )
    assert answer.status_code == 302
    assert PackSettings.objects.get().sheet_ids == [w.sheet.pk]
    expert = ExpertFactory()
    html = coordinator_client.get(reverse("welcome:expert_pack", args=[expert.pk])).content.decode()
    assert "Sam Patel" in html and "Director of Nursing" in html and "Jo Lee" in html
    assert "What taking part involves" in html and "We send papers a week before." in html


def test_the_overview_lists_every_section_with_a_fixed_number_of_queries(
    lead_client, django_assert_num_queries
):
    lead_client.post(EDIT, {"body": "Ours", "easy_read": "Ours."})
    lead_client.get(reverse("welcome:overview"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as counted:
        page = lead_client.get(reverse("welcome:overview"))
    html = page.content.decode()
    assert "Meetings in the year ahead" in html and "Put back our wording" in html
    with django_assert_num_queries(len(counted)):
        lead_client.get(reverse("welcome:overview"))
