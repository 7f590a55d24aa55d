"""Recording a training day for many experts, as a coordinator does it on a phone with a
keyboard: search, tick, search again, tick, take someone off, save. Everyone ticked is kept
across the searches and recorded once. The same journey works with JavaScript switched off."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from coproduce.accounts.roles import Role
from coproduce.training.models import TrainingRecord
from tests.browser.checks import check_page, visit
from tests.browser.conftest import new_context
from tests.browser.steps import sign_in
from tests.factories import ExpertFactory, UserFactory
from tests.training.helpers import make_course

pytestmark = pytest.mark.browser


def _people():
    return (
        ExpertFactory(full_name="Ann Archer", status="active"),
        ExpertFactory(full_name="Bob Baker", status="active"),
        ExpertFactory(full_name="Cat Cooper", status="onboarding"),
    )


def _search(page, text: str) -> None:
    box = page.get_by_label("Find experts by name or email")
    box.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)
    page.keyboard.press("Enter")  # the form's first button: "Find experts"
    page.wait_for_load_state()


def _tick(page, name: str) -> None:
    page.get_by_role("checkbox", name=name).focus()
    page.keyboard.press("Space")


def _press(page, name: str) -> None:
    page.get_by_role("button", name=name).focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state()


def _journey(page, *, javascript: bool = True) -> None:
    ann, bob, cat = _people()
    course = make_course(name="Safeguarding adults")
    day = timezone.localdate() - timedelta(days=2)
    chosen = page.locator(".app-chosen")

    if javascript:
        visit(page, reverse("training:record_many"))
    else:
        page.goto(reverse("training:record_many"))
    _search(page, "Ann")
    _tick(page, "Ann Archer")
    _search(page, "Bob")
    expect(chosen).to_contain_text("Ann Archer")
    expect(page.get_by_role("checkbox", name="Bob Baker")).not_to_be_checked()
    _tick(page, "Bob Baker")
    _search(page, "Cat")
    _tick(page, "Cat Cooper")
    _press(page, "Add the ticked experts")
    expect(chosen.locator("li")).to_have_count(3)
    if javascript:
        check_page(page, small_screen=True)
    # Cat did not come after all: taken off, the others kept.
    _press(page, "Remove Cat Cooper")
    expect(chosen.locator("li")).to_have_count(2)
    expect(chosen).not_to_contain_text("Cat Cooper")

    page.get_by_label("Course").focus()
    page.keyboard.type("Safeguarding")
    for part, value in (("Day", day.day), ("Month", day.month), ("Year", day.year)):
        page.get_by_label(part, exact=True).focus()
        page.keyboard.type(str(value))
    _press(page, "Save this training")
    expect(page.get_by_text("Saved: 2 experts completed ‘Safeguarding adults’")).to_be_visible()
    records = TrainingRecord.objects.filter(course=course)
    assert sorted(records.values_list("expert_id", flat=True)) == sorted([ann.pk, bob.pk])


def test_ticks_survive_searches_and_everyone_is_recorded_once_by_keyboard_at_320px(
    coordinator_page,
):
    page = coordinator_page
    page.set_viewport_size({"width": 320, "height": 640})
    _journey(page)
    check_page(page, small_screen=True)


def test_the_same_journey_works_without_javascript(transactional_db, browser, app_server):
    context = new_context(browser, app_server, java_script_enabled=False, locale="en-GB")
    try:
        page = context.new_page()
        page.problems = SimpleNamespace(own_origin=app_server.url)
        sign_in(page, UserFactory(role=Role.COORDINATOR))
        _journey(page, javascript=False)
        assert page.evaluate("1 + 1") == 2  # Playwright's own scripts still run
        assert not page.locator("[data-nhsuk-button-init]").count()  # the page's did not
    finally:
        context.close()
