"""Printing many badges, as a coordinator does it: choose the badges, watch the count go up
while they are made in the background, and download them when ready."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from coproduce.onboarding.models import BadgePrint
from tests.browser.checks import check_page, visit

pytestmark = pytest.mark.browser


def test_the_progress_page_follows_the_badges_being_made(coordinator_page):
    page = coordinator_page
    run = BadgePrint.objects.create(
        created_by=page.user, badge_ids=[1, 2, 3], total=3, state=BadgePrint.State.MAKING
    )
    visit(page, reverse("onboarding:badge_print_progress", args=[run.pk]))
    status = page.get_by_role("status")
    expect(status).to_have_text("0 of 3 badges made.")
    check_page(page)

    # The background task counts a sheet, then finishes: the page follows without a reload.
    BadgePrint.objects.filter(pk=run.pk).update(prepared=2)
    expect(status).to_have_text("2 of 3 badges made.", timeout=10_000)
    run.file.save("badges.pdf", ContentFile(b"%PDF-1.7\n"), save=False)
    BadgePrint.objects.filter(pk=run.pk).update(
        prepared=3, state=BadgePrint.State.DONE, file=run.file.name, finished_at=timezone.now()
    )
    expect(status).to_have_text("3 of 3 badges made: ready to download.", timeout=10_000)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your badges are ready")
    expect(page.get_by_role("link", name="Download the badges (PDF)")).to_be_visible()
    check_page(page)
