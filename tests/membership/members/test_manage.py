"""Managing a membership without an account: the link by email (the same page whether or not
the address is known), the hour it lasts, one use, changing details, and leaving."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from coproduce.membership.members import links
from coproduce.membership.members.choices import MemberStatus
from coproduce.membership.members.models import Member
from tests.membership.members.helpers import make_member

pytestmark = pytest.mark.django_db
MANAGE = reverse("members:member_manage")
DETAILS = reverse("members:member_details")


def _link_in(message) -> str:
    return re.search(r"https?://\S+/members/manage/link/\S+/", message.body).group(0)


def _path(url: str) -> str:
    return url[url.index("/members/") :]


def test_asking_for_a_link_emails_it_to_the_member(
    client, constituencies, mailoutbox, django_capture_on_commit_callbacks
):
    make_member(constituencies["north"], email="mo@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(MANAGE, {"email": "MO@example.org"})
    assert response["Location"] == reverse("members:member_manage_sent")
    assert [m.to for m in mailoutbox] == [["mo@example.org"]]
    assert _link_in(mailoutbox[0])


def test_an_unknown_address_gets_the_same_page_and_no_email(
    client, constituencies, mailoutbox, django_capture_on_commit_callbacks
):
    make_member(constituencies["north"], email="left@example.org", status=MemberStatus.LEFT)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(MANAGE, {"email": "left@example.org"})
    assert response["Location"] == reverse("members:member_manage_sent")
    assert mailoutbox == []


def test_the_link_opens_the_members_details_and_leaves_no_token_in_the_address(
    client, constituencies
):
    member = make_member(constituencies["north"])
    response = client.get(_path(links.manage_url(member)))
    assert response["Location"] == DETAILS
    page = client.get(DETAILS)
    assert page.status_code == 200
    assert "Leeds North" in page.content.decode()
    assert 'value="Mo Member"' in page.content.decode()


def test_the_link_expires_after_an_hour(client, constituencies):
    member = make_member(constituencies["north"])
    url = _path(links.manage_url(member))
    with time_machine.travel(timezone.now() + timedelta(minutes=61)):
        response = client.get(url)
    assert response.status_code == 404
    assert "This link has expired" in response.content.decode()


def test_the_details_page_closes_when_the_hour_is_over(client, constituencies):
    member = make_member(constituencies["north"])
    client.get(_path(links.manage_url(member)))
    with time_machine.travel(timezone.now() + timedelta(minutes=61)):
        assert client.get(DETAILS).status_code == 403


def test_a_tampered_link_does_not_work(client, constituencies):
    member = make_member(constituencies["north"])
    url = _path(links.manage_url(member))
    response = client.get(url.replace("/link/", "/link/1"))
    assert response.status_code == 404
    assert "Check you copied all of it" in response.content.decode()


def test_the_details_page_needs_the_link(client, constituencies):
    make_member(constituencies["north"])
    assert client.get(DETAILS).status_code == 403
    assert client.get(reverse("members:member_leave")).status_code == 403


def _details(**changes) -> dict:
    data = {
        "full_name": "Mo Member",
        "email": "mo.new@example.org",
        "phone": "",
        "address": "2 Road, Leeds",
        "postcode": "LS7 1AA",
        "date_of_birth-day": "1",
        "date_of_birth-month": "5",
        "date_of_birth-year": "1970",
        "contact": ["email", "post"],
        "wants_news": "no",
    }
    data.update(changes)
    return data


def test_a_member_changes_their_details_and_the_link_is_then_used_up(client, constituencies):
    member = make_member(constituencies["north"])
    url = _path(links.manage_url(member))
    client.get(url)
    response = client.post(DETAILS, _details())
    assert response["Location"] == DETAILS
    member.refresh_from_db()
    assert (member.email, member.postcode, member.by_post, member.wants_news) == (
        "mo.new@example.org",
        "LS7 1AA",
        True,
        False,
    )
    other = client.__class__()
    response = other.get(url)
    assert response.status_code == 404
    assert "already been used" in response.content.decode()


def test_a_bad_change_is_told_beside_the_field_and_kept(client, constituencies):
    member = make_member(constituencies["north"])
    client.get(_path(links.manage_url(member)))
    response = client.post(DETAILS, _details(postcode="nowhere"))
    assert response.status_code == 400
    assert response.context["form"].errors["postcode"] == ["Enter a full postcode, like LS6 2AB"]
    assert 'value="mo.new@example.org"' in response.content.decode()


def test_leaving_asks_first_then_keeps_the_row_marked_left(client, constituencies):
    member = make_member(constituencies["north"])
    url = _path(links.manage_url(member))
    client.get(url)
    confirm = client.get(reverse("members:member_leave"))
    assert "Are you sure you want to leave?" in confirm.content.decode()
    assert Member.objects.get(pk=member.pk).status == MemberStatus.MEMBER
    response = client.post(reverse("members:member_leave"), {"reason": "Moving away"})
    assert response["Location"] == reverse("members:member_left")
    member.refresh_from_db()
    assert member.status == MemberStatus.LEFT
    assert member.left_at is not None
    assert member.left_reason == "Moving away"
    # The session's permission ends, and the link says they have left.
    assert client.get(DETAILS).status_code == 403
    assert "no longer a member" in client.get(url).content.decode()


def test_the_details_page_offers_getting_involved(client, constituencies):
    member = make_member(constituencies["north"])
    client.get(_path(links.manage_url(member)))
    assert reverse("get_involved") in client.get(DETAILS).content.decode()
