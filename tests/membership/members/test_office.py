"""The membership office's pages: the register with search and filters in a fixed number of
queries, adding from a paper form, editing, marking as left, constituencies and the minimum
age, every change audited. The other membership roles and involvement staff see none of it."""

from datetime import date

import pytest
from django.urls import reverse

from coproduce.audit.models import AuditEvent
from coproduce.membership.members import queries
from coproduce.membership.members.choices import JoinedBy, MemberStatus
from coproduce.membership.members.models import Constituency, Member, MembershipSettings
from tests.membership.members.helpers import make_member

pytestmark = pytest.mark.django_db
LIST = reverse("members:member_list")


def _many(constituencies, n=30):
    for i in range(n):
        make_member(
            constituencies["north" if i % 2 else "patients"],
            full_name=f"Person {i:02}",
            email=f"p{i}@example.org",
            postcode="LS6 2AB" if i % 3 else "BD1 1AA",
            status=MemberStatus.LEFT if i % 5 == 0 else MemberStatus.MEMBER,
        )


def test_the_register_searches_by_name_email_and_postcode(office_client, constituencies):
    _many(constituencies)
    assert [m.full_name for m in office_client.get(LIST, {"q": "Person 07"}).context["page"]] == [
        "Person 07"
    ]
    assert len(office_client.get(LIST, {"q": "p7@example"}).context["page"]) == 1
    by_postcode = office_client.get(LIST, {"q": "bd1"}).context["page"]
    assert by_postcode.paginator.count == 10
    filtered = office_client.get(
        LIST, {"constituency": constituencies["north"].pk, "status": "left"}
    ).context["page"]
    assert {m.full_name for m in filtered} == {"Person 05", "Person 15", "Person 25"}


def test_the_register_takes_the_same_queries_however_many_members(
    office_client, constituencies, django_assert_max_num_queries
):
    _many(constituencies, 3)
    with django_assert_max_num_queries(30) as few:
        office_client.get(LIST)
    _many(constituencies, 120)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = office_client.get(LIST)
    assert len(response.context["page"]) == queries.PER_PAGE


def test_current_members_and_lookups_for_the_other_apps(constituencies, django_assert_num_queries):
    north = constituencies["north"]
    kept = make_member(north, email="a@example.org")
    make_member(north, email="b@example.org", status=MemberStatus.LEFT)
    make_member(constituencies["patients"], email="c@example.org")
    assert list(queries.current_members(north.pk)) == [kept]
    assert queries.current_members().count() == 2
    with django_assert_num_queries(1):
        assert queries.member_by_email_and_birth("A@example.org", date(1970, 5, 1)) == kept
    assert queries.member_by_email_and_birth("a@example.org", date(1970, 5, 2)) is None
    assert "/members/manage/link/" in queries.manage_url(kept)


def _paper(constituency, **changes) -> dict:
    data = {
        "full_name": "Pat Paper",
        "email": "",
        "phone": "0113 496 0000",
        "address": "9 Lane, Leeds",
        "postcode": "LS7 2CD",
        "date_of_birth-day": "3",
        "date_of_birth-month": "9",
        "date_of_birth-year": "1950",
        "constituency": constituency.pk,
        "staff_number": "",
        "contact": ["post"],
        "wants_news": "yes",
    }
    data.update(changes)
    return data


def test_the_office_adds_a_member_from_a_paper_form(office_client, office_user, constituencies):
    response = office_client.post(reverse("members:member_add"), _paper(constituencies["north"]))
    member = Member.objects.get()
    assert response["Location"] == reverse("members:member_detail", args=[member.pk])
    assert member.joined_by == JoinedBy.PAPER
    event = AuditEvent.objects.get(model="members.member", object_id=str(member.pk))
    assert event.actor == office_user
    page = office_client.get(response["Location"]).content.decode()
    assert "Pat Paper" in page and "Paper form" in page


def test_adding_someone_already_a_member_adds_nobody(office_client, constituencies):
    make_member(
        constituencies["north"],
        full_name="Pat Paper",
        email="",
        postcode="LS7 2CD",
        date_of_birth=date(1950, 9, 3),
    )
    office_client.post(reverse("members:member_add"), _paper(constituencies["north"]))
    assert Member.objects.count() == 1


def test_the_paper_form_says_when_the_person_is_too_young(office_client, constituencies):
    response = office_client.post(
        reverse("members:member_add"),
        _paper(constituencies["north"], **{"date_of_birth-year": "2020"}),
    )
    assert response.context["form"].errors["date_of_birth"] == [
        "Members must be 16 or older. Check the date on the form"
    ]


def test_the_office_edits_and_moves_a_member_audited(office_client, constituencies):
    member = make_member(constituencies["north"])
    data = _paper(constituencies["patients"], full_name="Mo Changed", email="mo@example.org")
    response = office_client.post(reverse("members:member_edit", args=[member.pk]), data)
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.full_name, member.constituency) == ("Mo Changed", constituencies["patients"])
    event = AuditEvent.objects.filter(action=AuditEvent.Action.UPDATED).latest("pk")
    assert event.changes["Name"] == ["Mo Member", "Mo Changed"]
    assert event.changes["Constituency"] == ["Leeds North", "Patients and carers"]


def test_the_office_marks_a_member_as_left(office_client, constituencies):
    member = make_member(constituencies["north"])
    office_client.post(reverse("members:member_mark_left", args=[member.pk]), {"reason": "Died"})
    member.refresh_from_db()
    assert member.status == MemberStatus.LEFT and member.left_reason == "Died"
    assert AuditEvent.objects.filter(action=AuditEvent.Action.STATUS_CHANGED).exists()


def test_the_office_adds_a_constituency_by_postcode_districts(office_client, constituencies):
    response = office_client.post(
        reverse("members:constituency_add"),
        {
            "name": "Leeds South",
            "kind": "public",
            "area_kind": "postcode_districts",
            "areas": "ls10, LS11\nls12",
            "governor_seats": "2",
            "population": "80000",
            "open_to_new_members": "yes",
            "order": "",
        },
    )
    assert response["Location"] == reverse("members:constituency_list")
    saved = Constituency.objects.get(name="Leeds South")
    assert saved.areas == ["LS10", "LS11", "LS12"]
    assert AuditEvent.objects.filter(action=AuditEvent.Action.CREATED, object_id=str(saved.pk))


def test_a_constituency_with_bad_districts_is_refused_beside_the_areas(office_client, db):
    response = office_client.post(
        reverse("members:constituency_add"),
        {
            "name": "Somewhere",
            "kind": "public",
            "area_kind": "postcode_districts",
            "areas": "LS10, Headingley",
            "governor_seats": "2",
            "open_to_new_members": "yes",
        },
    )
    assert response.status_code == 400
    assert "HEADINGLEY" in response.context["form"].errors["areas"][0]


def test_a_second_constituency_of_the_same_name_is_refused(office_client, constituencies):
    response = office_client.post(
        reverse("members:constituency_add"),
        {"name": "staff", "kind": "staff", "governor_seats": "1", "open_to_new_members": "yes"},
    )
    assert response.status_code == 400
    assert "There is already a constituency called staff" in response.content.decode()


def test_the_office_sets_the_minimum_age(office_client, db):
    office_client.post(reverse("members:minimum_age"), {"minimum_age": "18"})
    assert MembershipSettings.current().minimum_age == 18
    response = office_client.post(reverse("members:minimum_age"), {"minimum_age": "5"})
    assert response.context["form"].errors["minimum_age"] == [
        "Minimum age to be a member must be between 11 and 25"
    ]


@pytest.mark.parametrize("role", ["returning_officer", "scrutineer", "coordinator", "lead"])
def test_other_roles_cannot_open_the_register(client, role, constituencies):
    from coproduce.accounts.roles import Role
    from tests.factories import UserFactory

    roles = {
        "returning_officer": Role.RETURNING_OFFICER,
        "scrutineer": Role.SCRUTINEER,
        "coordinator": Role.COORDINATOR,
        "lead": Role.INVOLVEMENT_LEAD,
    }
    client.force_login(UserFactory(role=roles[role]))
    assert client.get(LIST).status_code == 403
