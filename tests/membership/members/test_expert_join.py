"""An Expert by Experience becomes a member from their portal in one step: the details from
their record, asking only for their date of birth (and an address if missing) and how they
join; the home page offers it only to an expert who is not a member."""

import pytest
from django.urls import reverse

from coproduce.membership.members.choices import JoinedBy
from coproduce.membership.members.models import Member
from tests.factories import expert_with_account
from tests.membership.members.helpers import make_member

pytestmark = pytest.mark.django_db
URL = reverse("members:expert_join")
BORN = {"date_of_birth-day": "9", "date_of_birth-month": "10", "date_of_birth-year": "1961"}


@pytest.fixture
def leeds_expert(db):
    return expert_with_account(
        full_name="Ezra Expert", address="5 Otley Road, Leeds", postcode="LS6 4AA"
    )


def test_an_expert_joins_with_the_details_on_their_record(client, constituencies, leeds_expert):
    client.force_login(leeds_expert.user)
    page = client.get(URL)
    assert "5 Otley Road" in page.content.decode()
    assert "address" not in page.context["form"].fields
    response = client.post(URL, {**BORN, "join_as": "public", "consent": "on"})
    assert response.status_code == 302
    member = Member.objects.get()
    assert member.expert == leeds_expert
    assert member.joined_by == JoinedBy.EXPERT_PORTAL
    assert member.constituency == constituencies["north"]
    assert (member.full_name, member.email, member.postcode) == (
        "Ezra Expert",
        leeds_expert.email,
        "LS6 4AA",
    )


def test_an_expert_without_an_address_is_asked_for_one(client, constituencies):
    expert = expert_with_account(full_name="No Address", address="", postcode="")
    client.force_login(expert.user)
    response = client.post(URL, {**BORN, "join_as": "patients_carers", "consent": "on"})
    assert response.status_code == 400
    assert response.context["form"].errors["address"] == ["Enter your address"]
    client.post(
        URL,
        {
            **BORN,
            "join_as": "patients_carers",
            "consent": "on",
            "address": "1 A St",
            "postcode": "sw1a1aa",
        },
    )
    assert Member.objects.get().postcode == "SW1A 1AA"


def test_an_expert_outside_the_area_is_told_beside_how_they_join(client, constituencies):
    expert = expert_with_account(address="1 Far Away", postcode="SY2 6ND")
    client.force_login(expert.user)
    response = client.post(URL, {**BORN, "join_as": "public", "consent": "on"})
    assert (
        response.context["form"]
        .errors["join_as"][0]
        .startswith("Your postcode SY2 is not in the area")
    )


def test_the_home_page_offers_membership_only_to_non_members(client, constituencies, leeds_expert):
    client.force_login(leeds_expert.user)
    home = client.get(reverse("home"), follow=True).content.decode()
    assert "Become a Foundation Trust member" in home
    make_member(constituencies["north"], expert=leeds_expert)
    home = client.get(reverse("home"), follow=True).content.decode()
    assert "Become a Foundation Trust member" not in home
    assert "You are a member of the trust" in home
    assert client.get(URL).status_code == 302


def test_the_membership_is_in_the_experts_subject_access_and_erased_with_them(
    constituencies, leeds_expert, involvement_lead
):
    from datetime import date

    from coproduce.core.subject_access import gather
    from coproduce.membership.members.choices import MemberStatus
    from coproduce.membership.members.models import MemberCharacteristics
    from coproduce.people.erasure import erase_person

    member = make_member(
        constituencies["north"], expert=leeds_expert, date_of_birth=date(1961, 10, 9)
    )
    MemberCharacteristics.objects.create(member=member, sex="male")
    section = next(s for s in gather(leeds_expert) if s.name == "foundation_trust_membership")
    assert section.data["member"]["full_name"] == "Mo Member"
    assert section.data["member"]["for_the_regulators_report"]["Sex"] == "Male"
    erase_person(actor=involvement_lead, expert=leeds_expert)
    member.refresh_from_db()
    assert (member.full_name, member.email, member.postcode, member.address) == (
        "Erased member",
        "",
        "",
        "",
    )
    assert member.date_of_birth == date(1961, 1, 1)
    assert member.status == MemberStatus.LEFT and member.expert is None
    assert not MemberCharacteristics.objects.exists()
