"""Restriction of processing (UK GDPR article 18): a restricted person leaves the register's
search, its downloads, the shortlist, name searches, invitations and every email or text, with
a banner on their record saying why and since when; the lead lifts it, and both are audited."""

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import openpyxl
import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from coproduce.audit.models import AuditEvent
from coproduce.core import sms
from coproduce.opportunities.matching.shortlist import shortlist
from coproduce.opportunities.models import Invitation, InviteRun
from coproduce.opportunities.queries.groups import experts_to_add
from coproduce.opportunities.services import invitations as invitation_services
from coproduce.opportunities.tasks_invitations import send_invitations, tell_about_session_change
from coproduce.people import restriction
from coproduce.people.models import Expert
from coproduce.people.tasks import confirm_enquiry
from tests.factories import (
    ExpertFactory,
    GroupFactory,
    InvitationFactory,
    OpportunityFactory,
    SessionFactory,
    SkillFactory,
    expert_with_account,
)

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
THIRD_OF_DECEMBER = datetime(2026, 12, 3, 10, 0, tzinfo=LONDON)
REASON = "She contests the accuracy of her health details"


@pytest.fixture(autouse=True)
def _on_the_third_of_december():
    """Every test happens on one day, before anyone signs in (a jump in time would end the
    session), so the banner's date is known."""
    with time_machine.travel(THIRD_OF_DECEMBER, tick=False):
        yield


@pytest.fixture(autouse=True)
def _empty_text_outbox():
    sms.outbox.clear()
    yield
    sms.outbox.clear()


@pytest.fixture
def people(db):
    """Two people alike but for their names; Rosa Restricted is then restricted."""
    chairing = SkillFactory(name="Chairing")
    kept = ExpertFactory(full_name="Kim Kept", email="kim@example.net", skills=[chairing])
    rosa = ExpertFactory(full_name="Rosa Restricted", email="rosa@example.net", skills=[chairing])
    return kept, rosa, chairing


def restrict(expert, by):
    return restriction.restrict_processing(actor=by, expert=expert, reason=REASON)


def register_names(client, query: str = "") -> list[str]:
    response = client.get(reverse("people:register") + query)
    assert response.status_code == 200
    return [e.full_name for e in response.context["page"].object_list]


def csv_names(client) -> list[str]:
    response = client.get(reverse("people:export", args=["csv"]))
    text = b"".join(response.streaming_content).decode("utf-8")
    return [row["Full name"] for row in csv.DictReader(io.StringIO(text))]


def xlsx_names(client) -> list[str]:
    response = client.get(reverse("people:export", args=["xlsx"]))
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    return [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]


# Restricting -----------------------------------------------------------------------------


def test_a_coordinator_restricts_from_the_record_and_it_is_audited(coordinator_client, people):
    _, rosa, _ = people
    detail = reverse("people:expert_detail", args=[rosa.pk])
    url = reverse("people:expert_restrict", args=[rosa.pk])
    assert url in coordinator_client.get(detail).content.decode()

    response = coordinator_client.post(url, {"reason": REASON})

    assert response.status_code == 302 and response["Location"] == detail
    rosa.refresh_from_db()
    coordinator = response.wsgi_request.user
    assert rosa.restricted_at == THIRD_OF_DECEMBER
    assert (rosa.restriction_reason, rosa.restricted_by) == (REASON, coordinator)
    event = AuditEvent.objects.get(action=AuditEvent.Action.RESTRICTED)
    assert (event.actor, event.subject_id, event.at) == (
        coordinator,
        str(rosa.pk),
        THIRD_OF_DECEMBER,
    )
    assert REASON in event.summary
    assert event.changes == {"restriction_reason": ["", REASON]}


def test_the_record_shows_a_banner_with_why_and_since_when(coordinator_client, coordinator, people):
    _, rosa, _ = people
    restrict(rosa, coordinator)

    page = coordinator_client.get(reverse("people:expert_detail", args=[rosa.pk])).content.decode()

    assert "nhsuk-card--warning" in page
    assert (
        f"Processing is restricted since 3 December 2026: {escape(REASON)}. Rosa Restricted is "
        "left out of searches, shortlists, invitations, mailings and exports until the "
        "restriction is lifted."
    ) in " ".join(page.split())
    # A coordinator cannot lift it, so is not offered to; nor to restrict it again.
    assert reverse("people:expert_restriction_lift", args=[rosa.pk]) not in page
    assert reverse("people:expert_restrict", args=[rosa.pk]) not in page
    assert "Only the involvement lead can lift the restriction" in page


def test_an_unrestricted_record_has_no_banner(coordinator_client, people):
    kept, _, _ = people
    page = coordinator_client.get(reverse("people:expert_detail", args=[kept.pk])).content.decode()
    assert "Processing is restricted" not in page


def test_the_reason_is_required_with_a_written_message(coordinator_client, people):
    _, rosa, _ = people
    response = coordinator_client.post(
        reverse("people:expert_restrict", args=[rosa.pk]), {"reason": "  "}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter why processing is restricted" in page
    assert page.count("Enter why processing is restricted") == 2  # the summary and the field
    assert "<title>Error:" in page
    rosa.refresh_from_db()
    assert rosa.restricted_at is None
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.RESTRICTED).exists()


def test_the_form_keeps_the_typed_reason_when_it_is_too_long(coordinator_client, people):
    _, rosa, _ = people
    typed = "She asked by phone " + "x" * 300
    response = coordinator_client.post(
        reverse("people:expert_restrict", args=[rosa.pk]), {"reason": typed}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter why processing is restricted in 300 characters or fewer" in page
    assert typed in page
    rosa.refresh_from_db()
    assert rosa.restricted_at is None


def test_the_form_says_in_plain_words_what_restriction_does(coordinator_client, people):
    _, rosa, _ = people
    page = coordinator_client.get(reverse("people:expert_restrict", args=[rosa.pk]))
    text = " ".join(page.content.decode().split())
    assert "nobody can invite them to anything" in text
    assert "Money we already owe them is still paid" in text
    assert "until the involvement lead lifts it" in text


def test_restricting_twice_changes_nothing(coordinator_client, coordinator, people):
    _, rosa, _ = people
    restrict(rosa, coordinator)
    with pytest.raises(restriction.RestrictionError):
        restrict(rosa, coordinator)
    response = coordinator_client.get(reverse("people:expert_restrict", args=[rosa.pk]))
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action=AuditEvent.Action.RESTRICTED).count() == 1


# Left out everywhere ----------------------------------------------------------------------


def test_a_restricted_person_leaves_the_register_search_and_both_downloads(
    coordinator_client, coordinator, people
):
    assert register_names(coordinator_client) == ["Kim Kept", "Rosa Restricted"]
    restrict(people[1], coordinator)

    assert register_names(coordinator_client) == ["Kim Kept"]
    assert register_names(coordinator_client, "?q=Rosa") == []
    assert register_names(coordinator_client, "?q=rosa%40example.net") == []
    assert csv_names(coordinator_client) == ["Kim Kept"]
    assert xlsx_names(coordinator_client) == ["Kim Kept"]


def test_a_restricted_person_leaves_the_shortlist_even_by_name(coordinator, people):
    kept, rosa, chairing = people
    opportunity = OpportunityFactory(wanted_skills=[chairing])
    SessionFactory(opportunity=opportunity)
    before = shortlist(opportunity)
    assert {c.expert.pk for c in before.candidates} == {kept.pk, rosa.pk}

    restrict(rosa, coordinator)

    after = shortlist(opportunity)
    assert [c.expert.pk for c in after.candidates] == [kept.pk]
    assert shortlist(opportunity, text="Rosa").by_name == []
    assert all(a.expert.pk != rosa.pk for a in shortlist(opportunity, text="Rosa").apart)


def test_the_shortlist_page_never_names_them(coordinator_client, coordinator, people):
    _, rosa, chairing = people
    opportunity = OpportunityFactory(wanted_skills=[chairing])
    SessionFactory(opportunity=opportunity)
    restrict(rosa, coordinator)
    url = reverse("opportunities:shortlist", args=[opportunity.pk])
    for query in ("", "?q=Rosa", "?apart=on", "?q=Rosa&apart=on"):
        assert "Rosa Restricted" not in coordinator_client.get(url + query).content.decode()


def test_a_restricted_person_is_not_found_to_join_a_group(coordinator, people):
    _, rosa, _ = people
    group = GroupFactory()
    assert [e.pk for e in experts_to_add(group, "Rosa")] == [rosa.pk]
    restrict(rosa, coordinator)
    assert experts_to_add(group, "Rosa") == []


def test_a_restricted_person_cannot_be_invited_and_the_team_is_told_why(
    coordinator_client, coordinator, people
):
    kept, rosa, _ = people
    opportunity = OpportunityFactory()
    session = SessionFactory(opportunity=opportunity)
    restrict(rosa, coordinator)
    why = "Rosa Restricted asked us to restrict how we use their information, so cannot be invited"

    assert invitation_services.invite_problems(sessions=[session], experts=[rosa]) == [why]
    with pytest.raises(invitation_services.InvitationError) as raised:
        invitation_services.invite_experts(actor=coordinator, sessions=[session], experts=[rosa])
    assert raised.value.problems == [why]

    url = reverse("opportunities:invite", args=[opportunity.pk])
    response = coordinator_client.post(url, {"expert": [kept.pk, rosa.pk], "confirm": "yes"})
    assert response.status_code == 200
    assert escape(why) in response.content.decode()
    assert not Invitation.objects.exists() and not InviteRun.objects.exists()
    assert mail.outbox == []


def test_invitations_waiting_to_be_sent_are_not_sent_to_a_restricted_person(
    coordinator, people, django_capture_on_commit_callbacks
):
    kept, rosa, _ = people
    rosa.preferred_channel, rosa.phone = "text", "+447700900456"
    rosa.save()
    session = SessionFactory()
    # Invited, then restricted before the background task sent the emails.
    run = invitation_services.invite_experts(
        actor=coordinator, sessions=[session], experts=[kept, rosa]
    )
    restrict(rosa, coordinator)

    send_invitations.call(run.pk)

    run.refresh_from_db()
    assert [m.to for m in mail.outbox] == [[kept.email]]
    assert list(sms.outbox) == []
    assert (run.sent, run.not_sent) == (1, 1)
    assert run.problems[0]["expert"] == "Rosa Restricted"
    assert "restrict" in run.problems[0]["reason"]
    assert Invitation.objects.get(expert=rosa).notified_at is None


def test_a_session_change_emails_everyone_but_the_restricted_person(coordinator, people):
    kept, rosa, _ = people
    session = SessionFactory()
    InvitationFactory(session=session, expert=kept, status="accepted")
    InvitationFactory(session=session, expert=rosa, status="accepted")
    restrict(rosa, coordinator)

    assert tell_about_session_change.call(session.pk, cancelled=False) == 1
    assert tell_about_session_change.call(session.pk, cancelled=True) == 1
    assert {m.to[0] for m in mail.outbox} == {kept.email}


def test_the_enquiry_confirmation_is_not_sent_once_restricted(coordinator, people):
    _, rosa, _ = people
    restrict(rosa, coordinator)
    assert confirm_enquiry.call(rosa.pk) == 0
    assert mail.outbox == []


def test_processable_leaves_out_the_restricted_and_the_erased(coordinator, people):
    kept, rosa, _ = people
    erased = ExpertFactory(full_name="Gone")
    Expert.objects.filter(pk=erased.pk).update(erased_at=THIRD_OF_DECEMBER)
    restrict(rosa, coordinator)
    assert list(Expert.objects.processable()) == [kept]
    assert list(Expert.objects.restricted()) == [rosa]


# Lifting --------------------------------------------------------------------------------


def test_the_lead_lifts_it_and_the_person_is_back_everywhere(
    lead_client, coordinator, involvement_lead, people
):
    kept, rosa, chairing = people
    opportunity = OpportunityFactory(wanted_skills=[chairing])
    session = SessionFactory(opportunity=opportunity)
    restrict(rosa, coordinator)
    url = reverse("people:expert_restriction_lift", args=[rosa.pk])
    detail = lead_client.get(reverse("people:expert_detail", args=[rosa.pk])).content.decode()
    assert url in detail
    confirm = lead_client.get(url).content.decode()
    assert "3 December 2026" in confirm and escape(REASON) in confirm

    response = lead_client.post(url, {"reason": "Her details are checked and correct"})

    assert response.status_code == 302
    rosa.refresh_from_db()
    assert (rosa.restricted_at, rosa.restriction_reason, rosa.restricted_by) == (None, "", None)
    event = AuditEvent.objects.get(action=AuditEvent.Action.RESTRICTION_LIFTED)
    assert event.actor == involvement_lead and event.subject_id == str(rosa.pk)
    assert "Her details are checked and correct" in event.summary
    assert "3 December 2026" in event.summary and REASON in event.summary
    assert event.changes["restriction_reason"] == [REASON, ""]
    assert register_names(lead_client) == ["Kim Kept", "Rosa Restricted"]
    assert csv_names(lead_client) == ["Kim Kept", "Rosa Restricted"]
    assert xlsx_names(lead_client) == ["Kim Kept", "Rosa Restricted"]
    assert {c.expert.pk for c in shortlist(opportunity).candidates} == {kept.pk, rosa.pk}
    assert invitation_services.invite_problems(sessions=[session], experts=[rosa]) == []


def test_lifting_needs_no_reason(lead_client, coordinator, people):
    _, rosa, _ = people
    restrict(rosa, coordinator)
    response = lead_client.post(reverse("people:expert_restriction_lift", args=[rosa.pk]), {})
    assert response.status_code == 302
    rosa.refresh_from_db()
    assert rosa.restricted_at is None


def test_a_coordinator_cannot_lift_it(coordinator_client, coordinator, people):
    _, rosa, _ = people
    restrict(rosa, coordinator)
    url = reverse("people:expert_restriction_lift", args=[rosa.pk])
    assert coordinator_client.get(url).status_code == 403
    assert coordinator_client.post(url, {"reason": "Please"}).status_code == 403
    rosa.refresh_from_db()
    assert rosa.restricted_at is not None
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.RESTRICTION_LIFTED).exists()


def test_the_lead_may_restrict_too(lead_client, people):
    _, rosa, _ = people
    response = lead_client.post(
        reverse("people:expert_restrict", args=[rosa.pk]), {"reason": REASON}
    )
    assert response.status_code == 302
    rosa.refresh_from_db()
    assert rosa.restricted_at is not None


# The expert ---------------------------------------------------------------------------------


def test_an_expert_reaches_none_of_it_even_for_their_own_record(coordinator):
    me = expert_with_account(full_name="Mo Me")
    other = ExpertFactory()
    restrict(other, coordinator)
    from django.test import Client

    client = Client()
    client.force_login(me.user)
    for name in ("people:expert_restrict", "people:expert_restriction_lift"):
        assert client.get(reverse(name, args=[me.pk])).status_code == 403
        assert client.post(reverse(name, args=[me.pk]), {"reason": "x"}).status_code == 403
        assert client.get(reverse(name, args=[other.pk])).status_code == 404
    assert client.get(reverse("people:restricted")).status_code == 403
    me.refresh_from_db()
    assert me.restricted_at is None


def test_a_restricted_expert_still_signs_in_and_sees_their_own_details(coordinator):
    me = expert_with_account(full_name="Mo Me")
    restrict(me, coordinator)
    from django.test import Client

    client = Client()
    client.force_login(me.user)
    page = client.get(reverse("people:my_profile"))
    assert page.status_code == 200
    text = " ".join(page.content.decode().split())
    assert "Mo Me" in text
    assert "Since 3 December 2026, we do not invite you to anything" in text
    # What the team wrote is for the team's record; the person sees what it means for them.
    assert REASON not in text


# The list of restricted records -----------------------------------------------------------


def test_the_restricted_records_list_shows_date_reason_and_a_link(
    coordinator_client, coordinator, people
):
    kept, rosa, _ = people
    restrict(rosa, coordinator)
    register = coordinator_client.get(reverse("people:register")).content.decode()
    assert reverse("people:restricted") in register

    page = coordinator_client.get(reverse("people:restricted")).content.decode()

    assert reverse("people:expert_detail", args=[rosa.pk]) in page
    assert "3 December 2026" in page and escape(REASON) in page
    assert coordinator.display_name in page
    assert "Kim Kept" not in page


def test_the_restricted_records_list_asks_the_same_questions_for_few_and_many(
    coordinator_client, coordinator
):
    def count() -> int:
        url = reverse("people:restricted")
        coordinator_client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert coordinator_client.get(url).status_code == 200
        return len(queries)

    for expert in ExpertFactory.create_batch(2):
        restrict(expert, coordinator)
    few = count()
    for expert in ExpertFactory.create_batch(20):
        restrict(expert, coordinator)
    assert count() == few


def test_the_audit_history_reads_both_changes_in_words(lead_client, coordinator, people):
    _, rosa, _ = people
    restrict(rosa, coordinator)
    restriction.lift_restriction(actor=coordinator, expert=rosa, reason="Checked and correct")
    response = lead_client.get(reverse("people:expert_history", args=[rosa.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Processing restricted" in page and "Restriction lifted" in page
    assert escape(REASON) in page and "Checked and correct" in page
