"""The involvement team's pages for lists and messages, the expert's own lists, and the link to
leave a list: what each shows, the messages beside the fields for bad input, and that the pages
read a fixed number of queries."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from coproduce.audit.models import AuditEvent
from coproduce.comms.lists.models import Delivery, MailingList, Member, Message
from coproduce.comms.lists.unsubscribe import leave_token
from tests.comms.lists.helpers import consenting, draft, mailing_list
from tests.factories import TeamFactory, expert_with_account

pytestmark = pytest.mark.django_db


def test_the_team_makes_a_list_for_a_team_or_a_topic(coordinator_client):
    team = TeamFactory(name="Adult Mental Health")
    response = coordinator_client.post(
        reverse("mailing:list_add"),
        {
            "name": "Mental health news",
            "team": team.pk,
            "description": "News",
            "open_to_join": "on",
        },
    )
    made = MailingList.objects.get()
    assert response.url == reverse("mailing:list", args=[made.pk])
    assert (made.team, made.open_to_join) == (team, True)
    assert AuditEvent.objects.filter(action=AuditEvent.Action.MAILING_LIST_SET).count() == 1
    page = coordinator_client.get(reverse("mailing:lists")).content.decode()
    assert "Mental health news" in page and "Adult Mental Health" in page


def test_a_list_needs_a_name_of_its_own_and_a_team_or_topic(coordinator_client):
    mailing_list(name="Carers' news")
    response = coordinator_client.post(
        reverse("mailing:list_add"), {"name": "CARERS' NEWS", "topic": ""}
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["name"] == ["There is already a list with this name. Choose another name"]
    assert form.errors["topic"] == ["Choose the team the list is for, or enter its topic"]
    assert MailingList.objects.count() == 1


def test_the_team_finds_experts_adds_them_and_removes_one(coordinator_client):
    made = mailing_list()
    rosa = consenting(full_name="Rosa Diaz")
    rob = consenting(full_name="Rob Diaz")
    consenting(full_name="Rae Diaz", restricted_at=timezone.now())  # never found
    page = coordinator_client.get(reverse("mailing:members_add", args=[made.pk]), {"q": "Diaz"})
    assert [e.full_name for e in page.context["found"]] == ["Rob Diaz", "Rosa Diaz"]
    response = coordinator_client.post(
        reverse("mailing:members_add", args=[made.pk]), {"expert": [rosa.pk, rob.pk]}
    )
    assert response.url == reverse("mailing:list", args=[made.pk])
    assert set(Member.objects.values_list("expert__full_name", flat=True)) == {
        "Rosa Diaz",
        "Rob Diaz",
    }
    coordinator_client.post(reverse("mailing:member_remove", args=[made.pk, rob.pk]))
    assert list(Member.objects.values_list("expert__full_name", flat=True)) == ["Rosa Diaz"]
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.MAILING_LIST_LEFT, subject_id=str(rob.pk)
    ).exists()


def test_an_empty_search_says_what_to_enter(coordinator_client):
    made = mailing_list()
    page = coordinator_client.get(reverse("mailing:members_add", args=[made.pk]), {"q": ""})
    assert page.context["form"].errors["q"] == [
        "Enter part of a name, an email address or a phone number"
    ]


def test_an_empty_message_gets_messages_beside_its_fields(coordinator_client):
    made = mailing_list(consenting())
    response = coordinator_client.post(
        reverse("mailing:message_new", args=[made.pk]), {"subject": "", "body": "  "}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["subject"] == ["Enter a subject"]
    assert errors["body"] == ["Enter the message"]
    assert not Message.objects.exists()


def test_a_text_version_too_long_is_refused_beside_the_field(coordinator_client):
    made = mailing_list(consenting())
    response = coordinator_client.post(
        reverse("mailing:message_new", args=[made.pk]),
        {"subject": "News", "body": "Words", "text_body": "x" * 481},
    )
    assert "480 characters or fewer" in response.context["form"].errors["text_body"][0]


def test_write_check_send_and_follow_progress(
    coordinator_client, smtp_server, django_capture_on_commit_callbacks
):
    eve = consenting(full_name="Eve Easy", communication_needs=["easy_read", "bsl"])
    post = consenting(full_name="Pat Post", preferred_channel="post")
    made = mailing_list(eve, consenting(full_name="Ann Plain"), post)
    response = coordinator_client.post(
        reverse("mailing:message_new", args=[made.pk]),
        {"subject": "Café", "body": "The café is back.", "easy_read_body": "Café. Tuesday."},
    )
    message = Message.objects.get()
    assert response.url == reverse("mailing:message_check", args=[message.pk])
    page = coordinator_client.get(response.url).content.decode()
    assert "Send to 2 people" in page
    assert "Easy Read" in page and "Eve Easy" in page
    assert "Prefers letters: post them a copy" in page
    assert "British Sign Language (1)" in page
    with django_capture_on_commit_callbacks(execute=True):
        sent = coordinator_client.post(
            reverse("mailing:message_send", args=[message.pk]), {"revision": message.revision}
        )
    assert sent.url == reverse("mailing:message", args=[message.pk])
    progress = coordinator_client.get(sent.url).content.decode()
    assert "2 of 2 sent" in progress
    assert "Eve Easy" in progress and "Easy Read" in progress
    # Pressed again (a double click, the back button): refused, nothing more is sent.
    again = coordinator_client.post(
        reverse("mailing:message_send", args=[message.pk]), {"revision": message.revision}
    )
    assert again.url == reverse("mailing:message", args=[message.pk])
    assert Delivery.objects.count() == 2 and len(smtp_server.messages) == 2


def test_sending_to_a_list_nobody_would_get_says_so_and_sends_nothing(coordinator_client):
    made = mailing_list(consenting(preferred_channel="post"))
    message = draft(made)
    page = coordinator_client.get(reverse("mailing:message_check", args=[message.pk]))
    assert "Nobody would get this message" in page.content.decode()
    response = coordinator_client.post(
        reverse("mailing:message_send", args=[message.pk]), {"revision": message.revision}
    )
    assert response.status_code == 400
    assert "Nobody on this list would get this message" in response.content.decode()
    assert not Delivery.objects.exists()


def test_the_progress_page_reads_a_fixed_number_of_queries(
    coordinator_client, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    made = mailing_list(*[consenting() for _ in range(30)])
    message = draft(made)
    with django_capture_on_commit_callbacks(execute=False):
        from coproduce.comms.lists import services

        services.queue_message(actor=made.created_by, message=message, revision=message.revision)
    with django_assert_max_num_queries(12):
        page = coordinator_client.get(reverse("mailing:message", args=[message.pk]))
    assert "0 of 30 sent" in page.content.decode()


def test_an_expert_joins_an_open_list_and_leaves_it_in_the_portal():
    expert = expert_with_account(consent_given_at=timezone.now())
    client = Client()
    client.force_login(expert.user)
    open_list = mailing_list(name="Carers' news")
    closed = mailing_list(name="Interview panel", open_to_join=False)
    page = client.get(reverse("mailing:my_lists")).content.decode()
    assert "Carers&#39; news" in page and "Interview panel" not in page
    client.post(reverse("mailing:join", args=[open_list.pk]))
    assert Member.objects.filter(expert=expert, mailing_list=open_list).exists()
    client.post(reverse("mailing:join", args=[closed.pk]))
    assert not Member.objects.filter(expert=expert, mailing_list=closed).exists()
    client.post(reverse("mailing:my_leave", args=[open_list.pk]))
    assert not Member.objects.filter(expert=expert).exists()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.MAILING_LIST_JOINED).count() == 1


def test_the_leave_link_asks_first_and_a_broken_one_says_so(anonymous_client):
    ann = consenting()
    made = mailing_list(ann)
    url = reverse(
        "mailing:mailing_leave_link", args=[leave_token(expert_id=ann.pk, list_id=made.pk)]
    )
    page = anonymous_client.get(url)
    assert page.status_code == 200
    assert "Leave the mailing list ‘Carers&#39; news’?" in page.content.decode()
    assert Member.objects.exists()  # opening the link (a mail scanner) changes nothing
    done = anonymous_client.post(url)
    assert "You have left the mailing list" in done.content.decode()
    assert not Member.objects.exists()
    assert anonymous_client.post(url).status_code == 200  # pressed twice: the same answer
    forged = reverse("mailing:mailing_leave_link", args=["WzEsMV0:forged:abc"])
    assert anonymous_client.get(forged).status_code == 404


def test_adding_nobody_says_to_choose_someone_and_keeps_the_search(coordinator_client):
    made = mailing_list()
    response = coordinator_client.post(
        reverse("mailing:members_add", args=[made.pk]), {"q": "Rosa Díaz"}, follow=True
    )
    assert response.request["QUERY_STRING"] == "q=Rosa+D%C3%ADaz"
    assert "Choose at least one person to add" in response.content.decode()
    assert not Member.objects.exists()
