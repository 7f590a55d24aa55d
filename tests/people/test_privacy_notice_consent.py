"""The privacy notice an expert acknowledged: the signature of the privacy notice agreement
(onboarding) is the record, and the version on the expert's consent follows it, whether they
sign in the portal or a coordinator records it on paper. Their profile says which version
they acknowledged and whether it is the one in force."""

from datetime import date, datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from coproduce.audit.models import AuditEvent
from coproduce.onboarding.agreements import services as agreements
from coproduce.people.presenters import ExpertPresenter
from tests.factories import ExpertFactory, expert_with_account
from tests.onboarding.agreement_helpers import publish, sign, sign_on_paper

pytestmark = pytest.mark.django_db


def _consent_row(client, expert) -> str:
    html = " ".join(
        client.get(reverse("people:expert_detail", args=[expert.pk])).content.decode().split()
    )
    return html.split("Consent to keep their data", 1)[1][:400]


def test_signing_the_privacy_notice_in_the_portal_records_its_version_on_the_expert():
    expert = expert_with_account(consent_given_at=None, consent_privacy_notice_version="")
    version = publish("privacy_notice", versions=2)

    signature = sign(expert, version)

    expert.refresh_from_db()
    assert expert.consent_privacy_notice_version == "2"
    assert expert.consent_given_at == signature.signed_at
    event = AuditEvent.objects.get(
        action=AuditEvent.Action.UPDATED, summary="Privacy notice version 2 acknowledged"
    )
    assert event.actor == expert.user
    assert event.changes["consent_privacy_notice_version"] == ["", "2"]


def test_a_privacy_notice_signed_on_paper_is_recorded_with_the_day_it_was_signed(coordinator):
    expert = ExpertFactory(consent_privacy_notice_version="2026-1")
    version = publish("privacy_notice")

    sign_on_paper(expert, version, date(2026, 11, 20), actor=coordinator)

    expert.refresh_from_db()
    assert expert.consent_privacy_notice_version == "1"
    assert timezone.localtime(expert.consent_given_at).date() == date(2026, 11, 20)


def test_signing_another_agreement_leaves_consent_alone():
    agreed = timezone.make_aware(datetime(2026, 3, 15, 12))
    expert = expert_with_account(consent_given_at=agreed, consent_privacy_notice_version="2026-1")

    sign(expert, publish("confidentiality"))

    expert.refresh_from_db()
    assert (expert.consent_given_at, expert.consent_privacy_notice_version) == (agreed, "2026-1")


def test_the_profile_says_the_version_acknowledged_is_the_current_one(coordinator_client):
    expert = expert_with_account()
    sign(expert, publish("privacy_notice"))

    assert "privacy notice version 1 (the current version)" in _consent_row(
        coordinator_client, expert
    )


def test_the_profile_says_when_a_newer_version_has_not_been_acknowledged(coordinator_client):
    expert = expert_with_account()
    first = publish("privacy_notice")
    sign(expert, first)
    agreements.publish_version(
        actor=None,
        agreement=first.agreement,
        body="What we keep, changed.",
        easy_read="What we keep.",
        what_changed="New retention periods",
        after=1,
    )

    row = _consent_row(coordinator_client, expert)
    assert (
        "privacy notice version 1. The current version is 2: they have not acknowledged it yet."
        in row
    )


def test_until_one_is_published_the_websites_notice_is_the_current_one():
    agreed = timezone.make_aware(datetime(2026, 3, 15, 12))
    expert = ExpertFactory(
        consent_given_at=agreed, consent_privacy_notice_version=settings.PRIVACY_NOTICE_VERSION
    )
    assert ExpertPresenter(expert).consent == (
        f"Agreed on Sunday 15 March 2026, privacy notice version "
        f"{settings.PRIVACY_NOTICE_VERSION} (the current version)"
    )


def test_the_coordinator_no_longer_types_the_version(coordinator_client):
    expert = ExpertFactory()
    html = coordinator_client.get(reverse("people:expert_edit", args=[expert.pk])).content
    assert b"consent_privacy_notice_version" not in html
