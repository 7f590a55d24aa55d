"""The outcomes pages: recording and correcting an outcome, the refusal for work with nothing
held, the overdue page by team (with confidential work's title hidden from those not named on
it), the lead's weeks, and the expert's "What happened next", each with a fixed number of
queries however many rows."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from coproduce.accounts.roles import Role
from coproduce.impact.outcomes import services
from coproduce.impact.outcomes.models import Outcome, OutcomeWeeks
from tests.factories import OpportunityFactory, SessionFactory, TeamFactory, UserFactory
from tests.impact.outcomes.helpers import NOTHING, SAID_DID, held_work

pytestmark = pytest.mark.django_db


def _post(**fields):
    data = {"changed": "yes", "summary": "", "why_nothing": ""}
    data.update(fields)
    return data


def test_staff_record_the_outcome_of_their_own_work(staff_client, staff_member):
    work = held_work(experts=2, requested_by=staff_member, title="Carers' strategy")
    url = reverse("outcomes:record", args=[work.pk])
    assert "Record the outcome" in staff_client.get(url).content.decode()
    response = staff_client.post(
        url,
        _post(
            said_1="Meetings at 9am are too early for carers",
            did_1="Meetings now start at 11am",
            summary="You said early meetings were hard. Now they start later.",
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("outcomes:work", args=[work.pk])
    outcome = Outcome.objects.get(opportunity=work)
    assert outcome.pairs == [
        {"said": "Meetings at 9am are too early for carers", "did": "Meetings now start at 11am"}
    ]
    page = staff_client.get(response["Location"]).content.decode()
    assert "Meetings now start at 11am" in page
    assert "2 experts attended" in page


def test_a_half_written_pair_or_a_missing_reason_says_what_to_add(staff_client, staff_member):
    work = held_work(experts=1, requested_by=staff_member)
    url = reverse("outcomes:record", args=[work.pk])
    page = staff_client.post(url, _post(said_1="Too early")).content.decode()
    assert "Enter what was done about what experts said" in page
    assert "Too early" in page  # what they typed is kept
    page = staff_client.post(url, _post(changed="no")).content.decode()
    assert "Enter why nothing changed" in page
    page = staff_client.post(url, _post()).content.decode()
    assert "Enter what experts said, and what was done about it" in page
    assert not Outcome.objects.exists()


def test_add_another_shows_one_more_pair_and_saves_nothing(staff_client, staff_member):
    work = held_work(experts=1, requested_by=staff_member)
    url = reverse("outcomes:record", args=[work.pk])
    response = staff_client.post(url, _post(said_1="Too early", more="1", pairs_shown="3"))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="said_4"' in page and 'name="said_5"' not in page
    assert "Too early" in page and "There is a problem" not in page
    assert not Outcome.objects.exists()


def test_work_with_nothing_held_is_refused_with_a_clear_message(coordinator_client):
    work = OpportunityFactory()
    SessionFactory(opportunity=work, starts_at=timezone.now() + timedelta(days=5))
    url = reverse("outcomes:record", args=[work.pk])
    page = coordinator_client.get(url).content.decode()
    assert "No session of this work has been held yet" in page
    assert 'name="changed"' not in page
    response = coordinator_client.post(url, _post(said_1="a", did_1="b"))
    assert response.status_code == 400
    assert "No session of this work has been held yet" in response.content.decode()
    assert not Outcome.objects.exists()


def test_a_correction_can_tell_the_experts_again(coordinator_client, coordinator, mailoutbox):
    work = held_work(experts=1)
    outcome = services.record_outcome(actor=coordinator, opportunity=work, wording=SAID_DID)
    url = reverse("outcomes:record", args=[work.pk])
    page = coordinator_client.get(url).content.decode()
    assert "The discharge letter was full of jargon" in page  # the current wording to correct
    assert "Tell the experts who attended about this correction" in page
    response = coordinator_client.post(
        url, _post(changed="no", why_nothing="The plan was paused", tell_experts="on")
    )
    assert response.status_code == 302
    outcome.refresh_from_db()
    assert (outcome.changed, outcome.why_nothing, outcome.round) == (
        False,
        "The plan was paused",
        2,
    )


def test_staff_cannot_see_another_teams_outcome_page(staff_client):
    work = held_work(experts=1)
    assert staff_client.get(reverse("outcomes:work", args=[work.pk])).status_code == 404
    assert staff_client.get(reverse("outcomes:record", args=[work.pk])).status_code == 404


def test_confidential_work_is_not_found_by_coordinators_not_named_on_it(coordinator_client):
    work = held_work(experts=1, confidential=True, title="Review of a death in custody")
    assert coordinator_client.get(reverse("outcomes:work", args=[work.pk])).status_code == 404


def test_the_overdue_page_lists_overdue_work_by_team_hiding_confidential_titles(
    coordinator_client, coordinator, django_assert_max_num_queries
):
    surgery = TeamFactory(name="Surgery")
    wards = TeamFactory(name="Adult wards")
    held_work(team=surgery, ended_days_ago=60, title="Pre-op leaflets")  # 8.6 weeks: overdue
    held_work(team=wards, ended_days_ago=100, title="Ward rounds")
    held_work(team=wards, ended_days_ago=10, title="Visiting hours")  # not due yet
    investigator = UserFactory(role=Role.STAFF, full_name="Ingrid Vestigator")
    secret = held_work(
        team=wards,
        ended_days_ago=90,
        confidential=True,
        title="Secret review",
        requested_by=investigator,
    )
    done = held_work(team=surgery, ended_days_ago=90, title="Theatre lists")
    services.record_outcome(actor=coordinator, opportunity=done, wording=NOTHING)
    for n in range(5):
        held_work(team=surgery, ended_days_ago=70 + n, title=f"Clinic letters {n}")
    with django_assert_max_num_queries(12):
        page = coordinator_client.get(reverse("outcomes:waiting")).content.decode()
    assert "<strong>8</strong> pieces of work have no outcome recorded on time" in page
    assert page.index("Adult wards") < page.index("Surgery")
    assert "Ward rounds" in page and "Pre-op leaflets" in page and "6 weeks overdue" in page
    assert "Secret review" not in page and "Confidential work" in page
    assert "Vestigator" not in page  # who asked for it is hidden with its title
    assert reverse("outcomes:record", args=[secret.pk]) not in page
    assert "Theatre lists" not in page
    overdue_part = page.split("Not due yet")[0]
    assert "Visiting hours" not in overdue_part and "Visiting hours" in page

    # The same number of queries with many more rows.
    for n in range(20):
        held_work(team=TeamFactory(), ended_days_ago=80 + n)
    with django_assert_max_num_queries(12):
        coordinator_client.get(reverse("outcomes:waiting"))


def test_recording_takes_work_off_the_overdue_page(coordinator_client):
    work = held_work(experts=1, ended_days_ago=70, title="Pharmacy waiting times")
    assert (
        "Pharmacy waiting times"
        in coordinator_client.get(reverse("outcomes:waiting")).content.decode()
    )
    coordinator_client.post(
        reverse("outcomes:record", args=[work.pk]), _post(changed="no", why_nothing="Paused")
    )
    page = coordinator_client.get(reverse("outcomes:waiting")).content.decode()
    assert "Pharmacy waiting times" not in page
    assert "Nothing is overdue." in page


def test_staff_see_only_their_own_and_their_teams_outcomes_to_record(client):
    team = TeamFactory(name="Maternity")
    staff = UserFactory(role=Role.STAFF, team=team)
    held_work(team=team, title="Birth choices clinic")
    held_work(title="Someone else's work")
    client.force_login(staff)
    page = client.get(reverse("outcomes:waiting")).content.decode()
    assert "Outcomes to record" in page
    assert "Birth choices clinic" in page and "Someone else's work" not in page


def test_the_lead_sets_the_weeks_and_the_overdue_list_follows(lead_client, involvement_lead):
    held_work(ended_days_ago=30, title="Outpatient letters")
    assert (
        "Outpatient letters"
        not in lead_client.get(reverse("outcomes:waiting")).content.decode().split("Not due yet")[0]
    )
    response = lead_client.post(reverse("outcomes:weeks"), {"weeks": "4"})
    assert response.status_code == 302
    assert OutcomeWeeks.current().weeks == 4
    page = lead_client.get(reverse("outcomes:waiting")).content.decode()
    assert "Outpatient letters" in page.split("Not due yet")[0]
    page = lead_client.post(reverse("outcomes:weeks"), {"weeks": "0"}).content.decode()
    assert "Weeks after the last session must be between 1 and 52" in page


def test_the_expert_sees_what_happened_next_in_work_they_attended_only(
    expert_client, expert, coordinator, django_assert_max_num_queries
):
    for n in range(4):
        work = held_work(experts=[expert], title=f"Work Eve attended {n}")
        services.record_outcome(actor=coordinator, opportunity=work, wording=SAID_DID)
    other = held_work(experts=1, title="Work Eve missed")
    services.record_outcome(actor=coordinator, opportunity=other, wording=NOTHING)
    with django_assert_max_num_queries(10):
        page = expert_client.get(reverse("outcomes:mine")).content.decode()
    assert page.count("We rewrote it with experts") == 4
    assert "Work Eve attended 3" in page and "Work Eve missed" not in page

    home = expert_client.get(reverse("opportunities:my_involvement")).content.decode()
    assert "What happened next" in home
    assert "You told us the letter was hard to read" in home
    assert "(all 4)" in home


def test_the_work_pages_link_to_the_outcome(coordinator_client, staff_client, staff_member):
    work = held_work(experts=1, requested_by=staff_member, status="published")
    outcome = reverse("outcomes:work", args=[work.pk])
    detail = reverse("opportunities:opportunity_detail", args=[work.pk])
    request = reverse("opportunities:request_detail", args=[work.pk])
    assert f'href="{outcome}"' in coordinator_client.get(detail).content.decode()
    assert f'href="{outcome}"' in staff_client.get(request).content.decode()
    # A request not yet agreed has no outcome to record.
    asked = OpportunityFactory(requested_by=staff_member, status="requested")
    page = staff_client.get(reverse("opportunities:request_detail", args=[asked.pk]))
    assert reverse("outcomes:work", args=[asked.pk]) not in page.content.decode()


def test_the_overdue_page_counts_each_teams_work_and_shows_it_a_page_at_a_time(
    coordinator_client, monkeypatch
):
    from coproduce.impact.outcomes import views

    monkeypatch.setattr(views, "PAGE_SIZE", 3)
    wards = TeamFactory(name="Adult wards")
    surgery = TeamFactory(name="Surgery")
    for n in range(4):
        held_work(team=wards, ended_days_ago=100 - n, title=f"Ward work {n}")
    for n in range(3):
        held_work(team=wards, ended_days_ago=10 + n, title=f"Ward plans {n}")
    held_work(team=surgery, ended_days_ago=100, title="Theatre lists")
    held_work(team=surgery, ended_days_ago=5, title="Clinic letters")

    page = coordinator_client.get(reverse("outcomes:waiting")).content.decode()
    summary = page.split("Work waiting for an outcome, by team")[1].split("</table>")[0]
    assert f'href="?team={wards.pk}"' in summary and f'href="?team={surgery.pk}"' in summary
    assert ">4<" in summary and ">3<" in summary  # Adult wards: 4 overdue, 3 not due yet
    assert "<strong>5</strong> pieces of work have no outcome recorded on time" in page
    # The most overdue first, three to a page; what is not due yet waits for a team.
    assert "Ward work 0" in page and "Ward work 2" in page and "Ward work 3" not in page
    assert "Page 1 of 2 of overdue work" in page
    assert "4 pieces of work are not due yet. Choose a team" in page
    assert "Ward plans 0" not in page and "Clinic letters" not in page

    second = coordinator_client.get(reverse("outcomes:waiting") + "?page=2").content.decode()
    assert "Ward work 3" in second and "Theatre lists" in second and "Ward work 0" not in second

    one_team = coordinator_client.get(
        reverse("outcomes:waiting") + f"?team={surgery.pk}"
    ).content.decode()
    assert "<strong>1</strong> piece of work has no outcome recorded on time" in one_team
    assert "Theatre lists" in one_team and "Clinic letters" in one_team
    assert "Ward work" not in one_team and "Ward plans" not in one_team
    assert "See every team" in one_team

    # An address for a team with nothing waiting shows every team.
    other = coordinator_client.get(reverse("outcomes:waiting") + "?team=999999").content.decode()
    assert "<strong>5</strong> pieces of work" in other
