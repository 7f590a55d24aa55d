"""Joining: the constituency found from the postcode (or the council area, or as a patient or
carer), the minimum age, one membership per person, and the neutral answer to a second try."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from coproduce.audit.models import AuditEvent
from coproduce.membership.members import services
from coproduce.membership.members.choices import JoinedBy, MemberStatus
from coproduce.membership.members.models import Member, MemberCharacteristics, MembershipSettings
from tests.membership.members.helpers import join_data, make_member

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel("2026-06-01 10:00 +0000", tick=False):
        yield


JOIN = reverse("members:member_join")


def test_a_postcode_in_a_district_joins_its_public_constituency(
    client, constituencies, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(JOIN, join_data())
    assert response.status_code == 302
    assert response["Location"] == reverse("members:member_join_done")
    member = Member.objects.get()
    assert member.constituency == constituencies["north"]
    assert member.postcode == "LS6 3BB"
    assert member.joined_by == JoinedBy.ONLINE
    assert member.by_email and not member.by_post and member.wants_news
    assert member.privacy_notice_version
    assert AuditEvent.objects.filter(model="members.member", object_id=str(member.pk)).exists()
    assert [m.to for m in mailoutbox] == [["priya@example.org"]]
    assert "Welcome" in mailoutbox[0].subject
    assert "/members/manage/link/" in mailoutbox[0].body


def test_a_postcode_outside_every_district_is_told_so_beside_the_postcode(client, constituencies):
    response = client.post(JOIN, join_data(postcode="LS99 1AA"))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["postcode"][0].startswith(
        "Your postcode LS99 is not in the area our public constituencies cover. You can still "
        "join as a patient or carer if"
    )
    assert not Member.objects.exists()
    # What they typed stays.
    assert 'value="4 Headingley Lane' in response.content.decode() or "4 Headingley Lane" in (
        response.content.decode()
    )


def test_a_council_area_chosen_joins_that_constituency(client, constituencies):
    council = constituencies["council"]
    response = client.post(
        JOIN, join_data(postcode="BD1 1AA", local_authority=f"{council.pk}:Bradford")
    )
    assert response.status_code == 302
    assert Member.objects.get().constituency == council


def test_a_patient_or_carer_joins_from_anywhere(client, constituencies):
    response = client.post(JOIN, join_data(postcode="SW1A 1AA", join_as="patients_carers"))
    assert response.status_code == 302
    assert Member.objects.get().constituency == constituencies["patients"]


def test_someone_younger_than_the_minimum_age_is_told_beside_the_date(client, constituencies):
    response = client.post(JOIN, join_data(**{"date_of_birth-year": "2011"}))
    assert response.status_code == 400
    assert response.context["form"].errors["date_of_birth"] == ["You must be 16 or older to join"]


def test_the_trusts_own_minimum_age_is_used(client, constituencies):
    MembershipSettings.objects.create(minimum_age=18)
    response = client.post(JOIN, join_data(**{"date_of_birth-year": "2009"}))
    assert response.context["form"].errors["date_of_birth"] == ["You must be 18 or older to join"]


def test_a_birthday_tomorrow_is_not_yet_old_enough(client, constituencies):
    young = join_data(**{"date_of_birth-day": "2", "date_of_birth-month": "6"})
    young["date_of_birth-year"] = "2010"
    assert client.post(JOIN, young).status_code == 400
    young["date_of_birth-day"] = "1"
    assert client.post(JOIN, young).status_code == 302


def test_email_is_needed_only_to_hear_by_email(client, constituencies):
    response = client.post(JOIN, join_data(email="", contact=["email"]))
    assert response.context["form"].errors["contact"] == [
        "Enter your email address, or choose post as the way we contact you"
    ]
    response = client.post(JOIN, join_data(email="", contact=["post"]))
    assert response.status_code == 302
    member = Member.objects.get()
    assert member.by_post and not member.email


def test_every_message_names_what_is_missing(client, constituencies):
    response = client.post(JOIN, {"website": ""})
    errors = response.context["form"].errors
    assert errors["full_name"] == ["Enter full name"]
    assert errors["address"] == ["Enter your address"]
    assert errors["date_of_birth"] == ["Enter your date of birth"]
    assert errors["join_as"] == ["Choose how you are joining"]
    assert errors["consent"] == ["Tick the box to say we can keep your details"]
    assert errors["contact"] == ["Choose at least one way for us to contact you"]
    assert errors["wants_news"] == ["Choose whether you want news from us"]
    assert response.context["form"].error_list()[0]["href"] == "#id_full_name"


def test_a_second_join_with_the_same_email_makes_no_member_and_reads_the_same(
    client, constituencies, mailoutbox, django_capture_on_commit_callbacks
):
    existing = make_member(constituencies["north"], email="Priya@Example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(JOIN, join_data(full_name="Someone Else"))
    assert response.status_code == 302
    assert response["Location"] == reverse("members:member_join_done")
    assert Member.objects.count() == 1
    # The email goes to the address on file, saying they are a member already.
    assert [m.to for m in mailoutbox] == [[existing.email]]
    assert "already a member" in mailoutbox[0].subject
    assert "/members/manage/link/" in mailoutbox[0].body
    page = client.get(response["Location"]).content.decode()
    assert "Thank you. We have sent you an email" in page


def test_the_same_name_birth_and_postcode_is_the_same_person(
    client, constituencies, mailoutbox, django_capture_on_commit_callbacks
):
    make_member(
        constituencies["north"],
        full_name="priya patel",
        email="",
        postcode="LS6 3BB",
        date_of_birth=date(1985, 2, 14),
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(JOIN, join_data(email="new@example.org"))
    assert Member.objects.count() == 1
    assert mailoutbox == []  # nobody to tell: there is no address on file


def test_someone_who_left_may_join_again(client, constituencies):
    make_member(constituencies["north"], email="priya@example.org", status=MemberStatus.LEFT)
    client.post(JOIN, join_data())
    assert Member.objects.filter(status=MemberStatus.MEMBER).count() == 1


def test_characteristics_are_kept_apart_and_only_when_given(client, constituencies):
    client.post(JOIN, join_data(sex="female", ethnic_group="prefer_not", disability=""))
    member = Member.objects.get()
    kept = MemberCharacteristics.objects.get(member=member)
    assert (kept.sex, kept.ethnic_group, kept.disability) == ("female", "prefer_not", "")
    client.post(JOIN, join_data(email="other@example.org", full_name="Other", postcode="LS7 1AA"))
    assert MemberCharacteristics.objects.count() == 1


def test_staff_cannot_join_the_staff_constituency_here(constituencies):
    with pytest.raises(services.MembershipError):
        services.join(
            actor=None,
            values={
                "full_name": "A",
                "email": "a@example.org",
                "address": "x",
                "postcode": "LS6 1AA",
                "date_of_birth": date(1980, 1, 1),
            },
            constituency=constituencies["staff"],
            joined_by=JoinedBy.ONLINE,
        )


def test_the_service_refuses_the_too_young_whatever_the_door(constituencies):
    with pytest.raises(services.MembershipError, match="16 or older"):
        services.join(
            actor=None,
            values={
                "full_name": "A",
                "email": "",
                "address": "x",
                "postcode": "LS6 1AA",
                "date_of_birth": date(2015, 1, 1),
            },
            constituency=constituencies["patients"],
            joined_by=JoinedBy.PAPER,
        )


def test_a_closed_constituency_takes_no_one(client, constituencies):
    north = constituencies["north"]
    north.open_to_new_members = False
    north.save()
    response = client.post(JOIN, join_data())
    assert "is not in the area" in response.context["form"].errors["postcode"][0]


def test_the_robots_trap_keeps_nothing(client, constituencies):
    response = client.post(JOIN, join_data(website="http://spam.example"))
    assert response.status_code == 302
    assert not Member.objects.exists()


def test_the_join_page_opens_without_signing_in(client, constituencies):
    response = client.get(JOIN)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Become a member of the trust" in page
    assert "Bradford" in page  # the council areas to choose from


def test_many_sendings_from_one_place_are_refused_saying_why(client, constituencies, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "member_join": "2/h/ip"}
    for n in range(2):
        assert (
            client.post(JOIN, join_data(email=f"p{n}@example.org", full_name=f"P {n}")).status_code
            == 302
        )
    response = client.post(JOIN, join_data(email="p9@example.org", full_name="P 9"))
    assert response.status_code == 429
    assert "This form has been sent many times from here" in response.content.decode()
    assert Member.objects.count() == 2
