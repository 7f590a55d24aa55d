"""The involvement team's badge pages: the badge on an expert's profile, issuing, revoking,
printing one badge, and printing many in the background with progress and a download."""

import io
from datetime import timedelta

import pikepdf
import pytest
from django.urls import reverse
from django.utils import timezone

from coproduce.audit.models import AuditEvent
from coproduce.onboarding.models import Badge, BadgePrint
from tests.factories import ExpertFactory
from tests.onboarding.helpers import expert_with_photo, issued_badge

pytestmark = pytest.mark.django_db


def _today():
    return timezone.localdate()


def _date_post(name: str, day) -> dict:
    return {f"{name}-day": day.day, f"{name}-month": day.month, f"{name}-year": day.year}


def test_the_profile_shows_the_badge_and_what_can_be_done(coordinator_client):
    badge = issued_badge(today=_today())
    page = coordinator_client.get(reverse("people:expert_detail", args=[badge.expert.pk]))
    html = page.content.decode()
    assert "Photo ID badge" in html
    assert "Valid until" in html
    assert reverse("onboarding:badge_revoke", args=[badge.pk]) in html
    assert reverse("onboarding:badge_print_one", args=[badge.pk]) in html
    assert "Issue a new badge to replace it" in html


def test_the_profile_of_an_expert_without_a_photo_says_to_add_one(coordinator_client):
    expert = ExpertFactory()
    html = coordinator_client.get(reverse("people:expert_detail", args=[expert.pk])).content
    assert b"Add a photo to" in html
    assert reverse("onboarding:badge_issue", args=[expert.pk]).encode() not in html


def test_a_coordinator_issues_a_badge_expiring_a_year_from_today_by_default(coordinator_client):
    expert = expert_with_photo(full_name="Ada Lovelace")
    url = reverse("onboarding:badge_issue", args=[expert.pk])
    form = coordinator_client.get(url).content.decode()
    year_later = _today().replace(year=_today().year + 1)
    assert f'value="{year_later.year}"' in form
    response = coordinator_client.post(url, _date_post("expires_on", year_later), follow=True)
    badge = Badge.objects.get(expert=expert)
    assert badge.expires_on == year_later
    assert f"Badge {badge.number} issued to Ada Lovelace" in response.content.decode()


def test_an_expiry_in_the_past_is_refused_with_a_message_and_nothing_saved(coordinator_client):
    expert = expert_with_photo()
    url = reverse("onboarding:badge_issue", args=[expert.pk])
    response = coordinator_client.post(url, _date_post("expires_on", _today() - timedelta(days=1)))
    assert response.status_code == 400
    assert "The date the badge expires must be after today" in response.content.decode()
    assert "<title>Error:" in response.content.decode()
    assert not Badge.objects.exists()


def test_issuing_to_an_expert_with_no_photo_says_why(coordinator_client):
    expert = ExpertFactory(full_name="Grace Hopper")
    response = coordinator_client.post(
        reverse("onboarding:badge_issue", args=[expert.pk]),
        _date_post("expires_on", _today() + timedelta(days=30)),
        follow=True,
    )
    assert "Grace Hopper has no photo" in response.content.decode()
    assert not Badge.objects.exists()


def test_revoking_a_badge_needs_a_reason_and_then_says_so(coordinator_client):
    badge = issued_badge(today=_today())
    url = reverse("onboarding:badge_revoke", args=[badge.pk])
    empty = coordinator_client.post(url, {"reason": ""})
    assert empty.status_code == 400
    assert "Enter why the badge is revoked" in empty.content.decode()
    response = coordinator_client.post(url, {"reason": "Reported lost"}, follow=True)
    badge.refresh_from_db()
    assert badge.revoked_reason == "Reported lost"
    assert "is revoked" in response.content.decode()
    assert "Revoked on" in response.content.decode()


def test_one_badge_prints_as_a_pdf_and_is_audited(coordinator_client):
    badge = issued_badge(today=_today())
    response = coordinator_client.get(reverse("onboarding:badge_print_one", args=[badge.pk]))
    assert response["Content-Type"] == "application/pdf"
    with pikepdf.open(io.BytesIO(response.content)) as pdf:
        assert len(pdf.pages) == 1
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.BADGES_PRINTED, subject_id=str(badge.expert.pk)
    ).exists()


def test_a_revoked_badge_cannot_be_printed(coordinator_client):
    badge = issued_badge(today=_today())
    badge.revoked_at = timezone.now()
    badge.save()
    response = coordinator_client.get(reverse("onboarding:badge_print_one", args=[badge.pk]))
    assert response.status_code == 302


def test_printing_chosen_badges_makes_the_file_in_the_background(
    coordinator_client, django_capture_on_commit_callbacks
):
    chosen = [issued_badge(today=_today()) for _ in range(3)]
    left_out = issued_badge(today=_today())
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            reverse("onboarding:badge_print"),
            {"how": "chosen", "badge": [b.pk for b in chosen]},
        )
    run = BadgePrint.objects.get()
    assert response["Location"] == reverse("onboarding:badge_print_progress", args=[run.pk])
    # Tests run tasks at once (after the commit): the file is made by the time the page is
    # asked for.
    assert run.state == BadgePrint.State.DONE
    assert (run.total, run.prepared) == (3, 3)
    assert sorted(run.badge_ids) == sorted(b.pk for b in chosen)
    assert left_out.pk not in run.badge_ids
    progress = coordinator_client.get(response["Location"]).content.decode()
    assert "3 of 3 badges made" in progress
    download = coordinator_client.get(reverse("onboarding:badge_print_download", args=[run.pk]))
    pdf_bytes = b"".join(download.streaming_content)
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        assert len(pdf.pages) == 1
    assert download["Content-Disposition"].startswith("attachment")


def test_printing_everyone_issued_a_badge_since_a_day(coordinator_client):
    old = issued_badge(today=_today() - timedelta(days=40))
    recent = [issued_badge(today=_today() - timedelta(days=3)) for _ in range(2)]
    since = _today() - timedelta(days=10)
    coordinator_client.post(
        reverse("onboarding:badge_print"), {"how": "since", **_date_post("since", since)}
    )
    run = BadgePrint.objects.get()
    assert sorted(run.badge_ids) == sorted(b.pk for b in recent)
    assert old.pk not in run.badge_ids


def test_choosing_nothing_says_what_to_do(coordinator_client):
    issued_badge(today=_today())
    response = coordinator_client.post(reverse("onboarding:badge_print"), {"how": "chosen"})
    assert response.status_code == 400
    assert "Choose at least one badge to print" in response.content.decode()
    assert not BadgePrint.objects.exists()


def test_a_revoked_badge_cannot_be_chosen(coordinator_client):
    badge = issued_badge(today=_today())
    issued_badge(badge.expert, today=_today())  # replaces it
    response = coordinator_client.post(
        reverse("onboarding:badge_print"), {"how": "chosen", "badge": [badge.pk]}
    )
    assert response.status_code == 400
    assert "no longer valid" in response.content.decode()


def test_the_print_page_lists_valid_badges_with_the_same_queries_for_few_and_many(
    coordinator_client, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("onboarding:badge_print")
    issued_badge(today=_today())
    with CaptureQueriesContext(connection) as few:
        coordinator_client.get(url)
    for _ in range(15):
        issued_badge(today=_today())
    with django_assert_num_queries(len(few)):
        page = coordinator_client.get(url)
    assert page.content.decode().count('name="badge"') == 16


def test_the_badge_making_records_its_progress_sheet_by_sheet(
    coordinator, monkeypatch, django_capture_on_commit_callbacks
):
    from coproduce.onboarding import badge_cards, services

    badges = [issued_badge(today=_today()) for _ in range(20)]
    seen = []
    real = badge_cards.card_for

    def card_for(badge, **made):
        seen.append(BadgePrint.objects.get().prepared)
        return real(badge, **made)

    monkeypatch.setattr(badge_cards, "card_for", card_for)
    with django_capture_on_commit_callbacks(execute=True):
        run = services.start_badge_print(actor=coordinator, badge_ids=[b.pk for b in badges])
    run.refresh_from_db()
    assert seen == [0] * 8 + [8] * 8 + [16] * 4
    assert run.state == BadgePrint.State.DONE
    assert run.prepared == 20
    assert run.file.name.startswith("badges/")
    with run.file.open("rb") as file, pikepdf.open(file) as pdf:
        assert len(pdf.pages) == 3


def test_a_print_that_fails_says_so(coordinator, monkeypatch, django_capture_on_commit_callbacks):
    from coproduce.onboarding import services, tasks

    def broken(cards):
        raise RuntimeError("no fonts")

    monkeypatch.setattr(tasks, "badges_pdf", broken)
    badge = issued_badge(today=_today())
    with django_capture_on_commit_callbacks(execute=True):
        run = services.start_badge_print(actor=coordinator, badge_ids=[badge.pk])
    run.refresh_from_db()
    assert run.state == BadgePrint.State.FAILED
    assert run.problem.startswith("The badges could not be made")
    assert not run.file
