"""Adding, changing, retiring and bringing back support sheets: each change saved with its
audit record, and what the welcome pack will read (onboarding.queries.sheets_for)."""

import pytest

from coproduce.accounts.roles import Role
from coproduce.audit.models import AuditEvent
from coproduce.onboarding.queries import sheets_for
from coproduce.onboarding.sheets import services
from tests.factories import UserFactory
from tests.onboarding.sheet_helpers import make_sheet

pytestmark = pytest.mark.django_db


def _events(sheet) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(
            model="onboarding.supportsheet", object_id=str(sheet.pk)
        ).order_by("at", "id")
    )


def test_adding_a_sheet_records_who_added_it_and_what_it_says():
    lead = UserFactory(role=Role.INVOLVEMENT_LEAD)
    sheet = make_sheet(title="  Avoiding jargon ", actor=lead)
    assert sheet.title == "Avoiding jargon"
    assert sheet.changed_by == lead
    [event] = _events(sheet)
    assert event.action == AuditEvent.Action.SHEET_ADDED
    assert event.actor == lead
    assert event.summary == "Support sheet ‘Avoiding jargon’ added"
    assert event.changes["title"] == [None, "Avoiding jargon"]
    assert event.changes["audience"] == [None, "Staff"]


def test_changing_a_sheet_keeps_what_it_said_before_in_the_audit_trail():
    lead = UserFactory(role=Role.INVOLVEMENT_LEAD)
    sheet = make_sheet(body="Old words", actor=lead)
    services.change_sheet(
        actor=lead,
        sheet=sheet,
        title=sheet.title,
        audience="experts",
        summary=sheet.summary,
        body="New words",
        position=2,
    )
    sheet.refresh_from_db()
    assert (sheet.body, sheet.audience, sheet.position) == ("New words", "experts", 2)
    event = _events(sheet)[-1]
    assert event.action == AuditEvent.Action.SHEET_CHANGED
    assert event.changes == {
        "audience": ["Staff", "Experts by Experience"],
        "body": ["Old words", "New words"],
        "position": [1, 2],
    }


def test_saving_a_sheet_unchanged_records_nothing():
    sheet = make_sheet()
    services.change_sheet(
        actor=None,
        sheet=sheet,
        **{name: getattr(sheet, name) for name in services.FIELDS},
    )
    assert len(_events(sheet)) == 1


def test_a_retired_sheet_is_no_longer_shown_and_can_be_brought_back():
    lead = UserFactory(role=Role.INVOLVEMENT_LEAD)
    sheet = make_sheet(actor=lead)
    services.retire_sheet(actor=lead, sheet=sheet)
    assert list(sheets_for("staff")) == []
    services.restore_sheet(actor=lead, sheet=sheet)
    assert list(sheets_for("staff")) == [sheet]
    assert [e.action for e in _events(sheet)] == [
        AuditEvent.Action.SHEET_ADDED,
        AuditEvent.Action.SHEET_RETIRED,
        AuditEvent.Action.SHEET_RESTORED,
    ]


def test_a_sheet_cannot_be_retired_twice():
    sheet = make_sheet(retired=True)
    with pytest.raises(services.SheetError, match="already been retired"):
        services.retire_sheet(actor=None, sheet=sheet)
    with pytest.raises(services.SheetError, match="is not retired"):
        services.restore_sheet(actor=None, sheet=make_sheet(title="Shown"))


def test_sheets_for_an_audience_come_in_the_leads_order_without_retired_ones(
    django_assert_num_queries,
):
    second = make_sheet(title="Avoiding jargon", position=2)
    first = make_sheet(title="Involving experts well", position=1)
    make_sheet(title="Retired", retired=True)
    for_experts = make_sheet(title="What taking part involves", audience="experts")
    with django_assert_num_queries(1):
        assert list(sheets_for("staff")) == [first, second]
    assert list(sheets_for("experts")) == [for_experts]


def test_an_unknown_audience_is_refused():
    with pytest.raises(ValueError):
        sheets_for("everyone")


def test_the_demo_has_the_four_first_sheets_each_with_headings():
    from django.utils import timezone

    from coproduce.demo import support_sheets
    from coproduce.demo.context import DemoContext
    from coproduce.onboarding.markdown import render

    ctx = DemoContext.seeded(seed=1, experts=0, now=timezone.now(), say=lambda line: None)
    support_sheets.create(ctx)
    assert [s.title for s in sheets_for("staff")] == [
        "Involving experts well",
        "Inclusive meetings",
        "Avoiding jargon",
    ]
    assert [s.title for s in sheets_for("experts")] == ["What taking part involves"]
    for sheet in [*sheets_for("staff"), *sheets_for("experts")]:
        assert "<h2>" in render(sheet.body)
