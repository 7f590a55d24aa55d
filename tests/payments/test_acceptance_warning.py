"""An expert asked to paid work that would take them past their declared benefits limit is
told so beside the invitation, before they answer, with a link to choose what to be paid."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import InvitationFactory, OpportunityFactory, SessionFactory

pytestmark = pytest.mark.django_db


def paid_invitation(expert, status="invited", hours=3):
    starts = (timezone.now() + timedelta(days=7)).replace(hour=10, minute=0)
    session = SessionFactory(
        opportunity=OpportunityFactory(paid=True, hourly_rate=Decimal("15.00")),
        starts_at=starts,
        ends_at=starts + timedelta(hours=hours),
    )
    return InvitationFactory(session=session, expert=expert, status=status)


@pytest.mark.parametrize("status", ["invited", "accepted"])
def test_the_warning_shows_beside_the_invitation_in_the_portal(expert, expert_client, status):
    expert.benefits_declaration, expert.earnings_limit = "weekly", Decimal("40.00")
    expert.save()
    invitation = paid_invitation(expert, status=status)
    html = expert_client.get(reverse("opportunities:my_involvement")).content.decode()
    assert "This payment could affect your benefits" in html
    assert "This meeting pays £45.00." in html
    assert reverse("payments:my_fee_choice", args=[invitation.pk]) in html


def test_no_warning_within_the_limit(expert, expert_client):
    expert.benefits_declaration, expert.earnings_limit = "weekly", Decimal("40.00")
    expert.save()
    paid_invitation(expert, hours=2)  # £30
    html = expert_client.get(reverse("opportunities:my_involvement")).content.decode()
    assert "could affect your benefits" not in html


def test_the_email_link_page_warns_without_showing_the_limit(anonymous_client):
    from coproduce.opportunities.answer_links import issue_answer_link
    from tests.factories import ExpertFactory

    expert = ExpertFactory(benefits_declaration="weekly", earnings_limit=Decimal("40.00"))
    token = issue_answer_link(invitation=paid_invitation(expert))
    html = anonymous_client.get(
        reverse("opportunities:invitation_answer", args=[token]) + "?answer=accept"
    ).content.decode()
    assert "The payment could affect your benefits" in html
    assert "£40.00" not in html  # the expert's limit stays in the signed-in portal
