"""The retention rules: each kind of record goes the day after its period ends and not the day
before, a second run the same day changes nothing, a dry run changes nothing, and the
involvement lead alone sets the periods, never below what the law needs."""

import logging
from datetime import date, timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from coproduce.audit.models import AuditEvent, RecordView
from coproduce.payments.models import Claim, ClaimLine
from coproduce.people.models import Expert, ImportBatch
from coproduce.retention.kinds import KINDS
from coproduce.retention.models import RetentionPeriods, RetentionRun
from coproduce.retention.services import apply_retention, set_periods
from coproduce.schedule import SCHEDULE
from tests.payments import claim_helpers
from tests.payments.helpers import make_policy
from tests.people.importing import make_batch, person
from tests.retention.helpers import NOW, at, enquiry_made, left_on, paid_receipt

pytestmark = pytest.mark.django_db


def apply(**options):
    with time_machine.travel(NOW, tick=False):
        return apply_retention(**options)


def erased(expert: Expert) -> bool:
    expert.refresh_from_db()
    return expert.erased_at is not None


# The edges of each kind ---------------------------------------------------------------------


def test_an_enquiry_goes_the_day_after_its_twelve_months_and_not_before():
    # Twelve months before 15 March 2027 is 15 March 2026: an enquiry last changed that day is
    # kept; one changed a minute before it began goes.
    kept = enquiry_made(at(2026, 3, 15, 0, 0))
    gone = enquiry_made(at(2026, 3, 14, 23, 59))
    active = enquiry_made(at(2020, 1, 1, 9, 0))
    Expert.objects.filter(pk=active.pk).update(status="active")  # it went further

    outcome = apply()

    assert outcome.counts["enquiries"] == 1
    assert erased(gone)
    assert not erased(kept)
    assert not erased(active)


def test_someone_who_left_is_erased_six_years_after_leaving_and_not_a_day_before():
    kept = left_on(at(2021, 3, 15, 0, 0))
    gone = left_on(at(2021, 3, 14, 23, 59))
    # Left, then came back: they are active, whenever they left before.
    returned = left_on(at(2019, 1, 1, 9, 0))
    Expert.objects.filter(pk=returned.pk).update(status="active")

    outcome = apply()

    assert outcome.counts["people_who_left"] == 1
    assert erased(gone)
    assert not erased(kept)
    assert not erased(returned)


def test_someone_who_left_long_ago_but_is_still_owed_money_is_kept_until_it_is_settled():
    owed = left_on(at(2020, 1, 1, 9, 0))
    make_policy()
    claim_helpers.expense_claim(expert=owed)  # submitted, not yet paid or rejected
    gone = left_on(at(2020, 1, 1, 9, 0))

    outcome = apply()

    assert outcome.counts["people_who_left"] == 1
    assert erased(gone)
    assert not erased(owed)


def test_someone_recorded_as_left_with_no_change_of_status_counts_from_their_last_change():
    with time_machine.travel(at(2021, 3, 14, 9, 0), tick=False):
        gone = Expert.objects.create(
            full_name="Imported Leaver", perspective="carer", status="left"
        )
    with time_machine.travel(at(2021, 3, 15, 9, 0), tick=False):
        kept = Expert.objects.create(full_name="Later Leaver", perspective="carer", status="left")

    apply()

    assert erased(gone)
    assert not erased(kept)


def test_a_receipt_goes_six_years_after_its_claim_was_paid_and_the_claim_stays(
    django_capture_on_commit_callbacks,
):
    make_policy()
    kept = paid_receipt(date(2021, 3, 15))
    gone = paid_receipt(date(2021, 3, 14))
    stored, storage = gone.receipt.name, gone.receipt.storage
    total = gone.claim.total

    with django_capture_on_commit_callbacks(execute=True):
        outcome = apply()

    assert outcome.counts["receipts"] == 1
    gone.refresh_from_db()
    kept.refresh_from_db()
    assert not gone.receipt
    assert not storage.exists(stored)
    assert gone.receipt_name == (
        "Receipt deleted under the retention rules on Monday 15 March 2027"
    )
    assert Claim.objects.get(pk=gone.claim_id).total == total  # the claim and its amount stay
    assert kept.receipt and storage.exists(kept.receipt.name)
    assert kept.receipt_name == "bus-ticket.pdf"


def test_audit_records_go_six_years_after_they_were_made_and_not_a_day_before(coordinator):
    def event(when):
        return AuditEvent.objects.create(
            at=when,
            action="updated",
            model="people.expert",
            object_id="1",
            subject_model="people.expert",
            subject_id="1",
        )

    kept, gone = event(at(2021, 3, 15, 0, 0)), event(at(2021, 3, 14, 23, 59))
    seen = RecordView.objects.create(
        at=at(2021, 3, 14, 23, 59), subject_model="people.expert", subject_id="1"
    )
    still_seen = RecordView.objects.create(
        at=at(2021, 3, 15, 0, 0), subject_model="people.expert", subject_id="1"
    )

    outcome = apply()

    assert outcome.counts["audit_records"] == 2
    assert AuditEvent.objects.filter(pk=kept.pk).exists()
    assert not AuditEvent.objects.filter(pk=gone.pk).exists()
    assert RecordView.objects.filter(pk=still_seen.pk).exists()
    assert not RecordView.objects.filter(pk=seen.pk).exists()


def test_an_unfinished_upload_goes_after_its_day_and_not_a_minute_before(coordinator):
    with time_machine.travel(NOW - timedelta(days=1, minutes=1), tick=False):
        gone = make_batch(coordinator, [person(1)])
    with time_machine.travel(NOW - timedelta(days=1) + timedelta(minutes=1), tick=False):
        kept = make_batch(coordinator, [person(2)])

    outcome = apply()

    assert outcome.counts["abandoned_imports"] == 1
    assert list(ImportBatch.objects.all()) == [kept]
    assert not ImportBatch.objects.filter(pk=gone.pk).exists()


def test_the_days_set_for_uploads_also_rule_when_the_next_import_starts(
    coordinator, involvement_lead
):
    values = {kind.field: kind.default for kind in KINDS} | {"abandoned_imports_days": 3}
    set_periods(actor=involvement_lead, values=values)
    with time_machine.travel(NOW - timedelta(days=2), tick=False):
        two_days_old = make_batch(coordinator, [person(1)])

    with time_machine.travel(NOW, tick=False):
        make_batch(coordinator, [person(2)])  # starting an import forgets abandoned ones

    assert ImportBatch.objects.filter(pk=two_days_old.pk).exists()


# Running it: exactly once, dry, reported ----------------------------------------------------


def _one_of_each(coordinator) -> dict:
    make_policy()
    with time_machine.travel(NOW - timedelta(days=3), tick=False):
        make_batch(coordinator, [person(1)])
    AuditEvent.objects.create(
        at=at(2020, 1, 1, 9, 0),
        action="updated",
        model="people.expert",
        object_id="1",
        subject_model="people.expert",
        subject_id="1",
    )
    return {
        "enquiry": enquiry_made(at(2025, 1, 1, 9, 0), full_name="Zebedee Quartermaine"),
        "leaver": left_on(at(2020, 1, 1, 9, 0), full_name="Philippa Xanthe-Moss"),
        "receipt": paid_receipt(date(2020, 1, 1)),
    }


EVERY_KIND_ONCE = {
    "people_who_left": 1,
    "enquiries": 1,
    "receipts": 1,
    "audit_records": 1,
    "abandoned_imports": 1,
}


def test_the_second_run_the_same_day_changes_nothing(coordinator):
    _one_of_each(coordinator)
    first = apply()
    assert first.counts == EVERY_KIND_ONCE
    events = AuditEvent.objects.count()
    experts = list(Expert.objects.values())
    lines = list(ClaimLine.objects.values())

    second = apply()

    assert second.counts == dict.fromkeys(EVERY_KIND_ONCE, 0)
    assert list(Expert.objects.values()) == experts
    assert list(ClaimLine.objects.values()) == lines
    # Only the second run's own record is new.
    assert AuditEvent.objects.count() == events + 1
    assert RetentionRun.objects.count() == 2


def test_a_dry_run_counts_what_would_go_and_changes_nothing(coordinator):
    made = _one_of_each(coordinator)
    events = AuditEvent.objects.count()

    outcome = apply(dry_run=True)

    assert outcome.counts == EVERY_KIND_ONCE
    assert outcome.run is None
    assert AuditEvent.objects.count() == events
    assert not RetentionRun.objects.exists()
    assert ImportBatch.objects.count() == 1
    assert not erased(made["enquiry"]) and not erased(made["leaver"])
    made["receipt"].refresh_from_db()
    assert made["receipt"].receipt


def test_a_run_is_recorded_once_in_the_audit_trail_and_logs_counts_only(coordinator, caplog):
    made = _one_of_each(coordinator)

    with caplog.at_level(logging.INFO, logger="coproduce.retention"):
        outcome = apply()

    run = RetentionRun.objects.get()
    assert run == outcome.run
    assert run.counts() == EVERY_KIND_ONCE
    assert run.periods["receipts_months"] == 72
    event = AuditEvent.objects.get(action=AuditEvent.Action.RETENTION_APPLIED)
    assert event.changes["counts"] == EVERY_KIND_ONCE
    assert event.actor is None and event.actor_label == "System"
    assert (
        "people who left 1" in caplog.text and "enquiries that never went further 1" in caplog.text
    )
    for name in ("Zebedee", "Quartermaine", "Philippa", "Xanthe", made["leaver"].email):
        assert name not in caplog.text


def test_the_command_says_what_it_would_do_and_then_what_it_did(coordinator):
    _one_of_each(coordinator)
    dry, done = StringIO(), StringIO()

    with time_machine.travel(NOW, tick=False):
        call_command("apply_retention", "--dry-run", stdout=dry)
        assert not RetentionRun.objects.exists()
        call_command("apply_retention", stdout=done)

    assert "Dry run: nothing was changed." in dry.getvalue()
    assert "Receipts (kept 6 years): 1 would go" in dry.getvalue()
    assert "Enquiries that never went further (kept 1 year): 1 went" in done.getvalue()
    assert RetentionRun.objects.count() == 1


def test_the_rules_are_applied_every_night_by_the_scheduler_and_worker():
    from coproduce.retention.tasks import apply_retention as task

    assert SCHEDULE["coproduce.retention.tasks.apply_retention"] == "15 3 * * *"
    assert "coproduce.retention.tasks.forget_abandoned_imports" not in SCHEDULE  # folded in
    # The suite runs tasks at once: the result is the count of each kind (none here).
    assert task.enqueue().return_value == dict.fromkeys(EVERY_KIND_ONCE, 0)


# The page ------------------------------------------------------------------------------------

URL = reverse("retention:settings")


def _form(**changes) -> dict:
    return {kind.field: str(kind.default) for kind in KINDS} | changes


def test_the_lead_sees_the_periods_and_the_last_run(lead_client):
    RetentionRun.objects.create(at=at(2027, 3, 15, 3, 15), people_who_left=4, receipts=17)

    page = lead_client.get(URL).content.decode()

    assert "<h1>Retention</h1>" in page
    assert 'name="receipts_months" type="text" value="72"' in page
    assert "These are the periods we suggest" in page
    assert "Applied on Monday 15 March 2027 at 3:15am" in page
    assert '<th scope="row" class="nhsuk-table__header">People who left</th>' in page
    assert ">17</td>" in page and ">4</td>" in page


def test_a_coordinator_cannot_open_the_page(coordinator_client):
    assert coordinator_client.get(URL).status_code == 403
    assert coordinator_client.post(URL, _form(enquiries_months="3")).status_code == 403
    assert not RetentionPeriods.objects.exists()


def test_the_lead_changes_a_period_and_the_change_is_audited(lead_client, involvement_lead):
    response = lead_client.post(URL, _form(receipts_months="84", enquiries_months="18"))

    assert response.status_code == 302
    periods = RetentionPeriods.current()
    assert (periods.receipts_months, periods.enquiries_months) == (84, 18)
    assert periods.set_by == involvement_lead
    event = AuditEvent.objects.get(action="retention periods set")
    assert event.actor == involvement_lead
    assert event.changes == {
        "Receipts": ["6 years", "7 years"],
        "Enquiries that never went further": ["1 year", "18 months"],
    }
    page = lead_client.get(URL).content.decode()
    assert f"Set by {involvement_lead.display_name}" in page
    assert 'name="receipts_months" type="text" value="84"' in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "receipts_months",
            "71",
            "Receipts must be kept for at least 72 months (6 years): HMRC can ask to see the "
            "records behind a payment for six years",
        ),
        ("audit_months", "12", "Audit records must be kept for at least 72 months (6 years)"),
        ("enquiries_months", "0", "Enter at least 1 for the months to keep enquiries"),
        ("abandoned_imports_days", "31", "Enter 30 or fewer for the days to keep spreadsheet"),
        ("people_who_left_months", "six", "as a whole number, like 72"),
    ],
)
def test_a_period_below_the_least_allowed_is_refused_saying_why_keeping_what_was_typed(
    lead_client, field, value, message
):
    response = lead_client.post(URL, _form(enquiries_months="18") | {field: value})

    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert f'id="id_{field}-error"' in page  # beside the field, not only in the summary
    assert f'name="{field}" type="text" value="{value}"' in page
    if field != "enquiries_months":
        assert 'name="enquiries_months" type="text" value="18"' in page
    assert not RetentionPeriods.objects.exists()


def test_the_page_makes_the_same_number_of_queries_however_many_runs_and_changes(
    lead_client, involvement_lead, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    values = {kind.field: kind.default for kind in KINDS}
    set_periods(actor=involvement_lead, values=values)
    RetentionRun.objects.create()
    with CaptureQueriesContext(connection) as first:
        lead_client.get(URL)
    for months in range(73, 78):
        set_periods(actor=involvement_lead, values=values | {"receipts_months": months})
        RetentionRun.objects.create()

    with django_assert_num_queries(len(first.captured_queries)):
        page = lead_client.get(URL).content.decode()

    assert 'name="receipts_months" type="text" value="77"' in page
