"""The involvement lead erases a person's data as a person would: from their record, through
the page that says what goes and what stays, past the box they must tick, to a record that
says only when it was erased. axe checks every page on the way, at desktop width and 320px."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from coproduce.accounts.roles import Role
from coproduce.people.models import Expert
from tests.browser.checks import assert_error_summary, check_page, follow_error_link, visit
from tests.browser.steps import sign_in_as
from tests.factories import expert_with_account

pytestmark = pytest.mark.browser


def test_the_lead_erases_a_persons_data_after_confirming(page, transactional_db):
    sign_in_as(page, Role.INVOLVEMENT_LEAD, full_name="Lee Lead")
    person = expert_with_account(full_name="Olwen Ashworth-Pryce", email="olwen@example.net")

    visit(page, reverse("people:expert_detail", args=[person.pk]))
    page.get_by_role("link", name="Erase this person's data").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Erase this person's data")
    expect(page.locator(".nhsuk-card--warning")).to_contain_text("This cannot be undone")
    expect(page.get_by_role("heading", name="What we will keep, and why")).to_be_visible()
    check_page(page, small_screen=True)

    # Without the box ticked, nothing happens and the page says why, beside the box.
    page.get_by_role("button", name="Erase").click()
    assert_error_summary(page, {"id_understood": "Tick the box to say you understand"})
    follow_error_link(page, "id_understood")
    check_page(page, small_screen=True)
    assert Expert.objects.get(pk=person.pk).erased_at is None

    page.get_by_label("I understand this cannot be undone").check()
    page.get_by_role("button", name="Erase").click()
    expect(page.get_by_text("This person's data was erased on")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("Olwen")
    assert page.get_by_role("link", name="Change details").count() == 0
    check_page(page, small_screen=True)

    person.refresh_from_db()
    assert person.erased_at is not None and person.full_name == f"Erased person {person.pk}"
    # They are gone from the register.
    visit(page, reverse("people:register"))
    expect(page.locator("main")).not_to_contain_text("Olwen")
