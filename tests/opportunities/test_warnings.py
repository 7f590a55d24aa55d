"""Tokenism warnings: too few experts, too many staff per expert, a low rung, asked only at
review. Each is said in plain English with why it matters."""

from decimal import Decimal

import pytest
from django.urls import reverse

from coproduce.opportunities.choices import Rung, Stage
from coproduce.opportunities.queries.warnings import tokenism_warnings, warnings_for
from tests.factories import OpportunityFactory


def codes(**kwargs) -> list[str]:
    defaults = {"experts": 4, "staff_expected": 2, "rung": Rung.CO_DESIGN, "stage": Stage.PLAN}
    return [w.code for w in tokenism_warnings(**{**defaults, **kwargs})]


def test_balanced_early_coproduction_has_no_warnings():
    assert codes() == []


def test_fewer_than_two_experts_quotes_the_seeds():
    (warning,) = [w for w in tokenism_warnings(experts=1, staff_expected=1, rung=7, stage="plan")]
    assert warning.code == "few_experts"
    assert "‘one or two’" in warning.why


def test_staff_ratio_above_the_setting(settings):
    settings.INVOLVEMENT_MAX_STAFF_PER_EXPERT = Decimal("3")
    assert codes(experts=2, staff_expected=6) == []
    assert codes(experts=2, staff_expected=7) == ["staff_ratio"]
    settings.INVOLVEMENT_MAX_STAFF_PER_EXPERT = Decimal("1.5")
    assert codes(experts=2, staff_expected=4) == ["staff_ratio"]


def test_ratio_uses_the_number_of_experts_given():
    # Four places, but only one expert accepted: both warnings show.
    assert codes(experts=1, staff_expected=4) == ["few_experts", "staff_ratio"]


@pytest.mark.parametrize("rung", [Rung.COERCION, Rung.EDUCATING, Rung.INFORMING])
def test_informing_or_below(rung):
    assert codes(rung=rung) == ["low_rung"]


def test_consultation_is_not_flagged():
    assert codes(rung=Rung.CONSULTATION) == []


def test_review_stage_only_quotes_the_seeds():
    warnings = tokenism_warnings(experts=4, staff_expected=1, rung=7, stage=Stage.REVIEW)
    assert [w.code for w in warnings] == ["review_only"]
    assert "before decisions are made" in warnings[0].why


def test_an_opportunity_uses_its_places_until_told_the_experts(db):
    opportunity = OpportunityFactory(places=4, staff_expected=2)
    assert warnings_for(opportunity) == []
    assert [w.code for w in warnings_for(opportunity, experts=1)] == ["few_experts"]


def test_warnings_show_on_the_opportunity_page(coordinator_client):
    opportunity = OpportunityFactory(
        places=1, staff_expected=5, rung=Rung.INFORMING, stage="review"
    )
    body = coordinator_client.get(
        reverse("opportunities:opportunity_detail", args=[opportunity.pk])
    ).content.decode()
    for title in ("Fewer than two experts", "staff for each expert", "Informing", "review stage"):
        assert title.lower() in body.lower()
