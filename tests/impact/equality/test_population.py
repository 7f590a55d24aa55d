"""The lead enters the local population for each characteristic from census tables (numbers
only, with the source), and the fewest people shown; both audited."""

import pytest
from django.urls import reverse

from coproduce.audit.models import AuditEvent
from coproduce.impact.equality.models import FewestShown, Population

pytestmark = pytest.mark.django_db


def _counts(**counts):
    return {f"count_{key}": value for key, value in counts.items()}


def test_the_lead_enters_the_local_population_for_ethnic_group(lead_client):
    url = reverse("equality:population_set", args=["ethnic_group"])
    assert "TS021" in lead_client.get(url).content.decode()
    response = lead_client.post(
        url,
        {
            **_counts(asian=62400, black=27300, mixed=19500, white=526500, other=14300),
            "source": "Census 2021, table TS021, Exampleshire",
        },
    )
    assert response.status_code == 302
    saved = Population.objects.get(characteristic="ethnic_group")
    assert saved.counts == {
        "asian": 62400,
        "black": 27300,
        "mixed": 19500,
        "white": 526500,
        "other": 14300,
    }
    event = AuditEvent.objects.get(action=AuditEvent.Action.POPULATION_SET)
    assert event.changes["White"] == [None, 526500]
    listing = lead_client.get(reverse("equality:population")).content.decode()
    assert "Census 2021, table TS021, Exampleshire" in listing


def test_counts_must_be_whole_numbers_of_zero_or_more(lead_client):
    url = reverse("equality:population_set", args=["sex"])
    response = lead_client.post(url, {**_counts(female="lots", male=-4), "source": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter the number of people for ‘Female’ as a whole number" in html
    assert "The number of people for ‘Male’ must be 0 or more" in html
    assert "Enter where the figures come from" in html
    assert not Population.objects.exists()


def test_an_unknown_characteristic_is_not_found(lead_client):
    url = reverse("equality:population_set", args=["shoe_size"])
    assert lead_client.get(url).status_code == 404


def test_the_lead_sets_the_fewest_people_shown(lead_client):
    url = reverse("equality:fewest")
    assert lead_client.post(url, {"fewest": "2"}).status_code == 400
    assert lead_client.post(url, {"fewest": "15"}).status_code == 302
    assert FewestShown.current().fewest == 15
    event = AuditEvent.objects.get(action=AuditEvent.Action.POPULATION_SET)
    assert event.changes == {"Fewest people shown": [10, 15]}
