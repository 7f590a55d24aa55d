"""Every export is in the audit trail, once, with who, when and what: the register (CSV, which
streams, and XLSX), a payment run's file, an expert's tax-year statement and a subject access
download. What was exported is described (format, filters, rows, run, tax year), never the
personal values in it: a name searched for is kept only as "yes"."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from coproduce.audit.models import AuditEvent
from coproduce.payments.models import PaymentRun
from tests.factories import ExpertFactory
from tests.payments.claim_helpers import approved_claim
from tests.payments.helpers import make_policy

pytestmark = pytest.mark.django_db


def last_pk() -> int:
    return AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def only_event(after: int = 0) -> AuditEvent:
    """The one event recorded since the event `after` (setting up a policy is audited too)."""
    events = list(AuditEvent.objects.filter(pk__gt=after))
    assert len(events) == 1, [str(e) for e in events]
    assert (timezone.now() - events[0].at).total_seconds() < 60
    return events[0]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_exporting_the_register_is_recorded(coordinator_client, coordinator, file_format):
    ExpertFactory(full_name="Nadia Quist", status="active")
    ExpertFactory(full_name="Nadia Other", status="active")
    ExpertFactory(full_name="Someone Else")
    response = coordinator_client.get(
        reverse("people:export", args=[file_format]), {"q": "Nadia", "status": "active"}
    )
    assert response.status_code == 200
    event = only_event()
    assert event.actor == coordinator
    assert event.action == AuditEvent.Action.REGISTER_EXPORTED
    assert event.model == "people.expert" and event.object_id == ""
    assert event.subject_id == ""
    # A workbook is built whole, so its rows are counted; a CSV starts before any is read.
    rows = {"xlsx": {"rows": 2}, "csv": {}}[file_format]
    assert event.changes == {
        "format": file_format,
        "filters": {"text": "yes", "statuses": ["active"]},
        **rows,
    }
    assert event.summary == f"Filtered register as {file_format.upper()}" + (
        ", 2 rows" if rows else ""
    )
    assert "Nadia" not in str(event.changes) + event.summary


def test_the_csv_is_recorded_when_the_download_starts(coordinator_client):
    ExpertFactory()
    response = coordinator_client.get(reverse("people:export", args=["csv"]))
    # Not one byte of the file has been read yet.
    assert response.streaming
    assert only_event().summary == "Whole register as CSV"


def test_a_one_row_workbook_says_1_row(coordinator_client):
    ExpertFactory()
    coordinator_client.get(reverse("people:export", args=["xlsx"]))
    assert only_event().summary == "Whole register as XLSX, 1 row"


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_exporting_a_payment_run_is_recorded(finance_client, finance_officer, file_format):
    make_policy()
    approved_claim()
    count = finance_client.get(reverse("payments:runs")).context["preview"].count
    finance_client.post(reverse("payments:run_create"), {"expected_count": count})
    run = PaymentRun.objects.get()
    before = last_pk()

    response = finance_client.get(reverse("payments:run_export", args=[run.pk, file_format]))

    assert response.status_code == 200
    event = only_event(after=before)
    assert event.actor == finance_officer
    assert event.action == AuditEvent.Action.PAYMENT_RUN_EXPORTED
    assert (event.model, event.object_id) == ("payments.paymentrun", str(run.pk))
    assert event.changes == {"format": file_format, "run": run.reference, "claims": 1}
    assert event.summary == f"Payment run {run.reference} as {file_format.upper()}"


def test_downloading_a_statement_is_recorded_but_reading_the_page_is_not(expert_client, expert):
    make_policy(hourly=Decimal("15.00"))
    before = last_pk()
    assert expert_client.get(reverse("payments:my_statement"), {"year": 2025}).status_code == 200
    assert last_pk() == before

    response = expert_client.get(reverse("payments:my_statement_pdf", kwargs={"year": 2025}))

    assert response.status_code == 200
    event = only_event(after=before)
    assert event.actor == expert.user
    assert event.action == AuditEvent.Action.STATEMENT_DOWNLOADED
    assert (event.subject_model, event.subject_id) == ("people.expert", str(expert.pk))
    assert event.changes == {"format": "pdf", "tax_year": "2025 to 2026"}


def test_a_subject_access_download_is_recorded(lead_client, involvement_lead):
    expert = ExpertFactory()
    lead_client.get(reverse("people:expert_data", args=[expert.pk]))
    assert not AuditEvent.objects.exists()

    response = lead_client.post(reverse("people:expert_data", args=[expert.pk]))

    assert response.status_code == 200
    event = only_event()
    assert event.actor == involvement_lead
    assert event.action == AuditEvent.Action.SUBJECT_ACCESS_EXPORTED
    assert (event.subject_model, event.subject_id) == ("people.expert", str(expert.pk))
    assert event.changes == {"format": "zip"}


def test_the_experts_history_says_what_was_downloaded_in_words(lead_client):
    expert = ExpertFactory()
    lead_client.post(reverse("people:expert_data", args=[expert.pk]))
    html = lead_client.get(reverse("people:expert_history", args=[expert.pk])).content.decode()
    assert "Subject access exported: All their data as a ZIP (subject access request)" in html
    assert "Format" not in html and "Not given" not in html
