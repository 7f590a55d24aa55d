"""The expert chooses what to be paid for a meeting (the full payment, a smaller one, expenses
only, or none), warned in plain words when a payment would take them over the benefits limit
they told us about. The choice is theirs, recorded and audited, never made silently."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from coproduce.audit.models import AuditEvent
from coproduce.payments.choices import ClaimKind, FeeChoice
from coproduce.payments.models import Claim, FeeDecision
from coproduce.payments.queries.benefits import check_invitation, warnings_for_invitations
from coproduce.payments.services.decisions import record_fee_choice
from coproduce.people.choices import BenefitsDeclaration, PaymentPreference
from tests.factories import (
    ExpertFactory,
    InvitationFactory,
    OpportunityFactory,
    SessionFactory,
)
from tests.payments.helpers import attend

pytestmark = pytest.mark.django_db


def url(invitation, **query) -> str:
    address = reverse("payments:my_fee_choice", kwargs={"invitation_pk": invitation.pk})
    return address + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def paid_session(
    *, days: int = 10, hours: int = 2, paid: bool = True, title: str = "Carers' board"
):
    """A workshop `days` from now (Monday-based weeks: two on the same day share a week)."""
    starts = (timezone.now() + timedelta(days=days)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    opportunity = OpportunityFactory(
        paid=paid, hourly_rate=Decimal("12.00") if paid else None, kind="workshop", title=title
    )
    return SessionFactory(
        opportunity=opportunity, starts_at=starts, ends_at=starts + timedelta(hours=hours)
    )


@pytest.fixture
def limited_expert(expert):
    """Eve may earn £40 a week: a two-hour workshop pays £30."""
    expert.benefits_declaration = BenefitsDeclaration.WEEKLY_LIMIT
    expert.earnings_limit = Decimal("40.00")
    expert.save()
    return expert


def test_expert_chooses_expenses_only_and_it_is_recorded_and_audited(policy, expert, expert_client):
    invitation = InvitationFactory(session=paid_session(), expert=expert, status="accepted")
    page = expert_client.get(url(invitation)).content.decode()
    assert "This meeting pays £30.00." in page
    assert "2 hours at £15.00" in page
    assert "Take the full payment of £30.00" in page

    response = expert_client.post(url(invitation), {"choice": "expenses_only"})

    assert response.status_code == 302
    assert response["Location"] == reverse("payments:my_claims")
    decision = FeeDecision.objects.get(invitation=invitation)
    assert (decision.choice, decision.by_expert, decision.recorded_by) == (
        FeeChoice.EXPENSES_ONLY,
        True,
        expert.user,
    )
    event = AuditEvent.objects.get(action="fee choice recorded", object_id=str(decision.pk))
    assert event.actor == expert.user
    assert event.changes["choice"] == [None, "expenses_only"]
    followed = expert_client.get(response["Location"]).content.decode()
    assert "We have saved your choice for Carers&#39; board: Take expenses only." in followed


def test_the_choice_is_applied_when_attendance_makes_the_payment(policy, expert, expert_client):
    invitation = InvitationFactory(session=paid_session(days=-3), expert=expert, status="accepted")
    expert_client.post(url(invitation), {"choice": "declined"})
    attend(invitation, hours="2")
    assert not Claim.objects.filter(invitation=invitation, kind=ClaimKind.INVOLVEMENT).exists()


def test_expert_can_take_a_smaller_payment(policy, expert, expert_client):
    invitation = InvitationFactory(session=paid_session(), expert=expert)
    response = expert_client.post(
        url(invitation, **{"from": "involvement"}),
        {"choice": "reduced", "reduced_amount": "£10"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("opportunities:my_involvement")
    decision = FeeDecision.objects.get(invitation=invitation)
    assert (decision.choice, decision.reduced_amount) == (FeeChoice.REDUCED, Decimal("10.00"))


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter how much you want to be paid"),
        ("0", "The amount must be more than £0"),
        ("-5", "The amount must be more than £0"),
        ("30", "The amount must be less than the full payment of £30.00"),
        ("45.00", "The amount must be less than the full payment of £30.00"),
        ("ten", "Enter the amount as a number, like 20.00"),
        ("12.345", "Enter the amount with no more than 2 numbers after the point"),
    ],
)
def test_a_smaller_payment_must_be_a_real_amount_below_the_full_one(
    policy, expert, expert_client, typed, message
):
    invitation = InvitationFactory(session=paid_session(), expert=expert)
    response = expert_client.post(url(invitation), {"choice": "reduced", "reduced_amount": typed})
    html = response.content.decode()
    assert response.status_code == 400
    assert "<title>Error:" in html
    assert message in html
    assert 'href="#id_reduced_amount"' in html
    assert f'value="{typed}"' in html
    assert not FeeDecision.objects.exists()


def test_an_amount_typed_for_another_choice_is_not_used(policy, expert, expert_client):
    invitation = InvitationFactory(session=paid_session(), expert=expert)
    response = expert_client.post(url(invitation), {"choice": "full", "reduced_amount": "ten"})
    assert response.status_code == 302
    decision = FeeDecision.objects.get(invitation=invitation)
    assert (decision.choice, decision.reduced_amount) == (FeeChoice.FULL, None)


def test_no_choice_made_is_an_error_beside_the_question(policy, expert, expert_client):
    invitation = InvitationFactory(session=paid_session(), expert=expert)
    html = expert_client.post(url(invitation), {}).content.decode()
    assert "Choose what you want to be paid for this meeting" in html
    assert 'href="#id_choice"' in html


def test_expert_cannot_open_or_choose_for_another_experts_invitation(policy, expert, expert_client):
    theirs = InvitationFactory(session=paid_session(), expert=ExpertFactory())
    assert expert_client.get(url(theirs)).status_code == 404
    assert expert_client.post(url(theirs), {"choice": "declined"}).status_code == 404
    assert not FeeDecision.objects.exists()


def test_over_the_limit_the_expert_is_warned_in_plain_words_and_offered_the_room(
    policy, limited_expert, expert_client
):
    session = paid_session(days=14)
    InvitationFactory(
        session=SessionFactory(
            opportunity=session.opportunity,
            starts_at=session.starts_at + timedelta(hours=3),
            ends_at=session.starts_at + timedelta(hours=4),
        ),
        expert=limited_expert,
        status="accepted",
    )
    invitation = InvitationFactory(session=session, expert=limited_expert)
    html = expert_client.get(url(invitation)).content.decode()
    assert "This payment could affect your benefits" in html
    assert "You told us you can earn up to £40.00" in html
    assert "With your other meetings, you will earn £15.00 in that time." in html
    assert "This meeting pays £30.00." in html
    assert "That is £5.00 more than your limit." in html
    assert "You could take £25.00 or less, to stay inside your limit." in html
    assert "To stay inside your limit, take £25.00 or less." in html


def test_a_choice_already_made_is_shown_and_can_be_changed(policy, limited_expert, expert_client):
    invitation = InvitationFactory(session=paid_session(), expert=limited_expert)
    limited_expert.earnings_limit = Decimal("20.00")
    limited_expert.save()
    record_fee_choice(
        actor=limited_expert.user,
        invitation=invitation,
        choice=FeeChoice.REDUCED,
        reduced_amount=Decimal("20"),
    )
    html = expert_client.get(url(invitation)).content.decode()
    assert "You chose: Take a smaller payment of £20.00." in html
    # Still told about the full payment, so the expert can change their mind knowingly.
    assert "This payment could affect your benefits" in html
    assert 'value="20.00"' in html
    expert_client.post(url(invitation), {"choice": "full"})
    assert FeeDecision.objects.get(invitation=invitation).choice == FeeChoice.FULL
    assert AuditEvent.objects.filter(action="fee choice recorded").count() == 2


def test_an_unpaid_meeting_gets_a_message_not_a_form(policy, expert, expert_client):
    invitation = InvitationFactory(session=paid_session(paid=False), expert=expert)
    html = expert_client.get(url(invitation)).content.decode()
    assert "This meeting does not pay for your time." in html
    assert 'name="choice"' not in html
    expert_client.post(url(invitation), {"choice": "declined"})
    assert not FeeDecision.objects.exists()


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"attendance": "attended", "status": "accepted"}, "We have already recorded this meeting"),
        ({"status": "declined"}, "You are not going to this meeting"),
        ({"status": "waiting"}, "You are on the waiting list for this meeting"),
    ],
)
def test_a_meeting_already_recorded_or_declined_cannot_be_chosen_for(
    policy, expert, expert_client, change, words
):
    invitation = InvitationFactory(session=paid_session(), expert=expert, **change)
    html = expert_client.get(url(invitation)).content.decode()
    assert words in html
    assert 'name="choice"' not in html


def test_an_expert_who_wants_no_payment_is_told_so(policy, expert, expert_client):
    expert.payment_preference = PaymentPreference.VOLUNTEER
    expert.save()
    invitation = InvitationFactory(session=paid_session(), expert=expert)
    html = expert_client.get(url(invitation)).content.decode()
    assert "You told us: volunteer (no payment)." in html
    assert 'name="choice"' not in html


# -- The warning for a page of invitations ------------------------------------------------------


def _scenario():
    """Experts with each kind of declaration, some near their limit."""
    weekly = ExpertFactory(
        benefits_declaration=BenefitsDeclaration.WEEKLY_LIMIT, earnings_limit=Decimal("40")
    )
    monthly = ExpertFactory(
        benefits_declaration=BenefitsDeclaration.MONTHLY_LIMIT,
        earnings_limit=Decimal("50"),
        assessment_period_start_day=15,
    )
    any_payment = ExpertFactory(benefits_declaration=BenefitsDeclaration.EXPENSES_ONLY)
    free = ExpertFactory()
    invitations = []
    for expert in (weekly, monthly, any_payment, free):
        first = paid_session(days=20)
        invitations.append(InvitationFactory(session=first, expert=expert, status="accepted"))
        invitations.append(InvitationFactory(session=paid_session(days=20), expert=expert))
        invitations.append(
            InvitationFactory(session=paid_session(days=20, paid=False), expert=expert)
        )
    # A choice already made silences the guard for that place.
    chosen = InvitationFactory(session=paid_session(days=20), expert=weekly)
    record_fee_choice(actor=None, invitation=chosen, choice=FeeChoice.EXPENSES_ONLY)
    invitations.append(chosen)
    # A payment already made counts in its week, as does a smaller payment chosen.
    past = InvitationFactory(session=paid_session(days=-2), expert=weekly, status="accepted")
    attend(past, hours="1")
    reduced = InvitationFactory(session=paid_session(days=20), expert=monthly, status="accepted")
    record_fee_choice(
        actor=None, invitation=reduced, choice=FeeChoice.REDUCED, reduced_amount=Decimal("5")
    )
    invitations += [past, reduced, InvitationFactory(session=paid_session(days=-2), expert=weekly)]
    return invitations


def test_warnings_for_a_page_are_the_warnings_the_guard_gives_one_at_a_time(policy):
    invitations = _scenario()
    one_by_one = {}
    for invitation in invitations:
        invitation.refresh_from_db()
        warning = check_invitation(invitation)
        if warning is not None:
            one_by_one[invitation.pk] = warning
    kinds = {type(w).__name__ for w in one_by_one.values()}
    assert kinds == {"BenefitsWarning", "ExpensesOnlyWarning"}
    assert warnings_for_invitations(invitations) == one_by_one


def test_warnings_for_a_page_take_the_same_queries_however_many_invitations(policy):
    few = _scenario()[:3]
    with CaptureQueriesContext(connection) as counted_few:
        warnings_for_invitations(few)
    many = _scenario()
    with CaptureQueriesContext(connection) as counted_many:
        warnings_for_invitations(many)
    assert len(counted_many) == len(counted_few) <= 6
    assert warnings_for_invitations([]) == {}


def test_the_warning_partial_says_it_in_easy_read_words_with_a_link_back(policy, limited_expert):
    limited_expert.earnings_limit = Decimal("20.00")
    limited_expert.save()
    invitation = InvitationFactory(session=paid_session(), expert=limited_expert)
    warning = warnings_for_invitations([invitation])[invitation.pk]
    html = render_to_string(
        "payments/_fee_warning.jinja",
        {"invitation": invitation, "warning": warning, "fee_warning_from": "involvement"},
    )
    assert "This payment could affect your benefits" in html
    assert "That is £10.00 more than your limit." in html
    assert f'href="{url(invitation)}?from=involvement"' in html
    assert "Choose what you are paid" in html
    nothing = render_to_string(
        "payments/_fee_warning.jinja", {"invitation": invitation, "warning": None}
    )
    assert nothing.strip() == ""


# What the expert portal adds to each invitation card (see the report for the portal):
PORTAL_SNIPPET = """{% for invitation in invitations %}<div class="card">
{% set warning = fee_warnings.get(invitation.pk) %}
{% set fee_warning_from = "involvement" %}
{% set fee_warning_heading_level = 4 %}
{% set fee_choice_link_always = true %}
{% include "payments/_fee_warning.jinja" %}
</div>{% endfor %}"""


def test_the_portal_snippet_warns_on_one_card_and_offers_the_choice_on_the_other(
    policy, limited_expert
):
    from django.template import engines

    limited_expert.earnings_limit = Decimal("20.00")
    limited_expert.save()
    warned = InvitationFactory(session=paid_session(days=10), expert=limited_expert)
    unpaid = InvitationFactory(session=paid_session(days=11, paid=False), expert=limited_expert)
    invitations = [warned, unpaid]
    template = engines["jinja2"].from_string(PORTAL_SNIPPET)
    html = template.render(
        {
            "invitations": invitations,
            "fee_warnings": warnings_for_invitations(invitations),
            "expert": limited_expert,
        }
    )
    warned_card, unpaid_card = html.split('<div class="card">')[1:]
    assert "This payment could affect your benefits" in warned_card
    assert "<h4" in warned_card
    assert f"{url(warned)}?from=involvement" in warned_card
    assert unpaid_card.strip() == "</div>"

    limited_expert.earnings_limit = Decimal("100.00")
    limited_expert.save()
    html = template.render(
        {
            "invitations": [warned],
            "fee_warnings": warnings_for_invitations([warned]),
            "expert": limited_expert,
        }
    )
    assert "could affect your benefits" not in html
    assert f'{url(warned)}?from=involvement">Choose what you are paid' in html

    limited_expert.payment_preference = PaymentPreference.VOLUNTEER
    html = template.render({"invitations": [warned], "fee_warnings": {}, "expert": limited_expert})
    assert "Choose what you are paid" not in html


def test_an_expert_who_takes_no_payment_for_their_time_is_not_warned(policy, expert):
    expert.benefits_declaration = BenefitsDeclaration.EXPENSES_ONLY
    expert.payment_preference = PaymentPreference.EXPENSES_ONLY
    expert.save()
    invitation = InvitationFactory(session=paid_session(), expert=expert)
    assert warnings_for_invitations([invitation]) == {}


def test_an_expert_who_said_any_payment_matters_is_offered_expenses_only(
    policy, expert, expert_client
):
    expert.benefits_declaration = BenefitsDeclaration.EXPENSES_ONLY
    expert.save()
    invitation = InvitationFactory(session=paid_session(), expert=expert)
    html = expert_client.get(url(invitation)).content.decode()
    assert "You told us any payment could affect your benefits." in html
    assert "You can choose to take expenses only, or take no payment." in html


def test_my_money_lists_the_next_paid_meetings_with_their_warning(
    policy, limited_expert, expert_client
):
    limited_expert.earnings_limit = Decimal("20.00")
    limited_expert.save()
    warned = InvitationFactory(session=paid_session(title="Board"), expert=limited_expert)
    InvitationFactory(session=paid_session(paid=False, title="Unpaid chat"), expert=limited_expert)
    html = expert_client.get(reverse("payments:my_claims")).content.decode()
    coming = html.split('id="coming"', 1)[1].split('id="statement"', 1)[0]
    assert "Board" in coming and "Unpaid chat" not in coming
    assert "This payment could affect your benefits" in coming
    assert url(warned) in coming
