"""An expert answers an invitation from the link in their email, on a small phone, without
signing in."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from coproduce.opportunities.models import Invitation
from coproduce.opportunities.services import invitations as services
from tests.browser.checks import check_page, visit
from tests.factories import (
    ExpertFactory,
    OpportunityFactory,
    SessionFactory,
    UserFactory,
    VenueFactory,
)

pytestmark = pytest.mark.browser


def test_an_expert_accepts_an_invitation_from_their_email_on_a_phone(
    page, transactional_db, sent_mail
):
    venue = VenueFactory(
        name="Shirehall",
        accessibility="Step-free entrance at the front. Hearing loop in Room 2.",
        parking="Free blue badge spaces by the main door.",
    )
    opportunity = OpportunityFactory(title="Carers' assessment workshop", venue=venue)
    starts = datetime(2030, 3, 5, 14, 30, tzinfo=ZoneInfo("Europe/London"))
    session = SessionFactory(
        opportunity=opportunity, starts_at=starts, ends_at=starts + timedelta(hours=2)
    )
    expert = ExpertFactory(preferred_name="Nia", email="nia@example.net")
    services.invite_experts(actor=UserFactory(), sessions=[session], experts=[expert])

    (message,) = sent_mail.wait_for("nia@example.net")
    accept = re.search(r"https?://\S+?(/invitations/answer/\S+\?answer=accept)", message.body)
    assert accept, message.body

    page.set_viewport_size({"width": 320, "height": 640})
    visit(page, accept.group(1))
    expect(page.get_by_role("heading", level=1)).to_have_text("Can you come to this meeting?")
    main = page.get_by_role("main")
    expect(main).to_contain_text("Tuesday 5 March 2030")
    expect(main).to_contain_text("2:30pm to 4:30pm")
    expect(main).to_contain_text("Step-free entrance at the front")
    expect(main).to_contain_text("Free blue badge spaces")
    check_page(page, small_screen=True)
    # Opening the link answered nothing: only the button does.
    assert Invitation.objects.get(expert=expert).status == "invited"

    page.get_by_role("button", name="Yes, I can come").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("You have a place")
    check_page(page, small_screen=True)
    assert Invitation.objects.get(expert=expert).status == "accepted"


def test_a_coordinator_sees_the_places_and_gives_a_place_back_for_an_expert(
    coordinator_page, transactional_db
):
    from tests.factories import InvitationFactory

    page = coordinator_page
    session = SessionFactory(opportunity=OpportunityFactory(places=1))
    holder = InvitationFactory(session=session, expert=ExpertFactory(full_name="Hana Holder"))
    waiting = InvitationFactory(session=session, expert=ExpertFactory(full_name="Wes Waiting"))
    services.accept_invitation(invitation=holder)
    services.accept_invitation(invitation=waiting)

    visit(page, f"/sessions/{session.pk}/places/")
    expect(page.get_by_role("heading", name="Waiting list (1)")).to_be_visible()
    check_page(page, small_screen=True)

    page.get_by_role("button", name="Cancel place for Hana Holder").click()
    # The team is asked first, and told who will be given the place.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Cancel Hana Holder's place")
    page.get_by_role("button", name="Cancel place", exact=True).click()

    expect(page.get_by_role("alert")).to_contain_text("Hana Holder's place is cancelled")
    expect(page.get_by_role("heading", name="Coming (1)")).to_be_visible()
    check_page(page)
    waiting.refresh_from_db()
    assert waiting.status == "accepted"
