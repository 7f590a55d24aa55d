"""The Working Together award: the lead opens a round with its panel; anyone signed in
nominates while it is open; after the closing date a clear message and nothing saved; the
panel shortlists, records winners and announces them; each step audited."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from coproduce.accounts.roles import Role
from coproduce.audit.models import AuditEvent
from coproduce.comms.stories import services
from coproduce.comms.stories.models import AwardRound, Nomination
from tests.comms.stories.helpers import award_round, closed_round, nomination
from tests.conftest import _client_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NOMINATION = {
    "category": "team",
    "nominee": "The stroke ward team",
    "reason": "They asked experts before they changed the discharge letter.",
}


def test_the_lead_opens_a_round_with_its_panel(lead_client):
    panel = UserFactory(role=Role.STAFF, full_name="Pat Panel")
    response = lead_client.post(
        reverse("stories:award_round_new"),
        {
            "year": "2026",
            "opens_on-day": "1",
            "opens_on-month": "9",
            "opens_on-year": "2026",
            "closes_on-day": "31",
            "closes_on-month": "10",
            "closes_on-year": "2026",
            "panel": [str(panel.pk)],
        },
    )
    assert response.status_code == 302
    award = AwardRound.objects.get()
    assert list(award.panel.all()) == [panel]
    event = AuditEvent.objects.get(action=AuditEvent.Action.AWARD_SET)
    assert "Pat Panel" in event.changes["Panel"][1]


def test_a_round_must_close_after_it_opens_and_a_year_has_one_round(lead_client, involvement_lead):
    award_round(year=2026)
    data = {
        "year": "2026",
        "opens_on-day": "31",
        "opens_on-month": "10",
        "opens_on-year": "2026",
        "closes_on-day": "1",
        "closes_on-month": "9",
        "closes_on-year": "2026",
        "panel": [str(involvement_lead.pk)],
    }
    response = lead_client.post(reverse("stories:award_round_new"), data)
    assert "The closing date must be on or after the opening date" in response.content.decode()
    data.update({"closes_on-day": "30", "closes_on-month": "11"})
    response = lead_client.post(reverse("stories:award_round_new"), data)
    assert "There is already an award round for 2026" in response.content.decode()
    assert AwardRound.objects.count() == 1


def test_an_expert_nominates_while_nominations_are_open(expert_client, expert):
    award = award_round()
    response = expert_client.post(reverse("stories:nominate"), NOMINATION)
    assert response.status_code == 302
    made = Nomination.objects.get()
    assert made.award == award and made.nominated_by == expert.user
    assert AuditEvent.objects.filter(action=AuditEvent.Action.NOMINATION_MADE).count() == 1


def test_a_nomination_after_the_closing_date_is_refused_clearly_and_nothing_is_saved(
    expert_client,
):
    award = award_round(open_days=3)
    assert "Send the nomination" in expert_client.get(reverse("stories:nominate")).content.decode()
    # The form was opened in time, but sent after the closing date.
    award.closes_on = timezone.localdate() - timedelta(days=1)
    award.save()
    response = expert_client.post(reverse("stories:nominate"), NOMINATION)
    page = response.content.decode()
    assert response.status_code == 400
    assert f"Nominations for the {award.year} award closed on" in page
    assert "Your nomination has not been saved" in page
    assert not Nomination.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.NOMINATION_MADE).exists()


def test_a_closed_round_says_so_and_offers_no_form(staff_client):
    closed_round(2025)
    page = staff_client.get(reverse("stories:nominate")).content.decode()
    assert "Nominations for the 2025 award closed on" in page
    assert "Send the nomination" not in page


def test_the_service_refuses_before_the_round_opens(expert):
    today = timezone.localdate()
    award = award_round(opens_on=today + timedelta(days=2), closes_on=today + timedelta(days=9))
    with pytest.raises(services.StoryError, match="open on"):
        services.nominate(
            actor=expert.user, award=award, category="person", nominee="Sam", reason="Kind"
        )


def test_the_panel_shortlists_records_a_winner_and_announces(client):
    member = UserFactory(role=Role.STAFF)
    outsider = _client_for(UserFactory(role=Role.STAFF))
    award = award_round(panel=[member])
    nominated = nomination(award, nominee="The stroke ward team")
    panel = _client_for(member)
    assert outsider.get(reverse("stories:award_panel", args=[award.pk])).status_code == 403
    page = panel.get(reverse("stories:award_panel", args=[award.pk])).content.decode()
    assert "The stroke ward team" in page

    panel.post(reverse("stories:award_shortlist", args=[nominated.pk]), {"shortlist": "on"})
    response = panel.post(
        reverse("stories:award_winner", args=[nominated.pk]), {"shown_as": "", "citation": ""}
    )
    assert "Enter the name to show in the gallery" in response.content.decode()
    panel.post(
        reverse("stories:award_winner", args=[nominated.pk]),
        {"shown_as": "Stroke ward", "citation": "They listened first."},
    )
    nominated.refresh_from_db()
    assert nominated.shortlisted and nominated.winner
    gallery = reverse("stories:working_together_gallery")
    assert "They listened first." not in client.get(gallery).content.decode()
    panel.post(reverse("stories:award_announce", args=[award.pk]))
    assert "They listened first." in client.get(gallery).content.decode()
    decided = AuditEvent.objects.filter(action=AuditEvent.Action.AWARD_DECIDED).count()
    assert decided == 3


def test_winners_cannot_be_announced_before_any_is_recorded(lead_client):
    award = award_round()
    nomination(award)
    response = lead_client.post(reverse("stories:award_announce", args=[award.pk]), follow=True)
    assert "Record at least one winner" in response.content.decode()
    award.refresh_from_db()
    assert award.announced_at is None


def test_the_nomination_page_shows_the_panel_the_way_to_the_nominations(staff_member, staff_client):
    award = award_round(panel=[staff_member])
    page = staff_client.get(reverse("stories:nominate")).content.decode()
    assert reverse("stories:award_panel", args=[award.pk]) in page
    other = _client_for(UserFactory(role=Role.STAFF))
    assert (
        reverse("stories:award_panel", args=[award.pk])
        not in other.get(reverse("stories:nominate")).content.decode()
    )
