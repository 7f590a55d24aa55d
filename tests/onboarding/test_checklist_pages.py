"""The onboarding pages: everyone still onboarding with what each is waiting for (paged,
searchable by name, a fixed number of queries), the checklist on the profile, the button that
makes someone active in one step, and the lead's choice of what is required."""

import pytest
from django.urls import reverse

from coproduce.onboarding.models import ChecklistSettings
from coproduce.people.choices import Status
from tests.factories import ExpertFactory
from tests.onboarding.agreement_helpers import publish
from tests.onboarding.test_checklist_services import everything_done

pytestmark = pytest.mark.django_db

LIST = reverse("onboarding:onboarding_list")


def test_the_list_shows_who_is_onboarding_and_what_they_wait_for(coordinator_client):
    ExpertFactory(full_name="Enid Enquiry", status=Status.ENQUIRY)
    ready = ExpertFactory(full_name="Rhys Ready", status=Status.ONBOARDING)
    everything_done(ready, badge=False)
    ExpertFactory(full_name="Ava Active", status=Status.ACTIVE)
    html = coordinator_client.get(LIST).content.decode()
    assert "Enid Enquiry" in html and "Rhys Ready" in html and "Ava Active" not in html
    assert "Confidentiality agreement signed (version 1 to sign)" in html
    assert "Nothing: ready to be made active" in html
    assert reverse("people:expert_make_active", args=[ready.pk]) in html
    assert "2 people onboarding" in html


def test_the_list_is_searchable_by_name(coordinator_client):
    ExpertFactory(full_name="Enid Enquiry", status=Status.ENQUIRY)
    ExpertFactory(full_name="Olly Onboard", status=Status.ONBOARDING)
    html = coordinator_client.get(LIST + "?q=olly").content.decode()
    assert "Olly Onboard" in html and "Enid Enquiry" not in html
    html = coordinator_client.get(LIST + "?q=zzz").content.decode()
    assert "Nobody onboarding has a name matching ‘zzz’." in html


def test_the_list_is_paged_and_asks_a_fixed_number_of_questions(
    coordinator_client, django_assert_num_queries
):
    publish("confidentiality")
    for n in range(3):
        ExpertFactory(full_name=f"New Person {n}", status=Status.ONBOARDING)
    coordinator_client.get(LIST)
    with django_assert_num_queries(12):
        coordinator_client.get(LIST)
    for n in range(30):
        expert = ExpertFactory(full_name=f"More Person {n}", status=Status.ENQUIRY)
        if n % 5 == 0:
            everything_done(expert)
    with django_assert_num_queries(12):
        html = coordinator_client.get(LIST).content.decode()
    assert "33 people onboarding" in html
    assert "?page=2" in html


def test_make_active_from_the_list_goes_back_to_it(coordinator_client):
    ready = ExpertFactory(full_name="Rhys Ready", status=Status.ONBOARDING)
    everything_done(ready, badge=False)
    response = coordinator_client.post(
        reverse("people:expert_make_active", args=[ready.pk]), {"next": LIST + "?q=rhys"}
    )
    assert response.status_code == 302 and response["Location"] == LIST + "?q=rhys"
    ready.refresh_from_db()
    assert ready.status == Status.ACTIVE


def test_make_active_refused_says_what_is_missing(coordinator_client):
    waiting = ExpertFactory(full_name="Wyn Waiting", status=Status.ONBOARDING)
    url = reverse("people:expert_make_active", args=[waiting.pk])
    response = coordinator_client.post(url, {"next": "https://elsewhere.example/"}, follow=True)
    html = response.content.decode()
    assert response.redirect_chain[0][0] == reverse("people:expert_detail", args=[waiting.pk])
    assert "Wyn Waiting cannot be made active yet. Still to do: privacy notice acknowledged" in html
    waiting.refresh_from_db()
    assert waiting.status == Status.ONBOARDING


@pytest.mark.parametrize("client_name", ["staff_client", "finance_client", "expert_client"])
def test_others_cannot_make_anyone_active(client_name, request):
    client = request.getfixturevalue(client_name)
    ready = ExpertFactory(status=Status.ONBOARDING)
    everything_done(ready, badge=False)
    response = client.post(reverse("people:expert_make_active", args=[ready.pk]))
    assert response.status_code in (403, 404)
    ready.refresh_from_db()
    assert ready.status == Status.ONBOARDING


def test_the_profile_shows_the_checklist_with_the_button(coordinator_client):
    ready = ExpertFactory(full_name="Rhys Ready", status=Status.ONBOARDING)
    everything_done(ready, badge=False)
    url = reverse("people:expert_detail", args=[ready.pk])
    html = coordinator_client.get(url).content.decode()
    assert "Onboarding checklist" in html
    assert "Photo ID badge issued (optional)" in html
    assert "Make Rhys Ready active" in html
    waiting = ExpertFactory(full_name="Wyn Waiting", status=Status.ONBOARDING)
    html = coordinator_client.get(
        reverse("people:expert_detail", args=[waiting.pk])
    ).content.decode()
    assert "Still to do before Wyn Waiting can be made active: privacy notice" in html
    assert "Make Wyn Waiting active" not in html


def test_an_active_experts_profile_has_no_checklist(coordinator_client):
    expert = ExpertFactory(status=Status.ACTIVE)
    html = coordinator_client.get(
        reverse("people:expert_detail", args=[expert.pk])
    ).content.decode()
    assert "Onboarding checklist" not in html


def test_the_lead_chooses_what_is_required(lead_client):
    url = reverse("onboarding:checklist_settings")
    html = lead_client.get(url).content.decode()
    assert "What must an expert have done before they are made active?" in html
    response = lead_client.post(url, {"required": ["confidentiality", "badge"]})
    assert response.status_code == 302
    assert ChecklistSettings.objects.get().required == ["confidentiality", "badge"]


def test_a_made_up_item_is_told_beside_the_field(lead_client):
    response = lead_client.post(
        reverse("onboarding:checklist_settings"), {"required": ["confidentiality", "magic"]}
    )
    assert response.status_code == 400
    assert not ChecklistSettings.objects.exists()


def test_a_coordinator_cannot_change_what_is_required(coordinator_client):
    url = reverse("onboarding:checklist_settings")
    assert coordinator_client.get(url).status_code == 403
    assert coordinator_client.post(url, {"required": []}).status_code == 403
