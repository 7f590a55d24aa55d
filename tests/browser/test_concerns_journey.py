"""An expert raises a safeguarding concern on a phone (320px); the named safeguarding contact
is emailed at once; a coordinator triages it, replies (the expert is emailed and reads the
reply in the portal) and closes it."""

import re

import pytest
from playwright.sync_api import expect

from coproduce.accounts.roles import Role
from coproduce.impact.concerns.models import Concern
from tests.browser.checks import check_page, visit
from tests.browser.steps import sign_in
from tests.factories import UserFactory
from tests.impact.concerns.helpers import name_contacts

pytestmark = pytest.mark.browser


def test_a_safeguarding_concern_from_raising_to_closing(expert_page, sent_mail):
    page = expert_page
    contact = UserFactory(role=Role.STAFF, email="sam.safe@example.org", full_name="Sam Safe")
    name_contacts(contact)
    coordinator = UserFactory(role=Role.COORDINATOR, full_name="Cora Coordinator")

    # The first page a fresh server makes compiles its templates: slow on a busy machine.
    page.set_default_timeout(30_000)

    # The expert, on a phone.
    page.set_viewport_size({"width": 320, "height": 640})
    visit(page, "/concerns/mine/")
    page.get_by_role("button", name="Tell us about a concern").click()
    expect(page.get_by_role("heading", name="Tell us about a concern")).to_be_visible()
    expect(page.get_by_text("We will reply within 10 working days")).to_be_visible()
    check_page(page)
    page.get_by_label("Something else").check()
    page.get_by_label("What happened?").fill("My support worker shouts at me and pushes me.")
    page.get_by_role("group", name="Is anyone in danger or at risk of being hurt?").get_by_label(
        "Yes"
    ).check()
    page.get_by_role("button", name="Send my concern").click()
    expect(page.get_by_role("heading", name="We have your concern")).to_be_visible()
    expect(page.get_by_text("Call 999")).to_be_visible()
    check_page(page)
    concern = Concern.objects.get()
    assert concern.safeguarding

    # The safeguarding contact is told at once, with a link and no details.
    [told] = sent_mail.wait_for(to="sam.safe@example.org", containing=f"/concerns/{concern.pk}/")
    assert "pushes" not in told.body and "Eve Expert" not in told.body

    # The coordinator, at a desk.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.context.clear_cookies()
    sign_in(page, coordinator)
    visit(page, "/concerns/")
    row = page.get_by_role("row").filter(has_text=concern.reference)
    expect(row).to_contain_text("Safeguarding")
    check_page(page)
    row.get_by_role("link", name=concern.reference).click()
    expect(page.get_by_text("My support worker shouts at me")).to_be_visible()
    page.get_by_role("link", name=re.compile("Triage it")).click()
    page.get_by_label("How staff behaved").check()
    page.get_by_label("Who is handling it?").select_option(label="Cora Coordinator")
    check_page(page)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text(f"Concern {concern.reference} is triaged.")).to_be_visible()
    page.get_by_role("link", name="Reply to Eve").click()
    page.get_by_label("Your reply").fill("Thank you for telling us. You are safe to talk to us.")
    check_page(page)
    page.get_by_role("button", name="Send reply").click()
    expect(page.get_by_text("Your reply is sent.")).to_be_visible()
    sent_mail.wait_for(to=page.expert.email, containing=f"/concerns/mine/{concern.pk}/")
    page.get_by_role("link", name=re.compile("Close it")).click()
    page.get_by_role("button", name="Close concern").click()
    expect(page.get_by_text("Write a closing note")).to_have_count(2)
    page.get_by_label("Closing note").fill("The safeguarding team is working with Eve.")
    page.get_by_role("button", name="Close concern").click()
    expect(page.get_by_text(f"Concern {concern.reference} is closed.")).to_be_visible()
    expect(page.get_by_role("heading", name="History")).to_be_visible()
    check_page(page)

    # The expert reads the reply.
    page.context.clear_cookies()
    sign_in(page, page.expert.user)
    page.set_viewport_size({"width": 320, "height": 640})
    visit(page, f"/concerns/mine/{concern.pk}/")
    expect(page.get_by_text("You are safe to talk to us.")).to_be_visible()
    expect(page.get_by_text("The safeguarding team is working with Eve.")).to_be_visible()
    check_page(page)
