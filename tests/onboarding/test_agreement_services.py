"""Agreements: the lead publishes them and new versions, an expert signs the current version in
the portal, a coordinator records a signature on paper; an old version, a date in the future or
a second signature is refused with a message for the person and nothing is saved."""

from datetime import timedelta

import pytest
from django.utils import timezone

from coproduce.audit.models import AuditEvent
from coproduce.onboarding.agreements import queries, services
from coproduce.onboarding.models import Agreement, AgreementVersion, Signature
from tests.factories import ExpertFactory, expert_with_account
from tests.onboarding.agreement_helpers import publish, sign, sign_on_paper

pytestmark = pytest.mark.django_db


def test_publishing_an_agreement_makes_version_1_and_records_it(involvement_lead):
    version = services.add_agreement(
        actor=involvement_lead,
        kind="code_of_conduct",
        title="  Code of conduct ",
        body="Be kind.",
        easy_read="Be kind.",
    )
    assert version.number == 1
    assert version.agreement.title == "Code of conduct"
    assert version.published_by == involvement_lead
    event = AuditEvent.objects.get(action=AuditEvent.Action.AGREEMENT_ADDED)
    assert "Code of conduct" in event.summary


def test_there_is_one_confidentiality_agreement_at_a_time(involvement_lead):
    publish("confidentiality")
    with pytest.raises(services.AgreementError, match="already a confidentiality agreement"):
        services.add_agreement(
            actor=involvement_lead, kind="confidentiality", title="Another", body="x", easy_read="x"
        )
    assert Agreement.objects.count() == 1


def test_role_descriptions_can_be_many_but_titles_differ_in_any_case(involvement_lead):
    publish("role_description")
    services.add_agreement(
        actor=involvement_lead,
        kind="role_description",
        title="Panel member",
        body="x",
        easy_read="x",
    )
    with pytest.raises(services.AgreementError, match="already an agreement with that title"):
        services.add_agreement(
            actor=involvement_lead, kind="other", title="PANEL MEMBER", body="x", easy_read="x"
        )


def test_a_new_version_is_a_new_row_and_the_old_one_stays(involvement_lead):
    first = publish("confidentiality")
    second = services.publish_version(
        actor=involvement_lead,
        agreement=first.agreement,
        body="New words",
        easy_read="New easy words",
        what_changed="We added a part about social media",
        after=1,
    )
    assert second.number == 2
    assert AgreementVersion.objects.get(pk=first.pk).body == first.body
    assert AuditEvent.objects.filter(action=AuditEvent.Action.AGREEMENT_PUBLISHED).count() == 1


def test_publishing_after_someone_else_published_is_refused(involvement_lead):
    version = publish("confidentiality", versions=2)
    with pytest.raises(services.AgreementError, match="Version 2 .* was published while"):
        services.publish_version(
            actor=involvement_lead,
            agreement=version.agreement,
            body="x",
            easy_read="x",
            what_changed="x",
            after=1,
        )
    assert AgreementVersion.objects.count() == 2


def test_an_expert_signs_the_current_version_in_the_portal():
    expert = expert_with_account(full_name="Ann Example")
    version = publish("confidentiality")
    signature = services.sign(expert=expert, version=version, typed_name="  Ann   Example ")
    assert signature.typed_name == "Ann Example"
    assert signature.method == Signature.Method.PORTAL
    assert signature.recorded_by == expert.user
    event = AuditEvent.objects.get(action=AuditEvent.Action.AGREEMENT_SIGNED)
    assert event.subject_id == str(expert.pk)
    assert "in the portal" in event.summary


def test_an_empty_name_is_not_a_signature():
    expert = expert_with_account()
    version = publish("confidentiality")
    with pytest.raises(services.AgreementError, match="Type your full name") as raised:
        services.sign(expert=expert, version=version, typed_name="   ")
    assert raised.value.field == "typed_name"
    assert not Signature.objects.exists()


def test_signing_an_old_version_is_refused_and_nothing_is_saved():
    expert = expert_with_account()
    first = publish("confidentiality")
    services.publish_version(
        actor=None, agreement=first.agreement, body="v2", easy_read="v2", what_changed="", after=1
    )
    with pytest.raises(services.AgreementError, match="old version .* Version 2 has been"):
        sign(expert, first)
    assert not Signature.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.AGREEMENT_SIGNED).exists()


def test_signing_twice_is_refused():
    expert = expert_with_account()
    version = publish("confidentiality")
    sign(expert, version)
    with pytest.raises(services.AgreementError, match="already signed version 1"):
        sign(expert, version)
    assert Signature.objects.count() == 1


def test_a_new_version_asks_everyone_to_sign_again():
    expert = expert_with_account()
    first = publish("confidentiality")
    sign(expert, first)
    assert queries.to_sign(expert) == []
    second = services.publish_version(
        actor=None, agreement=first.agreement, body="v2", easy_read="v2", what_changed="", after=1
    )
    assert queries.to_sign(expert) == [second]
    row = queries.agreements_for_expert(expert)[0]
    assert row["signature"].version == first and not row["signed_current"]
    sign(expert, second)
    assert queries.to_sign(expert) == []
    assert Signature.objects.filter(expert=expert).count() == 2


def test_a_coordinator_records_a_signature_on_paper(coordinator):
    expert = ExpertFactory(full_name="Bob Paper")
    version = publish("code_of_conduct")
    day = timezone.localdate() - timedelta(days=3)
    signature = sign_on_paper(expert, version, day, actor=coordinator)
    assert signature.method == Signature.Method.PAPER
    assert timezone.localdate(signature.signed_at) == day
    assert signature.recorded_by == coordinator
    assert signature.typed_name == "Bob Paper"
    event = AuditEvent.objects.get(action=AuditEvent.Action.AGREEMENT_SIGNED_ON_PAPER)
    assert "on paper" in event.summary


def test_a_paper_signature_dated_in_the_future_is_refused(coordinator):
    expert = ExpertFactory()
    version = publish("code_of_conduct")
    with pytest.raises(services.AgreementError, match="today or in the past") as raised:
        sign_on_paper(expert, version, timezone.localdate() + timedelta(days=1), coordinator)
    assert raised.value.field == "signed_on"
    assert not Signature.objects.exists()


def test_a_retired_agreement_cannot_be_signed(involvement_lead):
    expert = expert_with_account()
    version = publish("other")
    services.retire_agreement(actor=involvement_lead, agreement=version.agreement)
    with pytest.raises(services.AgreementError, match="no longer in use"):
        sign(expert, version)
    assert queries.to_sign(expert) == []


def test_not_signed_lists_active_and_onboarding_experts_without_the_current_version():
    version = publish("confidentiality")
    signed = ExpertFactory(full_name="Signed Person")
    waiting = ExpertFactory(full_name="Waiting Person", status="onboarding")
    ExpertFactory(full_name="Left Person", status="left")
    sign_on_paper(signed, version, timezone.localdate())
    assert list(queries.not_signed(version)) == [waiting]


def test_subject_access_lists_signatures_and_erasure_removes_them():
    from coproduce.onboarding import personal_data

    expert = expert_with_account(full_name="Sam Subject")
    first = publish("confidentiality")
    sign(expert, first)
    section = personal_data.collect(expert)
    signed = section.data["agreements_signed"]
    assert [(s["agreement"], s["version"], s["how_signed"], s["typed_name"]) for s in signed] == [
        ("Confidentiality agreement", 1, "In the portal", "Sam Subject")
    ]
    assert personal_data.erase(expert) == ["the agreements they signed"]
    assert not Signature.objects.filter(expert=expert).exists()
    assert AgreementVersion.objects.filter(pk=first.pk).exists()
