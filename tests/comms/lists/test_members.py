"""A mailing list that also goes to Foundation Trust members (issue 15): it reaches exactly the
current members (of one constituency, or all) who agreed to hear the trust's news by email;
left members and those who asked for no news are counted out with why; a person who is both an
expert on the list and a member gets one copy; each member's copy carries a signed link that
stops the trust's news to them, once; the delivery record names an expert or a member, never
both; and the check before sending reads a fixed number of queries however many members."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coproduce.audit.models import AuditEvent
from coproduce.comms.lists import audience, queries, services
from coproduce.comms.lists.models import Delivery, Message
from coproduce.comms.lists.unsubscribe import leave_token, member_token
from coproduce.membership.members import queries as members
from coproduce.membership.members.choices import MemberStatus
from coproduce.people.choices import Channel
from tests.comms.lists.helpers import consenting, draft, mailing_list
from tests.membership.members.helpers import make_constituencies, make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def places():
    return make_constituencies()


def _members_list(*experts, constituency=None, **values):
    return mailing_list(
        *experts, to_members=True, members_constituency=constituency, name="Trust news", **values
    )


def _register(places):
    """Members of Leeds North of each kind, and one current member elsewhere."""
    north = places["north"]
    return {
        "mo": make_member(north, full_name="Mo Member", email="mo@example.org"),
        "liz": make_member(north, full_name="Liz Left", email="liz@example.org", status="left"),
        "ned": make_member(
            north, full_name="Ned No News", email="ned@example.org", wants_news=False
        ),
        "pam": make_member(
            north, full_name="Pam Post", email="pam@example.org", by_email=False, by_post=True
        ),
        "nia": make_member(north, full_name="Nia Neither", email="", by_email=False),
        "eli": make_member(north, full_name="Eli No Email", email=""),
        "kat": make_member(north, full_name="Kat Keen", email="KAT@example.org"),
        "far": make_member(places["patients"], full_name="Far Away", email="far@example.org"),
    }


def _send(actor, message, capture):
    with capture(execute=True):
        return services.queue_message(actor=actor, message=message, revision=message.revision)


def test_a_list_to_one_constituency_reaches_exactly_its_consenting_current_members(
    places, coordinator, django_capture_on_commit_callbacks, mailoutbox
):
    people = _register(places)
    message = draft(_members_list(constituency=places["north"]))
    p = queries.preview(message)
    assert (p.to_members, p.members_constituency) == (True, "Leeds North")
    assert p.members_getting == 2  # Mo and Kat; Far is in another constituency
    assert p.members_by_reason == {
        members.NEWS_LEFT: 1,
        members.NEWS_NOT_WANTED: 1,
        members.NEWS_BY_POST: 1,
        members.NEWS_NOT_BY_EMAIL: 1,
        members.NEWS_NO_EMAIL: 1,
    }
    assert p.everyone_getting == 2

    sent = _send(coordinator, message, django_capture_on_commit_callbacks)
    assert sent.total == 2
    reached = Delivery.objects.filter(message=sent)
    assert {d.member_id for d in reached} == {people["mo"].pk, people["kat"].pk}
    assert all(
        (d.expert_id, d.channel, d.version, d.status) == (None, "email", "standard", "sent")
        for d in reached
    )
    assert sorted(m.to[0] for m in mailoutbox) == ["KAT@example.org", "mo@example.org"]
    (mo,) = [m for m in mailoutbox if m.to == ["mo@example.org"]]
    assert mo.body.startswith("Hello Mo Member,")
    assert "/mailing/news/stop/" in mo.extra_headers["List-Unsubscribe"]
    assert "asked for our news by email" in mo.body


def test_the_check_page_says_how_many_members_get_it_and_why_the_others_do_not(
    places, coordinator_client
):
    _register(places)
    message = draft(_members_list(constituency=places["north"]))
    page = coordinator_client.get(reverse("mailing:message_check", args=[message.pk]))
    text = page.content.decode()
    assert "members of Leeds North who asked for the trust's news by email" in text
    assert "1 member: Left the membership" in text
    assert "1 member: Asked for no news from the trust" in text
    assert "1 member: Prefer news by post: the membership office posts it" in text
    assert "Send to 2 people" in text
    # Counted, not named: the register of members is the membership office's.
    assert "Ned No News" not in text and "Mo Member" not in text


def test_left_and_no_news_members_are_not_sent_even_if_they_change_after_the_check(
    places, coordinator, django_capture_on_commit_callbacks, mailoutbox
):
    people = _register(places)
    message = draft(_members_list())  # all constituencies
    with django_capture_on_commit_callbacks(execute=False):
        queued = services.queue_message(
            actor=coordinator, message=message, revision=message.revision
        )
    assert queued.total == 3  # Mo, Kat and Far
    # Before the worker gets to them, Mo leaves and Kat asks for no news.
    type(people["mo"]).objects.filter(pk=people["mo"].pk).update(
        status=MemberStatus.LEFT, left_at=people["mo"].joined_at
    )
    type(people["kat"]).objects.filter(pk=people["kat"].pk).update(wants_news=False)
    from coproduce.comms.lists.tasks import send_message

    assert send_message.call(queued.pk) == 1
    assert [m.to for m in mailoutbox] == [["far@example.org"]]
    errors = dict(
        Delivery.objects.filter(status=Delivery.Status.NOT_SENT).values_list("member_id", "error")
    )
    assert errors == {
        people["mo"].pk: "Left the membership",
        people["kat"].pk: "Asked for no news from the trust",
    }


def test_someone_who_is_an_expert_on_the_list_and_a_member_gets_one_copy(
    places, coordinator, django_capture_on_commit_callbacks, mailoutbox
):
    linked = consenting(full_name="Lin Linked", email="lin@example.org")
    same_address = consenting(full_name="Sam Same", email="Sam@Example.org")
    make_member(places["north"], full_name="Lin Linked", email="lin@example.org", expert=linked)
    make_member(places["north"], full_name="Sam Same", email="sam@example.ORG")
    make_member(places["north"], full_name="Mo Member", email="mo@example.org")
    message = draft(_members_list(linked, same_address))
    p = queries.preview(message)
    assert (p.getting, p.members_getting, p.members_also_experts) == (2, 1, 2)

    _send(coordinator, message, django_capture_on_commit_callbacks)
    addresses = sorted(m.to[0].lower() for m in mailoutbox)
    assert addresses == ["lin@example.org", "mo@example.org", "sam@example.org"]
    assert Delivery.objects.filter(member__isnull=False).count() == 1


def test_a_member_whose_expert_record_is_restricted_gets_nothing(places):
    from django.utils import timezone

    restricted = consenting(restricted_at=timezone.now())
    make_member(places["north"], expert=restricted)
    p = queries.preview(draft(_members_list()))
    assert p.members_by_reason == {audience.RESTRICTED: 1}
    assert p.members_getting == 0


def test_the_members_link_stops_their_news_once_and_a_tampered_one_is_refused(
    places, anonymous_client
):
    mo = make_member(places["north"], full_name="Mo Member")
    made = _members_list()
    url = reverse("mailing:member_news_stop", args=[member_token(member_id=mo.pk, list_id=made.pk)])
    page = anonymous_client.get(url)
    assert page.status_code == 200
    assert "Stop getting our news?" in page.content.decode()
    mo.refresh_from_db()
    assert mo.wants_news  # opening the link (a mail scanner) changes nothing

    done = anonymous_client.post(url).content.decode()
    assert "You will not get our news any more" in done
    assert "We have changed your membership record" in done
    mo.refresh_from_db()
    assert mo.wants_news is False
    changed = AuditEvent.objects.filter(subject_id=str(mo.pk), summary="Member's details changed")
    assert changed.count() == 1 and changed.get().changes == {"Wants news": [True, False]}

    again = anonymous_client.post(url).content.decode()
    assert "Nothing has changed" in again
    assert changed.count() == 1  # works once: nothing changes the second time

    tampered = url.replace(url.split("/")[-2], url.split("/")[-2][:-2] + "xx")
    assert anonymous_client.post(tampered).status_code == 404
    expert_kind = reverse(
        "mailing:member_news_stop", args=[leave_token(expert_id=mo.pk, list_id=made.pk)]
    )
    assert anonymous_client.post(expert_kind).status_code == 404  # an expert's link is not one


def test_the_one_click_post_from_a_mail_program_stops_a_members_news(
    places, smtp_server, coordinator, django_capture_on_commit_callbacks
):
    mo = make_member(places["north"], email="mo@example.net")
    _send(coordinator, draft(_members_list()), django_capture_on_commit_callbacks)
    ((to, email),) = smtp_server.messages
    assert to == ["mo@example.net"]
    assert email["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "Stop getting our news" in email.get_body(("html",)).get_content()
    url = email["List-Unsubscribe"].strip().strip("<>")
    path = "/" + url.split("://", 1)[1].split("/", 1)[1]
    response = Client(enforce_csrf_checks=True).post(
        path, data="List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    mo.refresh_from_db()
    assert mo.wants_news is False


def test_a_delivery_names_an_expert_or_a_member_never_both_nor_neither(places):
    message = Message.objects.create(mailing_list=_members_list(), subject="News", body="Words")
    expert = consenting()
    member = make_member(places["north"])
    for wrong in ({"expert": expert, "member": member}, {}, {"member": member, "to_carer": True}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Delivery.objects.create(message=message, channel="email", version="standard", **wrong)
    Delivery.objects.create(message=message, channel="email", version="standard", member=member)
    with pytest.raises(IntegrityError), transaction.atomic():  # one copy each
        Delivery.objects.create(message=message, channel="email", version="standard", member=member)


def test_the_check_page_reads_a_fixed_number_of_queries_however_many_members(
    places, coordinator_client, django_assert_num_queries
):
    made = _members_list(consenting(), consenting(preferred_channel=Channel.POST))
    for n in range(5):
        make_member(places["north"], email=f"m{n}@example.org")
    message = draft(made)
    url = reverse("mailing:message_check", args=[message.pk])
    coordinator_client.get(url)  # the session and the user, read once
    with CaptureQueriesContext(connection) as few:
        coordinator_client.get(url)
    for n in range(60):
        make_member(
            places["north" if n % 2 else "patients"],
            email=f"more{n}@example.org",
            wants_news=bool(n % 3),
        )
    with django_assert_num_queries(len(few.captured_queries)):
        page = coordinator_client.get(url)
    assert "Send to 46 people" in page.content.decode()  # 1 expert, 5 + 40 members


def test_the_team_sets_a_list_to_go_to_one_constituencys_members(places, coordinator_client):
    made = mailing_list(name="Trust news")
    response = coordinator_client.post(
        reverse("mailing:list_change", args=[made.pk]),
        {"name": "Trust news", "topic": "News", "members": str(places["north"].pk)},
    )
    assert response.status_code == 302
    made.refresh_from_db()
    assert (made.to_members, made.members_constituency) == (True, places["north"])
    event = AuditEvent.objects.filter(action=AuditEvent.Action.MAILING_LIST_SET).latest("pk")
    assert event.changes["members_constituency"] == ["", "Leeds North"]
    page = coordinator_client.get(reverse("mailing:list", args=[made.pk])).content.decode()
    assert "Foundation Trust members of Leeds North" in page
    coordinator_client.post(
        reverse("mailing:list_change", args=[made.pk]),
        {"name": "Trust news", "topic": "News", "members": "no"},
    )
    made.refresh_from_db()
    assert (made.to_members, made.members_constituency) == (False, None)


def test_the_messages_page_counts_the_copies_to_members(
    places, coordinator, coordinator_client, django_capture_on_commit_callbacks
):
    make_member(places["north"], email="mo@example.org")
    make_member(places["north"], email="kat@example.org")
    sent = _send(
        coordinator, draft(_members_list(consenting())), django_capture_on_commit_callbacks
    )
    progress = queries.progress(sent)
    assert (progress.total, progress.sent, progress.to_members) == (3, 3, 2)
    page = coordinator_client.get(reverse("mailing:message", args=[sent.pk])).content.decode()
    assert "Of which to Foundation Trust members" in page
    assert page.count("Foundation Trust member, Leeds North") == 2


def test_a_bounce_from_a_members_address_marks_their_copy(
    places, coordinator, django_capture_on_commit_callbacks
):
    make_member(places["north"], email="mo@example.org")
    _send(coordinator, draft(_members_list()), django_capture_on_commit_callbacks)
    assert services.record_bounce(address="MO@example.org", reason="550 No such mailbox") == 1
    bounced = Delivery.objects.get()
    assert (bounced.status, bounced.error) == ("bounced", "550 No such mailbox")


def test_a_choice_of_members_that_does_not_exist_is_refused_beside_the_field(
    places, coordinator_client
):
    made = mailing_list(name="Trust news")
    response = coordinator_client.post(
        reverse("mailing:list_change", args=[made.pk]),
        {"name": "Trust news", "topic": "News", "members": "99999"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="members-error"' in page or "members-error" in page
    assert "Select a valid choice" not in page  # never Django's own words
    made.refresh_from_db()
    assert made.to_members is False
