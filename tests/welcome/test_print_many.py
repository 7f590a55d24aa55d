"""Welcome packs for many experts at once: one PDF made in the background, with progress,
kept privately for a week."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from coproduce.audit.models import AuditEvent
from coproduce.people.models import StatusChange
from coproduce.welcome import print_files
from coproduce.welcome.models import WelcomePrint
from tests.factories import ExpertFactory
from tests.welcome.helpers import needs, world
from tests.welcome.pdf_text import page_texts

pytestmark = pytest.mark.django_db(transaction=True)

PRINT = reverse("welcome:print")


def _made_active(expert, days_ago: int) -> None:
    StatusChange.objects.create(
        expert=expert,
        from_status="onboarding",
        to_status="active",
        at=timezone.now() - timedelta(days=days_ago),
    )


def test_everyone_made_active_since_a_day_gets_a_pack_in_the_version_they_need(
    coordinator_client,
):
    world()
    new = [ExpertFactory(full_name=f"New Person{i}") for i in range(3)]
    for expert in new:
        _made_active(expert, 2)
    needs(new[0], "Easy read")
    old = ExpertFactory(full_name="Old Hand")
    _made_active(old, 400)
    since = timezone.localdate() - timedelta(days=10)
    answer = coordinator_client.post(
        PRINT,
        {
            "how": "since",
            "since-since-day": since.day,
            "since-since-month": since.month,
            "since-since-year": since.year,
            "since-format": "needs",
        },
    )
    run = WelcomePrint.objects.get()
    assert answer.status_code == 302
    assert answer["Location"] == reverse("welcome:print_progress", args=[run.pk])
    run.refresh_from_db()
    assert run.state == WelcomePrint.State.DONE
    assert (run.total, run.prepared) == (3, 3)
    pages = page_texts(run.file.read())
    assert sum("Welcome, New Person0" in page for page in pages) == 1  # Easy Read
    assert sum("Welcome pack for New Person1" in page for page in pages) == 1
    assert not any("Old Hand" in page for page in pages)
    progress = coordinator_client.get(reverse("welcome:print_progress", args=[run.pk]))
    assert "3 of 3 packs made: ready to download" in progress.content.decode()
    download = coordinator_client.get(reverse("welcome:print_download", args=[run.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"


def test_chosen_experts_in_one_version(coordinator_client):
    world()
    chosen = [ExpertFactory(full_name=f"Chosen Person{i}") for i in range(2)]
    coordinator_client.post(
        PRINT,
        {
            "how": "chosen",
            "chosen-expert": [str(e.pk) for e in chosen],
            "chosen-format": "large_print",
        },
    )
    run = WelcomePrint.objects.get()
    assert run.format == "large_print" and run.state == WelcomePrint.State.DONE
    assert sum("Welcome pack for Chosen" in p for p in page_texts(run.file.read())) == 2


def test_printing_many_packs_is_audited_as_who_printed_how_many_without_whose(
    coordinator, coordinator_client
):
    world()
    chosen = [ExpertFactory(full_name=f"Audited Person{i}") for i in range(3)]
    coordinator_client.post(
        PRINT,
        {
            "how": "chosen",
            "chosen-expert": [str(e.pk) for e in chosen],
            "chosen-format": "easy_read",
        },
    )
    run = WelcomePrint.objects.get()
    event = AuditEvent.objects.get(action=AuditEvent.Action.WELCOME_PACKS_PRINTED)
    assert event.actor == coordinator
    assert event.summary == "3 welcome packs printed"
    assert event.changes == {"packs": 3, "format": "easy_read"}
    # Found under the print, not under any one expert's history; no name, no id.
    assert (event.model, event.object_id) == ("welcome.welcomeprint", str(run.pk))
    assert (event.subject_model, event.subject_id) == ("welcome.welcomeprint", str(run.pk))
    written = f"{event.summary} {event.changes}"
    assert not any(e.full_name in written for e in chosen)


def test_nobody_made_active_since_the_day_is_said_beside_the_field(coordinator_client):
    since = timezone.localdate()
    answer = coordinator_client.post(
        PRINT,
        {
            "how": "since",
            "since-since-day": since.day,
            "since-since-month": since.month,
            "since-since-year": since.year,
            "since-format": "needs",
        },
    )
    assert answer.status_code == 400
    assert "Nobody was made active on or after" in answer.content.decode()
    assert not WelcomePrint.objects.exists()


def test_choosing_nobody_is_refused(coordinator_client):
    ExpertFactory()
    answer = coordinator_client.post(PRINT, {"how": "chosen", "chosen-format": "needs"})
    assert answer.status_code == 400
    assert "Choose at least one expert" in answer.content.decode()


def test_the_choice_page_has_a_fixed_number_of_queries(coordinator_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ExpertFactory()
    with CaptureQueriesContext(connection) as few:
        coordinator_client.get(PRINT)
    for _ in range(10):
        ExpertFactory()
    with CaptureQueriesContext(connection) as many:
        page = coordinator_client.get(PRINT)
    assert page.status_code == 200
    assert len(many) == len(few)


def test_prints_older_than_a_week_are_forgotten_with_their_file(coordinator_client):
    world()
    coordinator_client.post(
        PRINT,
        {"how": "chosen", "chosen-expert": [str(ExpertFactory().pk)], "chosen-format": "needs"},
    )
    run = WelcomePrint.objects.get()
    storage, name = run.file.storage, run.file.name
    assert storage.exists(name)
    WelcomePrint.objects.filter(pk=run.pk).update(created_at=timezone.now() - timedelta(days=8))
    assert print_files.forget_old_welcome_prints() == 1
    assert not WelcomePrint.objects.exists()
    assert not storage.exists(name)


def test_only_the_involvement_team_makes_many_packs(expert_client, staff_client):
    for client in (expert_client, staff_client):
        assert client.get(PRINT).status_code == 403
