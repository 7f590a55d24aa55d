"""The expert's profile leads the team to claiming expenses on the expert's behalf."""

import pytest
from django.urls import reverse

from tests.factories import ExpertFactory

pytestmark = pytest.mark.django_db


def test_the_profile_links_to_claiming_on_the_experts_behalf(coordinator_client):
    expert = ExpertFactory()
    html = coordinator_client.get(reverse("people:expert_detail", args=[expert.pk])).content
    assert reverse("payments:claim_for_expert", args=[expert.pk]).encode() in html
