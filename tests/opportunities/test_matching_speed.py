"""What the shortlist does for speed must not change whom it finds: the read of every
processable expert said for SQLite's table order finds exactly processable()'s experts."""

import pytest
from django.utils import timezone

from coproduce.opportunities.matching.candidates import _processable_read_in_order
from coproduce.people.models import Expert
from tests.factories import ExpertFactory

pytestmark = pytest.mark.django_db


def test_the_read_in_table_order_finds_exactly_the_processable_experts():
    now = timezone.now()
    kept = [ExpertFactory(), ExpertFactory(status="paused")]
    ExpertFactory(restricted_at=now)
    ExpertFactory(erased_at=now)
    ExpertFactory(restricted_at=now, erased_at=now)
    found = set(_processable_read_in_order().values_list("pk", flat=True))
    assert found == {e.pk for e in kept}
    assert found == set(Expert.objects.processable().values_list("pk", flat=True))
