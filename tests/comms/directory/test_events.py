"""Events: the involvement team adds one; experts reply, with guests and needs, and change their
reply; a reply after the reply-by date or past the places left is refused in words; the team
sees the headcount, the needs counted and by name, and downloads the list (audited); the public
pages read only open events, with nothing personal."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from coproduce.audit.models import AuditEvent
from coproduce.comms.directory import queries, services
from coproduce.comms.directory.models import Event, EventReply, OpenTo
from tests.comms.directory.helpers import event
from tests.factories import expert_with_account

pytestmark = pytest.mark.django_db


def _reply(expert, on, answer="yes", **values):
    return services.reply_to_event(
        actor=expert.user,
        expert=expert,
        event=on,
        values=services.ReplyValues(answer=answer, **values),
    )


def test_the_team_adds_an_event_and_its_changes_are_audited(coordinator_client):
    day = timezone.localdate() + timedelta(days=40)
    form = {
        "title": "Annual get-together",
        "description": "Lunch together",
        "date-day": day.day,
        "date-month": day.month,
        "date-year": day.year,
        "start_time": "11am",
        "end_time": "2:30pm",
        "place": "Shirehall",
        "open_to": "experts",
        "guests_allowed": "1",
        "ask_dietary": "on",
    }
    response = coordinator_client.post(reverse("directory:event_new"), form)
    assert response.status_code == 302
    made = Event.objects.get()
    assert made.title == "Annual get-together"
    assert timezone.localtime(made.starts_at).hour == 11
    assert made.ask_dietary and not made.ask_access
    audit = AuditEvent.objects.get(action=AuditEvent.Action.EVENT_SET)
    assert audit.summary == "Event added: Annual get-together"


def test_an_event_needs_a_place_or_to_be_online_and_a_reply_by_date_before_it(
    coordinator_client,
):
    day = timezone.localdate() + timedelta(days=10)
    late = day + timedelta(days=1)
    response = coordinator_client.post(
        reverse("directory:event_new"),
        {
            "title": "Celebration",
            "date-day": day.day,
            "date-month": day.month,
            "date-year": day.year,
            "start_time": "6pm",
            "end_time": "9pm",
            "open_to": "public",
            "guests_allowed": "0",
            "reply_by-day": late.day,
            "reply_by-month": late.month,
            "reply_by-year": late.year,
        },
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["place"] == ["Enter where the event is, or tick ‘People can join online’"]
    assert errors["reply_by"] == ["The reply-by date must be on or before the event’s date"]
    assert not Event.objects.exists()


def test_an_expert_replies_with_a_guest_and_a_dietary_need_and_the_team_sees_the_headcount(
    expert, expert_client, coordinator_client
):
    party = event(capacity=20)
    response = expert_client.post(
        reverse("directory:reply", kwargs={"pk": party.pk}),
        {"answer": "yes", "guests": "1", "dietary": ["vegetarian"], "access_other": "A chair"},
    )
    assert response.status_code == 302
    maybe = expert_with_account(full_name="Mo Maybe")
    _reply(maybe, party, "maybe", dietary=("vegetarian", "nut_allergy"))
    _reply(expert_with_account(), party, "no", dietary=("vegan",))

    page = coordinator_client.get(reverse("directory:event_detail", kwargs={"pk": party.pk}))
    text = page.content.decode()
    assert "2 people coming, of 20 places" in text
    needs = page.context["needs"]
    # Counted over those coming or who may come: not the vegan who is not coming.
    assert [(n.label, n.count) for n in needs.dietary] == [("Vegetarian", 2), ("Nut allergy", 1)]
    assert needs.access_other == 1
    assert {r.expert.full_name for r in needs.people} == {"Eve Expert", "Mo Maybe"}
    assert "A chair" in text
    replied = AuditEvent.objects.filter(action=AuditEvent.Action.EVENT_REPLIED)
    assert replied.count() == 3
    assert "vegetarian" not in " ".join(replied.values_list("summary", flat=True)).lower()


def test_changing_a_reply_replaces_it(expert):
    party = event()
    _reply(expert, party, "yes", guests=1)
    _reply(expert, party, "no")
    reply = EventReply.objects.get()
    assert (reply.answer, reply.guests) == ("no", 0)
    assert queries.event_with_counts(party.pk).headcount == 0


def test_a_yes_past_the_places_left_is_refused_with_the_places_left(expert, expert_client):
    party = event(capacity=3, guests_allowed=2)
    _reply(expert_with_account(), party, "yes", guests=1)
    response = expert_client.post(
        reverse("directory:reply", kwargs={"pk": party.pk}), {"answer": "yes", "guests": "2"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["answer"] == [
        "Only 1 place is left. Bring fewer guests, or reply ‘Maybe’."
    ]
    _reply(expert, party, "yes", guests=0)
    with pytest.raises(services.DirectoryError, match="this event is full"):
        _reply(expert_with_account(), party, "yes")
    # Someone already coming may change their own reply without counting themselves twice.
    _reply(expert, party, "yes", guests=0)


def test_a_reply_after_the_reply_by_date_is_refused_but_a_no_is_still_taken(expert, expert_client):
    party = event(in_days=10, reply_by=timezone.localdate() - timedelta(days=1))
    url = reverse("directory:reply", kwargs={"pk": party.pk})
    page = expert_client.get(url).content.decode()
    assert "Replies closed on" in page
    response = expert_client.post(url, {"answer": "yes"})
    assert response.status_code == 400
    assert (
        response.context["form"]
        .errors["answer"][0]
        .startswith(f"Replies closed on {party.reply_by:%A} {party.reply_by.day}")
    )
    assert expert_client.post(url, {"answer": "no"}).status_code == 302


def test_more_guests_than_allowed_are_refused_beside_the_field(expert_client):
    party = event(guests_allowed=1)
    response = expert_client.post(
        reverse("directory:reply", kwargs={"pk": party.pk}), {"answer": "yes", "guests": "3"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["guests"] == [
        "How many guests you are bringing must be between 0 and 1"
    ]


def test_an_event_without_guests_or_needs_asks_only_whether_they_are_coming(expert_client):
    party = event(guests_allowed=0, ask_dietary=False, ask_access=False)
    form = expert_client.get(reverse("directory:reply", kwargs={"pk": party.pk})).context["form"]
    assert list(form.fields) == ["answer"]


def test_the_download_lists_replies_made_safe_for_spreadsheets_and_is_audited(
    coordinator_client,
):
    party = event()
    crafty = expert_with_account(full_name="=HYPERLINK(1)")
    _reply(crafty, party, "yes", dietary=("halal",))
    response = coordinator_client.get(reverse("directory:event_download", kwargs={"pk": party.pk}))
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/csv")
    assert body.splitlines()[0].startswith("Name,Reply,Guests,Dietary needs")
    assert "'=HYPERLINK(1),Coming,0,Halal" in body
    audit = AuditEvent.objects.get(action=AuditEvent.Action.EVENT_REPLIES_EXPORTED)
    assert audit.summary == "Replies downloaded: Annual get-together"
    assert audit.changes == {"format": "csv", "rows": 1}


def test_the_event_page_and_list_read_a_fixed_number_of_queries(coordinator_client):
    party = event()
    _reply(expert_with_account(), party, "yes", dietary=("vegan",))
    detail = reverse("directory:event_detail", kwargs={"pk": party.pk})
    listing = reverse("directory:events")
    coordinator_client.get(detail)
    with CaptureQueriesContext(connection) as few:
        coordinator_client.get(detail)
        coordinator_client.get(listing)
    for _ in range(15):
        _reply(expert_with_account(), party, "maybe", access=("step_free",))
        event(title="Another")
    with CaptureQueriesContext(connection) as many:
        coordinator_client.get(detail)
        coordinator_client.get(listing)
    assert len(many) == len(few)


def test_the_expert_sees_events_to_come_with_their_reply_on_their_home_page(expert, expert_client):
    party = event(title="Summer celebration")
    event(title="Last year's", in_days=-400)
    _reply(expert, party, "maybe")
    page = expert_client.get(reverse("opportunities:my_involvement")).content.decode()
    assert "Summer celebration" in page and "Last year" not in page
    assert "Your reply: Maybe" in page
    assert "Join the directory of experts" in page


def test_the_public_pages_read_only_open_events_to_come_with_nothing_personal(expert):
    open_day = event(title="Open day", open_to=OpenTo.PUBLIC, how_to_come="Just turn up", in_days=5)
    event(title="Get-together", open_to=OpenTo.EXPERTS)
    event(title="Old open day", open_to=OpenTo.PUBLIC, in_days=-30)
    _reply(expert, open_day, "yes")
    with CaptureQueriesContext(connection) as read:
        found = queries.upcoming_open_events(5)
    assert len(read) == 1
    assert [e.title for e in found] == ["Open day"]
    assert found[0].how_to_come == "Just turn up"
    assert set(vars(found[0])) == {
        "id",
        "title",
        "description",
        "starts_at",
        "ends_at",
        "place",
        "online",
        "how_to_come",
    }


def test_a_reply_to_an_event_that_has_started_is_refused(expert):
    party = event(in_days=0)
    Event.objects.filter(pk=party.pk).update(starts_at=timezone.now() - timedelta(minutes=5))
    with pytest.raises(services.DirectoryError, match="has started"):
        _reply(expert, party, "no")


def test_reply_by_dates_read_as_people_say_them():
    assert services.replies_closed(
        Event(starts_at=timezone.now() + timedelta(days=9), reply_by=date(2020, 3, 3))
    ).startswith("Replies closed on Tuesday 3 March 2020.")


def test_an_expert_whose_processing_is_restricted_cannot_reply(expert, expert_client):
    """UK GDPR article 18: while restricted, no new information (diet, access needs) is taken."""
    from coproduce.people.restriction import restrict_processing

    party = event()
    restrict_processing(actor=None, expert=expert, reason="Asked us to pause")
    response = expert_client.post(
        reverse("directory:reply", kwargs={"pk": party.pk}), {"answer": "yes", "guests": "0"}
    )
    assert response.status_code == 400
    assert services.RESTRICTED_REPLY in response.content.decode()
    assert not EventReply.objects.exists()
