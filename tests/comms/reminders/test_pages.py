"""The reminder pages: the involvement lead's settings (audited, with messages beside the
field), an expert's own reminders (linked from their portal and profile), and a member of
staff's own."""

import pytest

from coproduce.audit.models import AuditEvent
from coproduce.comms.reminders import queries, services
from coproduce.comms.reminders.models import Kind

pytestmark = pytest.mark.django_db

DEFAULTS = {
    "session_on": "on",
    "session_days": "7, 1",
    "invitation_on": "on",
    "invitation_days": "5",
    "agreement_on": "on",
    "agreement_days": "14",
    "training_on": "on",
    "claim_check_on": "on",
    "claim_check_days": "5",
    "claim_approve_on": "on",
    "claim_approve_days": "5",
    "outcome_on": "on",
    "outcome_who": "both",
}


def test_the_lead_sees_the_suggested_settings(lead_client):
    page = lead_client.get("/reminders/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "These are the settings we suggest" in html
    assert 'value="7, 1"' in html


def test_the_lead_changes_the_settings_and_it_is_audited(lead_client, involvement_lead):
    posted = {**DEFAULTS, "session_days": "1, 14", "invitation_days": "3"}
    del posted["outcome_on"]
    page = lead_client.post("/reminders/", posted)
    assert page.status_code == 302
    found = queries.current_settings()
    assert found.session_days == [14, 1]
    assert found.invitation_days == 3
    assert found.outcome_on is False
    assert found.changed_by == involvement_lead
    event = AuditEvent.objects.get(action=AuditEvent.Action.REMINDERS_SET)
    assert event.actor == involvement_lead
    assert event.changes["invitation_days"] == [5, 3]
    assert "Last changed by Lee Lead" in lead_client.get("/reminders/").content.decode()


@pytest.mark.parametrize("days", ["", "seven", "0", "7, 3, 2, 1", "200"])
def test_bad_session_days_get_a_message_beside_the_field(lead_client, days):
    page = lead_client.post("/reminders/", {**DEFAULTS, "session_days": days})
    assert page.status_code == 400
    html = page.content.decode()
    assert "Error:" in html
    assert "There is a problem" in html
    assert (
        "Enter up to 3 numbers of days between 1 and 90" in html
        or "Enter the days before a session" in html
    )
    assert queries.current_settings().pk is None or not queries.current_settings().changed_at


def test_only_the_lead_may_change_the_organisations_reminders(coordinator_client, expert_client):
    assert coordinator_client.get("/reminders/").status_code == 403
    assert expert_client.get("/reminders/").status_code == 403


def test_an_expert_turns_a_reminder_off_and_on_again(expert_client, expert):
    page = expert_client.get("/reminders/mine/")
    assert page.status_code == 200
    assert "Meetings coming up" in page.content.decode()
    page = expert_client.post(
        "/reminders/mine/", {"kinds_on": [Kind.INVITATION, Kind.AGREEMENT, Kind.TRAINING]}
    )
    assert page.status_code == 302
    assert queries.kinds_off_for_expert(expert) == {Kind.SESSION}
    event = AuditEvent.objects.get(action=AuditEvent.Action.REMINDERS_SET)
    assert event.subject_id == str(expert.pk)
    expert_client.post("/reminders/mine/", {"kinds_on": list(Kind.values)[:4]})
    assert queries.kinds_off_for_expert(expert) == set()


def test_the_experts_home_page_links_to_their_reminders(expert_client):
    response = expert_client.get("/me/involvement/")
    assert "/reminders/mine/" in response.content.decode()


def test_the_team_sees_which_reminders_an_expert_turned_off(coordinator_client, expert):
    services.set_expert_reminders(actor=None, expert=expert, kinds_on=set(), kinds=(Kind.SESSION,))
    html = coordinator_client.get(f"/experts/{expert.pk}/").content.decode()
    assert "They turned these reminders off:" in html
    assert "Sessions coming up" in html


def test_staff_choose_their_own_reminders(finance_client, finance_officer):
    page = finance_client.get("/reminders/staff/")
    html = page.content.decode()
    assert "Claims waiting too long to be approved" in html
    assert "checked" in html
    assert "Claims waiting too long to be checked" not in html
    finance_client.post("/reminders/staff/", {"kinds_on": [Kind.TRAINING]})
    assert queries.kinds_off_for_user(finance_officer) == {Kind.CLAIM_APPROVE}


def test_experts_have_no_staff_reminders_page(expert_client, staff_client):
    assert expert_client.get("/reminders/staff/").status_code == 403
    assert staff_client.get("/reminders/mine/").status_code == 403
