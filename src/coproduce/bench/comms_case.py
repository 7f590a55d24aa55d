"""Times mailing lists at the issue's scale (issue 14): with every demo expert (20,000) on one
list, the check before sending (counts by version and by reason, and the first page of names,
worked out in the database) answers in under 500 ms, and a message is queued — a delivery
record made for each recipient — in under 10 seconds. Sending is the worker's: timed too,
through an email backend that sends nowhere, for the rate it renders and records copies.

Setting up is not timed: the list is made once, through the services, and kept; each run adds
one draft message and, for the queue timing, its deliveries."""

import statistics
import time

LIST_NAME = "Bench: every expert"
PREVIEW_TARGET_MS = 500.0
QUEUE_TARGET_S = 10.0
RUNS = 5


def bench_list(actor):
    """The list with every expert who may be processed: made on the first run only."""
    from coproduce.comms.lists import services
    from coproduce.comms.lists.models import MailingList, Member
    from coproduce.people.models import Expert

    found = MailingList.objects.filter(name=LIST_NAME).first()
    if found is None:
        found = services.save_list(actor=actor, values={"name": LIST_NAME, "topic": "Everyone"})
    on_it = Member.objects.filter(mailing_list=found).values("expert_id")
    missing = list(Expert.objects.processable().exclude(pk__in=on_it))
    if missing:
        services.add_members(actor=actor, mailing_list=found, experts=missing)
    return found


def _draft(actor, mailing_list):
    from coproduce.comms.lists import services

    return services.save_message(
        actor=actor,
        mailing_list=mailing_list,
        values={
            "subject": "Bench: news for everyone",
            "body": "Hello.\n\nThis is the news.",
            "easy_read_body": "This is the news.",
            "text_body": "This is the news.",
        },
    )


def time_preview(actor, client=None) -> dict:
    """The check before sending, as its page asks for it (queries.preview), and, given a test
    client signed in as a coordinator (bench.worker's _staff_client), the whole page."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from coproduce.comms.lists import queries

    mailing_list = bench_list(actor)
    message = _draft(actor, mailing_list)
    queries.preview(message)  # warm
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            found = queries.preview(message)
        timings.append((time.perf_counter() - started) * 1000)
    # Counted now: each request through the client empties the connection's query log.
    query_count = len(captured)
    page_timings = []
    if client is not None:
        url = reverse("mailing:message_check", args=[message.pk])
        client.get(url)
        for _ in range(RUNS):
            started = time.perf_counter()
            response = client.get(url)
            page_timings.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise RuntimeError(f"{url} answered {response.status_code}")
    return {
        "members": found.members,
        "getting": found.getting,
        "median_ms": round(statistics.median(timings), 1),
        "page_median_ms": round(statistics.median(page_timings), 1) if page_timings else None,
        "queries": query_count,
        "target_ms": PREVIEW_TARGET_MS,
    }


def time_queue(actor, *, send: bool = True) -> dict:
    """Queueing a message to the list (services.queue_message: the check, a delivery record for
    each recipient in bulk, the task enqueued), then, with `send`, the worker's task run here to
    the end with an email backend that sends nowhere and texts kept in the outbox."""
    from django.test.utils import override_settings

    from coproduce.comms.lists import services
    from coproduce.comms.lists.tasks import send_message

    mailing_list = bench_list(actor)
    message = _draft(actor, mailing_list)
    started = time.perf_counter()
    queued = services.queue_message(actor=actor, message=message, revision=message.revision)
    queue_s = time.perf_counter() - started
    result = {
        "recipients": queued.total,
        "queue_seconds": round(queue_s, 2),
        "target_seconds": QUEUE_TARGET_S,
    }
    if send:
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
            SMS_BACKEND="coproduce.core.sms.OutboxBackend",
        ):
            started = time.perf_counter()
            sent = send_message.call(queued.pk)
            send_s = time.perf_counter() - started
        result.update(sent=sent, send_seconds=round(send_s, 1), per_second=round(sent / send_s))
    return result


PREVIEW_NAME = "Mailing: who gets a message to 20,000, checked before sending"
QUEUE_NAME = "Mailing: a message to 20,000 queued (a delivery record each)"
SEND_NAME = "Mailing: that message sent by the worker (to a backend that sends nowhere)"


def measure(actor, client=None, *, send: bool = True) -> dict:
    """Both timings, as bench.__main__'s rows take them: "queue" with "seconds" (for its
    _timed_row) and "preview" with "median_ms" and "queries" (a row like a page's), each with
    "error" ("" when measured). The preview first: queueing adds a message and its deliveries."""
    measured: dict = {}
    try:
        measured["preview"] = {**time_preview(actor, client), "error": ""}
    except Exception as error:  # reported in the table, like a broken page
        measured["preview"] = {"median_ms": None, "error": f"{type(error).__name__}: {error}"}
    try:
        queued = time_queue(actor, send=send)
        measured["queue"] = {**queued, "seconds": queued["queue_seconds"], "error": ""}
    except Exception as error:
        measured["queue"] = {"seconds": None, "error": f"{type(error).__name__}: {error}"}
    return measured
