"""The agreement pages: the lead publishes an agreement and new versions; the team sees who
has not signed the current version; an expert sees what to sign on their portal home, reads it
(with the Easy Read version a link away), types their name and signs; a coordinator records a
signature on paper. Mistakes are told beside the field, with what was typed kept."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from coproduce.onboarding.models import Agreement, AgreementVersion, Signature
from tests.factories import ExpertFactory
from tests.onboarding.agreement_helpers import publish, sign

pytestmark = pytest.mark.django_db


def test_the_lead_publishes_a_new_agreement(lead_client):
    response = lead_client.post(
        reverse("onboarding:agreement_new"),
        {
            "title": "Code of conduct",
            "kind": "code_of_conduct",
            "body": "## Respect\n\nWe listen.",
            "easy_read": "We listen to each other.",
        },
    )
    agreement = Agreement.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("onboarding:agreement_detail", args=[agreement.pk])
    assert agreement.versions.get().number == 1


def test_a_second_confidentiality_agreement_is_refused_beside_the_field(lead_client):
    publish("confidentiality")
    response = lead_client.post(
        reverse("onboarding:agreement_new"),
        {"title": "New secrets", "kind": "confidentiality", "body": "x", "easy_read": "y"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is already a confidentiality agreement" in html
    assert 'value="New secrets"' in html
    assert Agreement.objects.count() == 1


def test_an_empty_easy_read_version_is_refused(lead_client):
    response = lead_client.post(
        reverse("onboarding:agreement_new"),
        {"title": "Conduct", "kind": "code_of_conduct", "body": "We listen.", "easy_read": " "},
    )
    assert response.status_code == 400
    assert "Enter the Easy Read version" in response.content.decode()
    assert not Agreement.objects.exists()


def test_the_lead_publishes_a_new_version_from_the_current_words(lead_client):
    current = publish("confidentiality")
    url = reverse("onboarding:agreement_publish", args=[current.agreement_id])
    html = lead_client.get(url).content.decode()
    assert "Publish version 2" in html and "We keep what we hear private." in html
    response = lead_client.post(
        url,
        {"after": "1", "what_changed": "Social media", "body": "v2", "easy_read": "v2 easy"},
    )
    assert response.status_code == 302
    assert AgreementVersion.objects.filter(agreement=current.agreement).count() == 2


def test_a_stale_publish_form_is_refused_and_nothing_saved(lead_client):
    current = publish("confidentiality", versions=2)
    response = lead_client.post(
        reverse("onboarding:agreement_publish", args=[current.agreement_id]),
        {"after": "1", "what_changed": "Mine", "body": "v", "easy_read": "v"},
    )
    assert response.status_code == 400
    assert "was published while you were writing" in response.content.decode()
    assert AgreementVersion.objects.count() == 2


@pytest.mark.parametrize("client_name", ["coordinator_client", "staff_client"])
def test_only_the_lead_publishes(client_name, request):
    client = request.getfixturevalue(client_name)
    current = publish("confidentiality")
    assert client.get(reverse("onboarding:agreement_new")).status_code == 403
    url = reverse("onboarding:agreement_publish", args=[current.agreement_id])
    assert client.get(url).status_code == 403


def test_the_team_sees_who_has_not_signed_the_current_version(
    coordinator_client, django_assert_num_queries
):
    current = publish("confidentiality", versions=2)
    signed = ExpertFactory(full_name="Sally Signed")
    sign_on = timezone.localdate()
    from tests.onboarding.agreement_helpers import sign_on_paper

    sign_on_paper(signed, current, sign_on)
    ExpertFactory(full_name="Wally Waiting", status="onboarding")
    url = reverse("onboarding:agreement_detail", args=[current.agreement_id])
    coordinator_client.get(url)
    with django_assert_num_queries(8):
        html = coordinator_client.get(url).content.decode()
    assert "Wally Waiting" in html and "Sally Signed" not in html
    assert "1 person taking part or onboarding has not signed version 2." in html
    for n in range(30):
        ExpertFactory(full_name=f"More Waiting {n}")
    with django_assert_num_queries(8):
        coordinator_client.get(url)


def test_the_list_of_agreements(coordinator_client, django_assert_num_queries):
    publish("confidentiality", versions=2)
    publish("code_of_conduct")
    url = reverse("onboarding:agreement_list")
    coordinator_client.get(url)
    with django_assert_num_queries(7):
        html = coordinator_client.get(url).content.decode()
    assert "Confidentiality agreement" in html and "Version 2" in html
    publish("privacy_notice", versions=3)
    publish("role_description")
    with django_assert_num_queries(7):
        html = coordinator_client.get(url).content.decode()
    assert "Expert by Experience role" in html


def test_the_expert_is_prompted_on_their_portal_home(expert_client, expert):
    current = publish("confidentiality")
    html = expert_client.get(reverse("opportunities:my_involvement")).content.decode()
    assert "Agreements to sign" in html
    assert reverse("onboarding:agreement_read", args=[current.pk]) in html
    sign(expert, current)
    html = expert_client.get(reverse("opportunities:my_involvement")).content.decode()
    assert "Agreements to sign" not in html


def test_the_expert_reads_with_easy_read_a_link_away_and_signs(expert_client, expert):
    current = publish("confidentiality")
    url = reverse("onboarding:agreement_read", args=[current.pk])
    html = expert_client.get(url).content.decode()
    easy = reverse("onboarding:agreement_easy_read", args=[current.pk])
    assert f'href="{easy}">Read this in Easy Read' in html
    assert "Type your full name to sign" in html
    easy_html = expert_client.get(easy).content.decode()
    assert "We do not tell other people." in easy_html
    assert "Type your full name to sign" in easy_html
    response = expert_client.post(url, {"version": current.pk, "typed_name": expert.full_name})
    assert response.status_code == 302
    assert response["Location"] == reverse("onboarding:my_agreements")
    assert Signature.objects.get().expert == expert
    html = expert_client.get(url).content.decode()
    assert "You signed this version on" in html and "Type your full name" not in html


def test_an_empty_name_is_told_beside_the_field(expert_client):
    current = publish("confidentiality")
    url = reverse("onboarding:agreement_read", args=[current.pk])
    response = expert_client.post(url, {"version": current.pk, "typed_name": ""})
    assert response.status_code == 400
    assert "Enter your full name" in response.content.decode()
    assert not Signature.objects.exists()


def test_a_stale_page_signed_after_a_new_version_is_refused(expert_client, expert):
    first = publish("confidentiality")
    from coproduce.onboarding.agreements import services

    second = services.publish_version(
        actor=None, agreement=first.agreement, body="v2", easy_read="v2", what_changed="", after=1
    )
    url = reverse("onboarding:agreement_read", args=[first.pk])
    response = expert_client.post(url, {"version": first.pk, "typed_name": expert.full_name})
    assert response.status_code == 400
    html = response.content.decode()
    assert "This is an old version of ‘Confidentiality agreement’. Version 2" in html
    assert reverse("onboarding:agreement_read", args=[second.pk]) in html
    assert not Signature.objects.exists()


def test_the_experts_own_list(expert_client, expert, django_assert_num_queries):
    first = publish("confidentiality")
    sign(expert, first)
    from coproduce.onboarding.agreements import services

    services.publish_version(
        actor=None,
        agreement=first.agreement,
        body="v2",
        easy_read="v2",
        what_changed="A part about photos",
        after=1,
    )
    conduct = publish("code_of_conduct")
    sign(expert, conduct)
    url = reverse("onboarding:my_agreements")
    expert_client.get(url)
    with django_assert_num_queries(5):
        html = expert_client.get(url).content.decode()
    assert "There is a new version. You signed version 1. Please read version 2" in html
    assert "What changed: A part about photos" in html
    assert "Code of conduct</a>: you signed version 1 on" in html


def test_a_retired_agreement_is_not_found_by_an_expert(expert_client, involvement_lead):
    from coproduce.onboarding.agreements import services

    version = publish("other")
    services.retire_agreement(actor=involvement_lead, agreement=version.agreement)
    url = reverse("onboarding:agreement_read", args=[version.pk])
    assert expert_client.get(url).status_code == 404


def test_a_coordinator_records_a_paper_signature(coordinator_client):
    expert = ExpertFactory(full_name="Peter Paper")
    current = publish("code_of_conduct")
    url = reverse("onboarding:agreement_paper", args=[expert.pk])
    html = coordinator_client.get(url).content.decode()
    assert "Code of conduct, version 1" in html
    day = timezone.localdate() - timedelta(days=2)
    response = coordinator_client.post(
        url,
        {
            "agreement": current.pk,
            "signed_on-day": day.day,
            "signed_on-month": day.month,
            "signed_on-year": day.year,
            "typed_name": "Peter Paper",
        },
    )
    assert response.status_code == 302
    signature = Signature.objects.get()
    assert signature.method == "paper"
    assert timezone.localdate(signature.signed_at) == day


def test_a_paper_signature_in_the_future_is_told_beside_the_date(coordinator_client):
    expert = ExpertFactory(full_name="Peter Paper")
    current = publish("code_of_conduct")
    day = timezone.localdate() + timedelta(days=2)
    response = coordinator_client.post(
        reverse("onboarding:agreement_paper", args=[expert.pk]),
        {
            "agreement": current.pk,
            "signed_on-day": day.day,
            "signed_on-month": day.month,
            "signed_on-year": day.year,
            "typed_name": "Peter Paper",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "The date they signed it must be today" in html
    assert not Signature.objects.exists()


def test_the_profile_shows_agreements_and_which_version(coordinator_client):
    expert = ExpertFactory(full_name="Vera Versions")
    first = publish("confidentiality")
    from tests.onboarding.agreement_helpers import sign_on_paper

    sign_on_paper(expert, first, timezone.localdate())
    from coproduce.onboarding.agreements import services

    services.publish_version(
        actor=None, agreement=first.agreement, body="v2", easy_read="v2", what_changed="", after=1
    )
    publish("code_of_conduct")
    html = coordinator_client.get(
        reverse("people:expert_detail", args=[expert.pk])
    ).content.decode()
    assert "Signed version 1 only: version 2 not signed" in html
    assert "Not signed (version 1 is current)" in html
    assert reverse("onboarding:agreement_paper", args=[expert.pk]) in html
