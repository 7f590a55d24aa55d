"""The mailing lists' demo data (lists by team and topic, with members, and one message sent
with its deliveries) and the bench's timings of the check before sending and of queueing."""

import random

import pytest
from django.utils import timezone
from faker import Faker

from coproduce.bench import comms_case
from coproduce.comms.lists.models import Delivery, MailingList, Member, Message
from coproduce.demo import accounts, mailing, people
from coproduce.demo.context import DemoContext
from tests.comms.lists.helpers import consenting

pytestmark = pytest.mark.django_db


def test_the_demo_makes_lists_by_team_and_topic_and_one_sent_message():
    ctx = DemoContext(
        rng=random.Random(4), faker=Faker("en_GB"), experts=200, now=timezone.now(), say=print
    )
    accounts.create(ctx)
    people.create(ctx)
    mailing.create(ctx)
    names = set(MailingList.objects.values_list("name", flat=True))
    assert {"Mental health services", "Carers' news", "Interview panels"} <= names
    assert MailingList.objects.filter(team__isnull=False).exists()
    assert MailingList.objects.get(name="Trust news").to_members  # and to members (issue 15)
    assert Member.objects.filter(mailing_list__name="Carers' news").count() >= 20
    message = Message.objects.get()
    assert message.state == Message.State.SENT and message.easy_read_body
    assert message.total == Delivery.objects.count() > 0
    assert Delivery.objects.filter(status="sent").exists()


def test_the_bench_times_the_check_and_the_queueing_on_a_list_of_everyone(coordinator):
    for _ in range(40):
        consenting()
    preview = comms_case.time_preview(coordinator)
    assert (preview["members"], preview["getting"], preview["queries"]) == (40, 40, 3)
    assert preview["median_ms"] > 0
    queued = comms_case.time_queue(coordinator)
    assert (queued["recipients"], queued["sent"]) == (40, 40)
    assert Delivery.objects.filter(status="sent").count() == 40
    # The list is made once and kept: a second run finds it.
    assert comms_case.bench_list(coordinator).members.count() == 40
    assert MailingList.objects.count() == 1


def test_the_bench_table_says_how_fast_the_worker_sent(coordinator):
    from coproduce.bench.__main__ import _mailing_rows

    for _ in range(3):
        consenting()
    rows = _mailing_rows("SQLite", comms_case.measure(coordinator))
    assert [row.measurement for row in rows] == [
        comms_case.PREVIEW_NAME,
        comms_case.QUEUE_NAME,
        comms_case.SEND_NAME,
    ]
    assert rows[2].verdict.startswith("3 copies, ") and rows[2].verdict.endswith(" a second")
    assert rows[1].met is True
