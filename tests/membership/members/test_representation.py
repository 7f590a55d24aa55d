"""How representative membership is: counts by constituency per 1,000 people, by age band and
by characteristic, small numbers never shown, in a fixed number of queries, and as a CSV."""

from datetime import date

import pytest
from django.urls import reverse

from coproduce.impact.equality.models import FewestShown
from coproduce.membership.members.choices import MemberStatus
from coproduce.membership.members.models import Member, MemberCharacteristics
from coproduce.membership.members.representation import age_bands, sections
from tests.membership.members.helpers import make_member

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 1)


def _members(constituency, n, **fields):
    made = []
    for i in range(n):
        made.append(
            make_member(
                constituency,
                full_name=f"{constituency.name} {i}",
                email=f"{constituency.pk}-{i}-{fields.get('date_of_birth', '')}@example.org",
                **fields,
            )
        )
    return made


def _table(found, slug):
    return next(s for s in found if s.slug == slug).table.rows


def test_members_per_thousand_people_by_constituency(constituencies):
    FewestShown.objects.create(fewest=3)
    _members(constituencies["north"], 12)  # population 60,000
    _members(constituencies["patients"], 2)
    make_member(
        constituencies["north"], full_name="Gone", email="g@example.org", status=MemberStatus.LEFT
    )
    rows = _table(sections(TODAY), "members-by-constituency")
    assert rows[0] == ["Leeds North", "12", "60,000", "0.2"]
    # 2 is under the fewest shown; the next smallest (0, Rest of Yorkshire) is hidden with it.
    by_name = {row[0]: row[1] for row in rows}
    assert by_name["Patients and carers"] == "fewer than 3"


def test_age_bands_come_from_dates_of_birth(constituencies):
    FewestShown.objects.create(fewest=3)
    _members(constituencies["north"], 4, date_of_birth=date(2000, 6, 1))  # 26 today
    _members(constituencies["north"], 5, date_of_birth=date(2001, 6, 2))  # 24 today
    rows = {row[0]: row[1] for row in _table(sections(TODAY), "members-by-age")}
    assert rows["16 to 24"] == "5"
    assert rows["25 to 34"] == "4"
    assert rows["75 and over"] == "fewer than 3"


def test_under_16_appears_only_when_the_trust_allows_it():
    assert [key for key, _, _ in age_bands(TODAY, 16)][0] == "16-24"
    assert [key for key, _, _ in age_bands(TODAY, 14)][0] == "under-16"


def test_characteristics_are_counted_never_listed(constituencies):
    FewestShown.objects.create(fewest=3)
    for member in _members(constituencies["north"], 6):
        MemberCharacteristics.objects.create(member=member, sex="female", ethnic_group="prefer_not")
    rows = {row[0]: row[1] for row in _table(sections(TODAY), "members-by-sex")}
    assert rows["Female"] == "6"
    ethnic = {row[0]: row[1] for row in _table(sections(TODAY), "members-by-ethnic-group")}
    assert ethnic["Prefer not to say"] == "6"


def test_the_page_takes_the_same_queries_however_many_members(
    office_client, constituencies, django_assert_max_num_queries
):
    _members(constituencies["north"], 3)
    with django_assert_max_num_queries(40) as few:
        office_client.get(reverse("members:representation"))
    _members(constituencies["patients"], 40)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = office_client.get(reverse("members:representation"))
    page = response.content.decode()
    assert "<svg" in page and "Members per 1,000 people" in page


def test_the_figures_download_as_csv(office_client, constituencies):
    _members(constituencies["north"], 12)
    response = office_client.get(reverse("members:representation_download"))
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode()
    assert "Members by constituency, against the population" in text
    assert 'Leeds North,12,"60,000",0.2' in text
    assert Member.objects.count() == 12
