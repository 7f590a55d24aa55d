"""The declarations pages: a programme manager starts a declaration, adds entries one at a time
(what they typed kept, with messages beside each field), submits it; the involvement team lists
every declaration by status and team with what waits for the board and the follow-ups overdue,
and records the board's review at a meeting; the programme manager sees it and answers by
changing the declaration. Each list with a fixed number of queries however many rows."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from coproduce.accounts.roles import Role
from coproduce.impact.declarations import services
from coproduce.impact.declarations.models import Declaration, Entry, FollowUp, Status
from coproduce.impact.declarations.services import FollowUpWords
from tests.factories import GroupFactory, OpportunityFactory, TeamFactory, UserFactory
from tests.impact.declarations.helpers import declaration, entry_words

pytestmark = pytest.mark.django_db


def _entry_post(**fields):
    data = {
        "where": "Redesigning the discharge letter",
        "happened": "happened",
        "on-day": "12",
        "on-month": "5",
        "on-year": "2026",
        "stage": "plan",
        "rung": "7",
        "with_whom": "Patients discharged last year, and their carers",
        "effect": "The letter is now one page in plain English",
    }
    data.update(fields)
    return data


def _review(coordinator, made, *, decision=Status.FOLLOW_UPS, due=None, comments="Well done"):
    meeting = services.plan_meeting(actor=coordinator, held_on=date(2026, 6, 3), group=None)
    services.review(
        actor=coordinator,
        meeting=meeting,
        declaration=made,
        decision=decision,
        comments=comments,
        follow_ups=[
            FollowUpWords(
                what="Tell the carers what changed",
                who="Sam Staff",
                due_on=due or timezone.localdate() + timedelta(days=30),
            )
        ]
        if decision == Status.FOLLOW_UPS
        else [],
    )
    return meeting


def test_staff_start_a_declaration_add_entries_and_submit_it(client):
    team = TeamFactory(name="Community Mental Health")
    staff = UserFactory(role=Role.STAFF, team=team)
    client.force_login(staff)
    response = client.post(
        reverse("declarations:new"),
        {"name": "Crisis care", "team": team.pk, "description": "Help for people in crisis"},
    )
    made = Declaration.objects.get()
    assert (made.owner, made.status) == (staff, Status.DRAFT)
    assert response["Location"] == reverse("declarations:add_entry", args=[made.pk])

    group = GroupFactory(name="Carers' Voice")
    work = OpportunityFactory(team=team, title="Discharge letter workshop")
    page = client.get(response["Location"]).content.decode()
    assert "Carers&#39; Voice" in page and "Discharge letter workshop" in page
    response = client.post(
        response["Location"], _entry_post(groups=[group.pk], opportunities=[work.pk])
    )
    assert response.status_code == 302
    client.post(
        reverse("declarations:add_entry", args=[made.pk]),
        _entry_post(where="Choosing the new ward's colours", happened="planned", effect=""),
    )
    assert made.entries.count() == 2
    entry = made.entries.get(where="Redesigning the discharge letter")
    assert list(entry.groups.all()) == [group] and list(entry.opportunities.all()) == [work]

    page = client.get(reverse("declarations:submit", args=[made.pk])).content.decode()
    assert "Check your declaration before you submit it" in page
    assert "Effect hoped for" in page and "Not said yet" in page
    response = client.post(reverse("declarations:submit", args=[made.pk]))
    assert response.status_code == 302
    made.refresh_from_db()
    assert made.status == Status.WAITING
    page = client.get(reverse("declarations:mine")).content.decode()
    assert "Crisis care" in page and "Waiting for the board" in page


def test_an_entry_with_mistakes_keeps_what_was_typed_and_says_what_to_fix(
    staff_client, staff_member
):
    made = declaration(owner=staff_member, entries=0)
    url = reverse("declarations:add_entry", args=[made.pk])
    response = staff_client.post(
        url,
        _entry_post(effect="", **{"on-month": "13"}, with_whom="Carers of people with dementia"),
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Error: " in page
    assert "Enter what effect it had: it has happened, so the board wants to know" in page
    assert "The date must be a real date" in page
    assert "Carers of people with dementia" in page  # kept
    future = timezone.localdate() + timedelta(days=10)
    page = staff_client.post(
        url,
        _entry_post(**{"on-day": future.day, "on-month": future.month, "on-year": future.year}),
    ).content.decode()
    assert "The date is in the future: if it has not happened yet" in page
    response = staff_client.post(url, {})
    page = response.content.decode()
    assert "Enter where co-production took place, or will" in page
    assert "Choose whether it has happened yet" in page
    assert "Choose the rung of the ladder of co-production" in page
    assert "Enter when it happened, or when it is planned" in page
    assert not Entry.objects.exists()


def test_submitting_with_no_entries_is_refused_with_a_message(staff_client, staff_member):
    made = declaration(owner=staff_member, entries=0)
    response = staff_client.post(reverse("declarations:submit", args=[made.pk]))
    assert response.status_code == 400
    assert "Add at least one place" in response.content.decode()


def test_staff_see_their_teams_declarations_but_not_another_teams(client):
    team = TeamFactory()
    staff = UserFactory(role=Role.STAFF, team=team)
    ours = declaration(team=team, name="Our ward redesign")
    theirs = declaration(name="Another team's plan")
    client.force_login(staff)
    page = client.get(reverse("declarations:mine")).content.decode()
    assert "Our ward redesign" in page and "Another team&#39;s plan" not in page
    assert client.get(reverse("declarations:detail", args=[ours.pk])).status_code == 200
    assert client.get(reverse("declarations:detail", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("declarations:submit", args=[theirs.pk])).status_code == 404


def test_linked_confidential_work_is_not_named_to_those_not_on_it(coordinator_client, staff_member):
    secret = OpportunityFactory(confidential=True, title="Review of a death on the ward")
    made = declaration(
        owner=staff_member, entries=[entry_words(opportunities=[secret])], submit=True
    )
    page = coordinator_client.get(reverse("declarations:detail", args=[made.pk])).content.decode()
    assert "Review of a death" not in page and "Confidential work" in page


def test_the_involvement_team_lists_every_declaration_by_status_and_team(
    coordinator_client, coordinator, django_assert_max_num_queries
):
    wards = TeamFactory(name="Adult wards")
    waiting = declaration(team=wards, name="Ward rounds", submit=True)
    declaration(name="Draft plan")
    late = declaration(name="Carers' strategy", submit=True)
    _review(coordinator, late, due=timezone.localdate() - timedelta(days=3))
    url = reverse("declarations:all")
    with django_assert_max_num_queries(14):
        page = coordinator_client.get(url).content.decode()
    assert "<strong>1 declaration</strong> is waiting for the co-production board" in page
    assert "<strong>1 follow-up</strong> is overdue" in page
    assert "Overdue by 3 days" in page and "Tell the carers what changed" in page
    assert page.index("Ward rounds") < page.index("Draft plan")  # waiting first

    page = coordinator_client.get(url, {"status": "draft"}).content.decode()
    assert "Draft plan" in page and "Ward rounds" not in page.split("Follow-ups overdue")[0]
    page = coordinator_client.get(url, {"team": wards.pk}).content.decode()
    assert "Ward rounds" in page and "Draft plan" not in page
    assert reverse("declarations:detail", args=[waiting.pk]) in page

    for n in range(12):
        made = declaration(name=f"Programme {n}", submit=True)
        _review(coordinator, made, due=timezone.localdate() - timedelta(days=n + 1))
    with django_assert_max_num_queries(14):
        coordinator_client.get(url)


def test_your_declarations_has_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    team = TeamFactory()
    staff = UserFactory(role=Role.STAFF, team=team)
    client.force_login(staff)
    declaration(team=team, name="First")
    with django_assert_max_num_queries(10) as first:
        client.get(reverse("declarations:mine"))
    for n in range(8):
        declaration(team=team, name=f"More {n}", entries=2, submit=True)
    with django_assert_max_num_queries(len(first.captured_queries)):
        page = client.get(reverse("declarations:mine")).content.decode()
    assert "More 7" in page


def test_the_board_review_is_recorded_and_the_programme_manager_answers_by_changing_it(
    coordinator_client, client, django_assert_max_num_queries
):
    team = TeamFactory()
    staff = UserFactory(role=Role.STAFF, team=team, full_name="Priya Manager")
    made = declaration(owner=staff, name="Crisis care", submit=True)
    response = coordinator_client.post(
        reverse("declarations:meeting_new"),
        {"held_on-day": "3", "held_on-month": "6", "held_on-year": "2026"},
    )
    meeting_url = response["Location"]
    with django_assert_max_num_queries(12):
        page = coordinator_client.get(meeting_url).content.decode()
    assert "Crisis care" in page and "Record the review" in page
    review_url = reverse("declarations:review", args=[meeting_url.split("/")[-2], made.pk])

    # A follow-up row half filled, and "with follow-ups" with none, each say what to add.
    page = coordinator_client.post(
        review_url, {"decision": "follow_ups", "what_2": "Ask carers"}
    ).content.decode()
    assert "Enter who will do the follow-up" in page
    assert "Enter the date the follow-up is due by" in page
    assert "Ask carers" in page
    page = coordinator_client.post(review_url, {"decision": "follow_ups"}).content.decode()
    assert "Enter at least one follow-up" in page
    page = coordinator_client.post(review_url, {"decision": "needs_work"}).content.decode()
    assert "Enter what more the board would like to see" in page

    response = coordinator_client.post(
        review_url,
        {
            "decision": "follow_ups",
            "comments": "A good start. Tell carers what changed.",
            "what_1": "Write to the carers who took part",
            "who_1": "Priya Manager",
            "due_1-day": "1",
            "due_1-month": "7",
            "due_1-year": "2026",
        },
    )
    assert response.status_code == 302
    made.refresh_from_db()
    assert made.status == Status.FOLLOW_UPS
    assert FollowUp.objects.get().what == "Write to the carers who took part"
    assert "Reviewed at this meeting" in coordinator_client.get(meeting_url).content.decode()

    client.force_login(staff)
    page = client.get(reverse("declarations:detail", args=[made.pk])).content.decode()
    assert "What the co-production board said" in page
    assert "Agreed with follow-ups" in page and "A good start. Tell carers what changed." in page
    assert "Write to the carers who took part" in page and "Mark as done" in page

    entry = made.entries.get()
    response = client.post(
        reverse("declarations:change_entry", args=[made.pk, entry.pk]),
        _entry_post(effect="We wrote to every carer who took part"),
    )
    assert response.status_code == 302
    made.refresh_from_db()
    assert made.status == Status.WAITING

    follow_up = FollowUp.objects.get()
    response = client.post(reverse("declarations:follow_up_done", args=[follow_up.pk]))
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.done


def test_the_involvement_team_starts_one_for_a_programme_manager(coordinator_client):
    team = TeamFactory()
    manager = UserFactory(role=Role.STAFF, team=team, full_name="Dev Manager")
    page = coordinator_client.get(reverse("declarations:new")).content.decode()
    assert "Programme manager" in page and "Dev Manager" in page
    page = coordinator_client.post(
        reverse("declarations:new"), {"name": "Ward design", "team": team.pk}
    ).content.decode()
    assert "Choose the programme manager" in page
    assert "Enter a few sentences about the programme or project" in page
    assert 'value="Ward design"' in page
    coordinator_client.post(
        reverse("declarations:new"),
        {"name": "Ward design", "team": team.pk, "description": "New wards", "owner": manager.pk},
    )
    assert Declaration.objects.get().owner == manager


def test_the_menu_has_declarations_for_staff_and_the_involvement_team(
    staff_client, coordinator_client, finance_client
):
    # On All pages, the menu of every page the role can use.
    assert "Co-production declarations" in staff_client.get(reverse("all_pages")).content.decode()
    assert (
        f'href="{reverse("declarations:all")}"'
        in coordinator_client.get(reverse("all_pages")).content.decode()
    )
    assert (
        reverse("declarations:mine")
        not in finance_client.get(reverse("all_pages")).content.decode()
    )
