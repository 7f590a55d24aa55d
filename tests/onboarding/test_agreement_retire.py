"""The involvement lead retires an agreement from its page, after a page saying what that
means: nobody is asked to sign it any more, the signatures already given are kept, and work
that required it has nobody who meets it until a new one is added. A second retire (a double
click, a page left open) changes nothing and says so."""

import pytest
from django.urls import reverse

from coproduce.audit.models import AuditEvent
from coproduce.onboarding.models import Agreement, Signature
from tests.factories import ExpertFactory
from tests.onboarding.agreement_helpers import publish, sign

pytestmark = pytest.mark.django_db


def test_the_agreement_page_links_the_lead_to_retire_it(lead_client):
    version = publish("other")
    html = lead_client.get(
        reverse("onboarding:agreement_detail", args=[version.agreement_id])
    ).content.decode()
    assert reverse("onboarding:agreement_retire", args=[version.agreement_id]) in html


def test_a_coordinator_is_not_offered_retiring_and_is_refused(coordinator_client):
    version = publish("other")
    html = coordinator_client.get(
        reverse("onboarding:agreement_detail", args=[version.agreement_id])
    ).content.decode()
    url = reverse("onboarding:agreement_retire", args=[version.agreement_id])
    assert url not in html
    assert coordinator_client.post(url).status_code == 403
    assert Agreement.objects.get().retired_at is None


def test_the_confirmation_page_says_what_retiring_means(lead_client):
    version = publish("confidentiality", versions=2)
    signer = ExpertFactory(status="active")
    sign(signer, version)
    ExpertFactory(status="active")  # not signed yet: asked to, until it is retired
    html = lead_client.get(
        reverse("onboarding:agreement_retire", args=[version.agreement_id])
    ).content.decode()
    assert "Retire ‘Confidentiality agreement’?" in html
    assert "Nobody is asked to sign it any more" in html
    assert "1 person who has not signed version 2 will no longer be asked" in html
    assert "The 1 signature already given is kept" in html
    assert "Work that requires a signed confidentiality agreement will have nobody" in html
    assert "If the onboarding checklist requires a signed confidentiality agreement" in html
    assert "It cannot be undone" in html
    assert Agreement.objects.get().retired_at is None  # looking changes nothing


def test_a_role_description_says_nothing_about_work_or_the_checklist(lead_client):
    version = publish("role_description")
    html = lead_client.get(
        reverse("onboarding:agreement_retire", args=[version.agreement_id])
    ).content.decode()
    assert "Work that requires" not in html
    assert "onboarding checklist" not in html


def test_the_lead_retires_an_agreement_audited_and_signatures_kept(lead_client, expert):
    version = publish("code_of_conduct")
    sign(expert, version)
    response = lead_client.post(
        reverse("onboarding:agreement_retire", args=[version.agreement_id]), follow=True
    )
    html = response.content.decode()
    assert "‘Code of conduct’ is retired. Nobody is asked to sign it any more" in html
    assert "Retired on" in html
    assert "Publish a new version" not in html
    agreement = Agreement.objects.get()
    assert agreement.retired_at is not None
    assert Signature.objects.filter(expert=expert, version=version).exists()
    event = AuditEvent.objects.get(action=AuditEvent.Action.AGREEMENT_RETIRED)
    assert event.object_id == str(agreement.pk)
    assert event.summary == "Agreement ‘Code of conduct’ no longer in use"


def test_a_retired_agreement_shows_as_retired_in_the_list(lead_client, involvement_lead):
    from coproduce.onboarding.agreements import services

    kept = publish("code_of_conduct")
    gone = publish("other")
    services.retire_agreement(actor=involvement_lead, agreement=gone.agreement)
    html = lead_client.get(reverse("onboarding:agreement_list")).content.decode()
    row = html[html.index("Photography consent") :]
    row = row[: row.index("</tr>")]
    assert "Retired" in row
    kept_row = html[html.index(kept.agreement.title) :]
    assert "Retired" not in kept_row[: kept_row.index("</tr>")]


def test_a_retired_agreement_is_no_longer_on_the_experts_agreements_to_sign(
    lead_client, expert, expert_client
):
    version = publish("other")
    assert (
        "Photography consent"
        in expert_client.get(reverse("onboarding:my_agreements")).content.decode()
    )
    lead_client.post(reverse("onboarding:agreement_retire", args=[version.agreement_id]))
    html = expert_client.get(reverse("onboarding:my_agreements")).content.decode()
    assert "Photography consent" not in html
    home = expert_client.get(reverse("opportunities:my_involvement")).content.decode()
    assert "Agreements to sign" not in home


def test_retiring_twice_changes_nothing_and_says_so(lead_client):
    version = publish("other")
    url = reverse("onboarding:agreement_retire", args=[version.agreement_id])
    lead_client.post(url)
    retired_at = Agreement.objects.get().retired_at
    response = lead_client.post(url, follow=True)  # a double click
    html = response.content.decode()
    assert response.status_code == 200
    assert "was already retired on" in html and "Nothing has changed" in html
    assert Agreement.objects.get().retired_at == retired_at
    assert AuditEvent.objects.filter(action=AuditEvent.Action.AGREEMENT_RETIRED).count() == 1


def test_the_confirmation_page_left_open_says_it_is_already_retired(lead_client):
    version = publish("other")
    url = reverse("onboarding:agreement_retire", args=[version.agreement_id])
    lead_client.post(url)
    html = lead_client.get(url).content.decode()
    assert "‘Photography consent’ is already retired" in html
    assert "Retire this agreement" not in html


def test_an_unknown_agreement_is_not_found(lead_client):
    assert lead_client.get(reverse("onboarding:agreement_retire", args=[999])).status_code == 404
