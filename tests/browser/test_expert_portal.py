"""An expert keeps their own profile up to date, and sees nobody else's."""

import pytest
from playwright.sync_api import expect

from coproduce.people.models import Expert
from tests.browser.checks import check_page, visit
from tests.factories import AccessNeedFactory, ExpertFactory

pytestmark = pytest.mark.browser


def test_expert_changes_their_name_availability_and_support(expert_page, transactional_db):
    page = expert_page
    AccessNeedFactory(name="Easy read")
    AccessNeedFactory(name="Hearing loop")

    visit(page, "/me/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Eve Expert")
    check_page(page, small_screen=True)

    page.get_by_role("button", name="Change my details").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change my details")
    check_page(page, small_screen=True)

    page.get_by_label("What would you like us to call you?").fill("Evie")
    days = page.get_by_role("group", name="Which days are you usually free?")
    days.get_by_label("Monday").check()
    days.get_by_label("Wednesday").check()
    page.get_by_role("group", name="What times are you usually free?").get_by_label(
        "Afternoons"
    ).check()
    page.get_by_role("group", name="What support do you need to take part?").get_by_label(
        "Hearing loop"
    ).check()
    page.get_by_label("Anything else we should know about your support?").fill(
        "Please send papers a week before"
    )
    page.get_by_role("button", name="Save my changes").click()

    expect(page.get_by_role("alert").first).to_contain_text("Your changes are saved")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Evie")
    main = page.get_by_role("main")
    expect(main).to_contain_text("Hearing loop")
    expect(main).to_contain_text("Please send papers a week before")
    expect(main).to_contain_text("Monday, Wednesday; afternoons")
    check_page(page, small_screen=True)

    expert = Expert.objects.get(pk=page.expert.pk)
    assert expert.preferred_name == "Evie"
    assert expert.available_days == ["mon", "wed"]
    assert [n.name for n in expert.access_needs.all()] == ["Hearing loop"]


def test_expert_who_opens_another_experts_record_gets_page_not_found(expert_page, transactional_db):
    page = expert_page
    someone_else = ExpertFactory(full_name="Olu Other")

    visit(page, f"/experts/{someone_else.pk}/", status=404)
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    expect(page.get_by_role("main")).not_to_contain_text("Olu Other")
    check_page(page, small_screen=True)
