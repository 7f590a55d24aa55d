"""The demo's concerns: a named safeguarding contact and concerns in each state, in bulk."""

import pytest
from django.utils import timezone

from coproduce.accounts.roles import Role
from coproduce.demo import concerns as demo_concerns
from coproduce.demo.accounts import COORDINATOR_EMAIL, DEMO_DOMAIN
from coproduce.demo.context import DemoContext
from coproduce.impact.concerns.models import Concern, ConcernSettings, Step
from tests.factories import ExpertFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_demo_names_a_contact_and_makes_concerns_in_each_state(
    django_assert_max_num_queries,
):
    UserFactory(role=Role.STAFF, email=f"staff@{DEMO_DOMAIN}")
    UserFactory(role=Role.COORDINATOR, email=COORDINATOR_EMAIL)
    ExpertFactory.create_batch(12)
    said: list[str] = []
    ctx = DemoContext.seeded(seed=1, experts=12, now=timezone.now(), say=said.append)
    with django_assert_max_num_queries(15):
        demo_concerns.create(ctx)
    settings = ConcernSettings.objects.get()
    assert settings.contacts.get().email == f"staff@{DEMO_DOMAIN}"
    statuses = set(Concern.objects.values_list("status", flat=True))
    assert statuses == {Concern.Status.NEW, Concern.Status.OPEN, Concern.Status.CLOSED}
    assert Concern.objects.filter(safeguarding=True).count() == 1
    assert Step.objects.filter(kind=Step.Kind.RESPONSE).exists()
    assert said
    # Run again (demo_data on a database that has them): nothing more.
    demo_concerns.create(ctx)
    assert Concern.objects.count() == 8
