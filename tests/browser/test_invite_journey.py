"""The heart of the product, end to end in the browser: a coordinator finds experts for a piece
of work on the shortlist, invites two, one accepts from the link in their email, and the
session's places page shows who is coming. Every page passes axe."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.browser.checks import check_page, visit
from tests.factories import (
    ExpertFactory,
    LivedExperienceAreaFactory,
    OpportunityFactory,
    SessionFactory,
)

pytestmark = pytest.mark.browser


def test_coordinator_invites_from_the_shortlist_and_sees_who_is_coming(
    coordinator_page, browser, live_server
):
    page = coordinator_page
    dementia = LivedExperienceAreaFactory(name="Dementia")
    opportunity = OpportunityFactory(
        title="Shaping dementia support", wanted_experience=[dementia], places=2
    )
    session = SessionFactory(opportunity=opportunity)
    ExpertFactory(full_name="Ada Okafor", email="ada@example.net", lived_experience=[dementia])
    ExpertFactory(full_name="Bilal Shah", email="bilal@example.net", lived_experience=[dementia])

    visit(page, f"/opportunities/{opportunity.pk}/")
    page.get_by_role("link", name="Find experts for this work").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Shaping dementia support")
    check_page(page)
    page.get_by_label("Choose Ada Okafor").check()
    page.get_by_label("Choose Bilal Shah").check()
    page.get_by_role("button", name="Invite chosen experts").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check who you are inviting")
    check_page(page)
    page.get_by_role("button", name="Send the invitations").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile("Sending invitations|Invitations sent")
    )
    check_page(page)

    (message,) = [m for m in mail.outbox if m.to == ["ada@example.net"]]
    accept = re.search(r"https?://\S+?(/invitations/answer/\S+\?answer=accept)", message.body)
    # The expert answers on their own phone, not signed in.
    expert_view = browser.new_context(base_url=live_server.url)
    phone = expert_view.new_page()
    phone.set_viewport_size({"width": 320, "height": 640})
    phone.goto(accept.group(1))
    phone.get_by_role("button", name="Yes, I can come").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("You have a place")
    expert_view.close()

    visit(page, f"/sessions/{session.pk}/places/")
    coming = page.get_by_role("heading", name=re.compile(r"^Coming \(1\)"))
    expect(coming).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Ada Okafor")
    expect(
        page.get_by_role("heading", name=re.compile(r"^Invited, not answered yet \(1\)"))
    ).to_be_visible()
    check_page(page, small_screen=True)
