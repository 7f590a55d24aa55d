"""Who is heard, in a real browser: an expert answers the equality questions on a phone-width
page and then removes them; the lead enters the local population; a coordinator sees the
comparison, with small groups hidden and whose voices are missing said in words. Every page
visited passes axe."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from coproduce.accounts.roles import Role
from coproduce.impact.equality.models import EqualityAnswers, FewestShown
from tests.browser.checks import assert_error_summary, check_page, visit
from tests.browser.steps import sign_in, sign_in_as
from tests.factories import expert_with_account
from tests.impact.equality.helpers import answered, attended, population

pytestmark = pytest.mark.browser


def test_an_expert_answers_on_a_phone_and_then_removes_their_answers(page):
    expert = expert_with_account(full_name="Priya Shah", preferred_name="Priya")
    sign_in(page, expert.user)
    page.set_viewport_size({"width": 320, "height": 640})
    visit(page, reverse("opportunities:my_involvement"))
    page.get_by_role("link", name="Answer the questions about you").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("About you: who we hear from")
    check_page(page, small_screen=True)

    page.get_by_label("55 to 64").check()
    page.get_by_role("button", name="Save my answers").click()
    assert_error_summary(page, {"id_consent": "Tick the box to say we may keep your answers"})
    expect(page.get_by_label("55 to 64")).to_be_checked()

    page.get_by_label("You may keep these answers to see whose voices are missing").check()
    page.get_by_role("group", name="What is your sex?").get_by_label("Prefer not to say").check()
    page.get_by_role("button", name="Save my answers").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text(
        "Your answers are saved"
    )
    assert EqualityAnswers.objects.get(expert=expert).sex == "prefer_not"

    page.get_by_role("link", name="Remove all my answers").click()
    check_page(page, small_screen=True)
    page.get_by_role("button", name="Remove all my answers").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text(
        "Your answers are removed"
    )
    assert not EqualityAnswers.objects.filter(expert=expert).exists()


def test_the_lead_enters_the_population_and_a_coordinator_sees_who_is_missing(page):
    FewestShown.objects.create(fewest=3)
    for n in range(12):
        answers = answered(religion="none" if n < 3 else "christian", sex="female")
        attended(answers.expert)
    population("sex", female=510, male=490)

    sign_in_as(page, Role.INVOLVEMENT_LEAD)
    visit(page, reverse("equality:population"))
    check_page(page, small_screen=True)
    page.get_by_role("link", name="Enter the figures for religion").click()
    page.get_by_role("button", name="Save the figures").click()
    assert_error_summary(page, {"id_source": "Enter where the figures come from"})
    for label, count in (("No religion", "600"), ("Christian", "400")):
        page.get_by_label(label, exact=True).fill(count)
    for label in ("Buddhist", "Hindu", "Jewish", "Muslim", "Sikh", "Any other religion"):
        page.get_by_label(label, exact=True).fill("0")
    page.get_by_label("Where the figures come from").fill("Census 2021, table TS030, Exampleshire")
    page.get_by_role("button", name="Save the figures").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("religion")
    check_page(page)

    sign_in_as(page, Role.COORDINATOR)
    visit(page, reverse("equality:who_is_heard"))
    page.get_by_label("Period").select_option("last_12_months")
    page.get_by_role("button", name="Show").click()
    religion = page.get_by_role("table", name="Religion: local population")
    expect(religion).to_contain_text("Voices missing: under half the local share")
    expect(religion).to_contain_text("fewer than 3")
    check_page(page, small_screen=True)
