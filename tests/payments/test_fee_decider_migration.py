"""Whose decision a fee choice was used to live in its reason, as "Override: " or "Told us: ".
The migration moves it into FeeDecision.decided_by and takes the prefix off (and back)."""

from importlib import import_module

import pytest
from django.apps import apps

from coproduce.payments.choices import FeeChoice, FeeDecider
from coproduce.payments.models import FeeDecision
from tests.factories import InvitationFactory

pytestmark = pytest.mark.django_db

migration = import_module("coproduce.payments.migrations.0005_fee_decision_decided_by")


def decision(reason: str, *, by_expert: bool = False) -> FeeDecision:
    return FeeDecision.objects.create(
        invitation=InvitationFactory(),
        choice=FeeChoice.FULL,
        by_expert=by_expert,
        decided_by=FeeDecider.EXPERT,
        reason=reason,
    )


def test_the_prefixes_become_the_field_and_leave_the_reason():
    told = decision("Told us: Wendy rang on Monday")
    override = decision("Override: She needs the money")
    plain = decision("Agreed at the meeting")
    own = decision("", by_expert=True)
    migration.prefixes_to_field(apps, None)
    found = {d.pk: (d.decided_by, d.reason) for d in FeeDecision.objects.all()}
    assert found == {
        told.pk: (FeeDecider.EXPERT, "Wendy rang on Monday"),
        override.pk: (FeeDecider.OVERRIDE, "She needs the money"),
        # The team's page showed a decision with no prefix as an override.
        plain.pk: (FeeDecider.OVERRIDE, "Agreed at the meeting"),
        own.pk: (FeeDecider.EXPERT, ""),
    }


def test_going_back_puts_the_prefixes_back():
    told = decision("Told us: Wendy rang on Monday")
    override = decision("Override: She needs the money")
    migration.prefixes_to_field(apps, None)
    migration.field_to_prefixes(apps, None)
    reasons = dict(FeeDecision.objects.values_list("pk", "reason"))
    assert reasons == {
        told.pk: "Told us: Wendy rang on Monday",
        override.pk: "Override: She needs the money",
    }
