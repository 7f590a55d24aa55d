"""How representative membership is: counts by constituency per 1,000 people, and by age band
and by characteristic against the local population (for all members or one constituency's),
small numbers never shown, in a fixed number of queries, and as a CSV."""

from datetime import date

import pytest
from django.urls import reverse

from coproduce.impact.equality.models import FewestShown, Population
from coproduce.membership.members.choices import MemberStatus
from coproduce.membership.members.models import (
    Member,
    MemberCharacteristics,
    MembershipSettings,
)
from coproduce.membership.members.representation import age_bands, report, sections
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
    for n, member in enumerate(_members(constituencies["north"], 9)):
        MemberCharacteristics.objects.create(
            member=member, sex="female" if n < 6 else "male", ethnic_group="prefer_not"
        )
    rows = {row[0]: row[1] for row in _table(sections(TODAY), "members-by-sex")}
    assert rows["Female"] == "6"
    ethnic = {row[0]: row[1] for row in _table(sections(TODAY), "members-by-ethnic-group")}
    assert ethnic["Prefer not to say"] == "9"


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


# Against the local population -------------------------------------------------------------
#
# The known data set (fewest shown: 3; ages on 1 June 2026):
#   Leeds North, 12 members: 7 aged 26 and 5 aged 66; sex 6 female, 4 male, 2 not answered;
#     ethnic group 8 White, 2 Asian, 2 preferred not to say; nobody answered disability.
#   Patients and carers, 4 members: all aged 36 and female, nothing else answered.
#   Local population: sex 5,130 female and 4,870 male; ages 15% 16 to 24, 20% 25 to 34, 15% each
#     35 to 44, 45 to 54 and 55 to 64, 10% each 65 to 74 and 75 and over; ethnic group 70%
#     White, 20% Asian, 5% Black, 3% Mixed, 2% other. No population for disability.

HEADERS = [
    "Members",
    "Share of members who answered",
    "Share of the local population",
    "Difference from the local share (percentage points)",
]


def _known_data_set(constituencies) -> None:
    FewestShown.objects.create(fewest=3)
    north = _members(constituencies["north"], 7, date_of_birth=date(2000, 1, 1))
    north += _members(constituencies["north"], 5, date_of_birth=date(1960, 1, 1))
    sexes = ["female"] * 6 + ["male"] * 4 + ["", ""]
    ethnic = ["white"] * 8 + ["asian"] * 2 + ["prefer_not"] * 2
    for member, sex, group in zip(north, sexes, ethnic, strict=True):
        MemberCharacteristics.objects.create(member=member, sex=sex, ethnic_group=group)
    for member in _members(constituencies["patients"], 4, date_of_birth=date(1990, 1, 1)):
        MemberCharacteristics.objects.create(member=member, sex="female")
    Population.objects.create(
        characteristic="sex", counts={"female": 5130, "male": 4870}, source="Census 2021, Leeds"
    )
    Population.objects.create(
        characteristic="age_band",
        counts={
            "16-24": 1500,
            "25-34": 2000,
            "35-44": 1500,
            "45-54": 1500,
            "55-64": 1500,
            "65-74": 1000,
            "75+": 1000,
        },
        source="Census 2021, Leeds",
    )
    Population.objects.create(
        characteristic="ethnic_group",
        counts={"white": 7000, "asian": 2000, "black": 500, "mixed": 300, "other": 200},
        source="Census 2021, Leeds",
    )


def _section(found, slug):
    return next(s for s in found if s.slug == slug)


def _rows(found, slug) -> dict[str, list[str]]:
    return {row[0]: row[1:] for row in _table(found, slug)}


def test_each_sex_is_compared_with_its_share_of_the_local_population(constituencies):
    _known_data_set(constituencies)
    section = _section(sections(TODAY), "members-by-sex")
    assert section.table.headers == ["Sex", *HEADERS]
    rows = _rows(sections(TODAY), "members-by-sex")
    # 10 of the 14 who answered are women: 71.4% against 51.3% of the local population.
    assert rows["Female"] == ["10", "71.4%", "51.3%", "20.1 above"]
    assert rows["Male"] == ["4", "28.6%", "48.7%", "20.1 below"]
    assert rows["Answered"] == ["14", "", "10,000 people", ""]
    assert "The local population is from Census 2021, Leeds." in section.summary
    assert "furthest below its local share: Male, 20.1 percentage points below" in section.summary


def test_age_bands_are_compared_with_the_local_population(constituencies):
    _known_data_set(constituencies)
    rows = _rows(sections(TODAY), "members-by-age")
    assert rows["25 to 34"] == ["7", "43.8%", "20.0%", "23.8 above"]
    assert rows["35 to 44"] == ["4", "25.0%", "15.0%", "10.0 above"]
    assert rows["65 to 74"] == ["5", "31.3%", "10.0%", "21.3 above"]
    # No member is 16 to 24: hidden, with no share and no difference, the population still shown.
    assert rows["16 to 24"] == ["fewer than 3", "", "15.0%", ""]
    assert rows["All ages"] == ["16", "", "10,000 people", ""]


def test_a_small_group_is_hidden_with_the_next_smallest_and_no_share(constituencies):
    _known_data_set(constituencies)
    rows = _rows(sections(TODAY), "members-by-ethnic-group")
    # Asian (2) is under 3; Black, Mixed and other (0) are too, so White (8) can be shown.
    assert rows["White"] == ["8", "80.0%", "70.0%", "10.0 above"]
    assert rows["Asian, Asian British or Asian Welsh"] == ["fewer than 3", "", "20.0%", ""]
    assert rows["Prefer not to say"] == ["fewer than 3", "", "", ""]
    assert rows["Answered"] == ["10", "", "10,000 people", ""]


def test_one_hidden_group_hides_the_next_smallest_too(constituencies):
    FewestShown.objects.create(fewest=3)
    Population.objects.create(characteristic="sex", counts={"female": 1, "male": 1}, source="x")
    for n, member in enumerate(_members(constituencies["north"], 12)):
        MemberCharacteristics.objects.create(member=member, sex="female" if n < 10 else "male")
    rows = _rows(sections(TODAY), "members-by-sex")
    # Male (2) alone would be 12 less Female: both are hidden, and neither share is shown.
    assert rows["Female"] == ["fewer than 3", "", "50.0%", ""]
    assert rows["Male"] == ["fewer than 3", "", "50.0%", ""]
    assert rows["Answered"] == ["12", "", "2 people", ""]
    chart = str(_section(sections(TODAY), "members-by-sex").chart)
    assert "not shown, too few people" in chart and "71.4%" not in chart


def test_a_group_with_its_local_share_reads_the_same(constituencies):
    FewestShown.objects.create(fewest=3)
    Population.objects.create(characteristic="sex", counts={"female": 7, "male": 7}, source="x")
    for n, member in enumerate(_members(constituencies["north"], 10)):
        MemberCharacteristics.objects.create(member=member, sex="female" if n < 5 else "male")
    rows = _rows(sections(TODAY), "members-by-sex")
    assert rows["Female"] == ["5", "50.0%", "50.0%", "the same"]


def test_too_few_answers_hide_the_whole_column(constituencies):
    FewestShown.objects.create(fewest=3)
    for member in _members(constituencies["north"], 2):
        MemberCharacteristics.objects.create(member=member, sex="female")
    section = _section(sections(TODAY), "members-by-sex")
    rows = _rows(sections(TODAY), "members-by-sex")
    assert rows["Female"][0] == "fewer than 3"
    assert rows["Answered"][0] == "fewer than 3"
    assert "Fewer than 3 members answered, so no group is shown." in section.summary


def test_the_chart_shows_members_share_beside_the_populations(constituencies):
    _known_data_set(constituencies)
    chart = str(_section(sections(TODAY), "members-by-sex").chart)
    assert "Local population" in chart and "Members" in chart
    assert "71.4%" in chart and "51.3%" in chart


def test_a_characteristic_without_a_population_says_so(constituencies):
    _known_data_set(constituencies)
    section = _section(sections(TODAY), "members-by-disability")
    assert "has not been entered, so there is no comparison" in section.summary
    assert {row[3] for row in section.table.rows[:3]} == {"Not entered"}
    assert "Local population" not in str(section.chart)


def test_the_office_is_told_who_enters_a_missing_population(office_client, constituencies):
    _known_data_set(constituencies)
    page = office_client.get(reverse("members:representation")).content.decode()
    assert "Your involvement lead enters the local population" in page
    assert "for disability" in page
    assert reverse("equality:population") not in page


def test_someone_who_may_enter_the_population_gets_a_link_to_it(
    office_client, office_user, constituencies, monkeypatch
):
    _known_data_set(constituencies)
    user_class = type(office_user)
    allowed = user_class.has_perm
    monkeypatch.setattr(
        user_class,
        "has_perm",
        lambda self, perm, obj=None: perm == "equality.set_population" or allowed(self, perm, obj),
    )
    page = office_client.get(reverse("members:representation")).content.decode()
    assert f'href="{reverse("equality:population")}"' in page
    assert "Your involvement lead enters the local population" not in page


def test_members_under_16_have_no_local_share(constituencies):
    FewestShown.objects.create(fewest=3)
    MembershipSettings.objects.create(minimum_age=14)
    Population.objects.create(
        characteristic="age_band",
        counts={
            "16-24": 1000,
            "25-34": 1000,
            "35-44": 500,
            "45-54": 500,
            "55-64": 500,
            "65-74": 500,
            "75+": 1000,
        },
        source="Census 2021",
    )
    _members(constituencies["north"], 3, date_of_birth=date(2011, 1, 1))  # 15
    _members(constituencies["north"], 7, date_of_birth=date(2000, 1, 1))  # 26
    found = sections(TODAY)
    rows = _rows(found, "members-by-age")
    assert rows["Under 16"] == ["3", "30.0%", "No census figure", ""]
    assert rows["25 to 34"] == ["7", "70.0%", "20.0%", "50.0 above"]
    assert "start at 16" in _section(found, "members-by-age").summary


def test_one_constituency_is_compared_on_its_own(constituencies):
    _known_data_set(constituencies)
    found = sections(TODAY, constituencies["north"].pk)
    assert _table(found, "members-by-constituency") == [["Leeds North", "12", "60,000", "0.2"]]
    sex = _rows(found, "members-by-sex")
    assert sex["Female"] == ["6", "60.0%", "51.3%", "8.7 above"]
    assert sex["Male"] == ["4", "40.0%", "48.7%", "8.7 below"]
    age = _rows(found, "members-by-age")
    assert age["25 to 34"] == ["7", "58.3%", "20.0%", "38.3 above"]
    assert age["65 to 74"] == ["5", "41.7%", "10.0%", "31.7 above"]
    assert age["35 to 44"][0] == "fewer than 3"
    caption = _section(found, "members-by-age").table.caption
    assert caption == "Age: members in Leeds North, against the local population"


def test_the_page_says_the_population_is_the_whole_area_when_one_is_chosen(
    office_client, constituencies
):
    _known_data_set(constituencies)
    url = reverse("members:representation")
    assert "for the whole area the trust serves" not in office_client.get(url).content.decode()
    response = office_client.get(url, {"constituency": constituencies["north"].pk})
    page = response.content.decode()
    assert response.status_code == 200
    assert "not Leeds North alone" in page
    assert f"?constituency={constituencies['north'].pk}" in page  # the CSV link keeps it


def test_a_constituency_whose_count_is_hidden_shows_no_figures(constituencies):
    FewestShown.objects.create(fewest=3)
    _members(constituencies["north"], 12)
    _members(constituencies["patients"], 4)
    _members(constituencies["staff"], 5)
    _members(constituencies["council"], 1)
    # Rest of Yorkshire (1) is hidden, and Patients and carers (4) with it, as the next smallest:
    # its ages would add up to its count.
    found = report(TODAY, constituencies["patients"].pk)
    assert found.chosen_hidden
    assert [s.slug for s in found.sections] == ["members-by-constituency"]
    assert found.sections[0].table.rows[0][1] == "fewer than 3"
    assert not report(TODAY, constituencies["staff"].pk).chosen_hidden


def test_an_unknown_constituency_is_refused_beside_the_field(office_client, constituencies):
    response = office_client.get(reverse("members:representation"), {"constituency": "nine"})
    assert response.status_code == 400
    assert "Choose a constituency again" in response.content.decode()
    download = office_client.get(
        reverse("members:representation_download"), {"constituency": "9999"}
    )
    assert download.status_code == 404


def test_the_comparison_takes_the_same_queries_however_many_members(
    office_client, constituencies, django_assert_max_num_queries
):
    _known_data_set(constituencies)
    url = reverse("members:representation")
    chosen = {"constituency": constituencies["north"].pk}
    with django_assert_max_num_queries(40) as few:
        office_client.get(url, chosen)
    for n, member in enumerate(
        _members(constituencies["north"], 60, date_of_birth=date(1980, 3, 3))
    ):
        MemberCharacteristics.objects.create(
            member=member, sex="male" if n % 2 else "female", ethnic_group="black", disability="no"
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = office_client.get(url, chosen).content.decode()
    assert "Share of the local population" in page


def test_the_chosen_constituencys_figures_download_as_csv(office_client, constituencies):
    _known_data_set(constituencies)
    north = constituencies["north"].pk
    response = office_client.get(
        reverse("members:representation_download"), {"constituency": north}
    )
    assert "members-2026" in response["Content-Disposition"]
    assert f"-constituency-{north}.csv" in response["Content-Disposition"]
    text = response.content.decode()
    assert "Sex: members in Leeds North, against the local population" in text
    assert "Female,6,60.0%,51.3%,8.7 above" in text
    assert "Patients and carers" not in text
