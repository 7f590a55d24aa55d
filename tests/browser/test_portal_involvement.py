"""An expert sees their meetings on a phone, and says whether they can come; the involvement
team records who came, for everyone at once."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from coproduce.opportunities.models import Invitation
from tests.browser.checks import assert_error_summary, check_page, visit
from tests.factories import (
    AccessNeedFactory,
    ExpertFactory,
    InvitationFactory,
    OpportunityFactory,
    SessionFactory,
    VenueFactory,
)

pytestmark = pytest.mark.browser


def _session(days: int, title: str, **kwargs):
    starts = (timezone.now() + timedelta(days=days)).replace(
        hour=14, minute=30, second=0, microsecond=0
    )
    venue = VenueFactory(
        name="Shirehall",
        accessibility="Step-free entrance at the back of the building",
        parking="Free parking for blue badge holders in car park B",
    )
    venue.meets_needs.set([AccessNeedFactory(name="Hearing loop")])
    return SessionFactory(
        opportunity=OpportunityFactory(title=title, venue=venue),
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        **kwargs,
    )


def test_expert_sees_their_meetings_on_a_small_screen_and_says_yes(expert_page, transactional_db):
    page = expert_page
    expert = page.expert
    asked = InvitationFactory(session=_session(10, "Carers' strategy workshop"), expert=expert)
    InvitationFactory(
        session=_session(20, "Learning disability board", papers="Agenda: see the email"),
        expert=expert,
        status="accepted",
    )
    InvitationFactory(
        session=_session(-30, "Quality visit to Ward 5"),
        expert=expert,
        status="accepted",
        attendance="attended",
        hours=Decimal("3"),
    )

    visit(page, "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Eve Expert")
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", name="Meetings we have asked you to")).to_be_visible()
    expect(main).to_contain_text("Carers' strategy workshop")
    expect(main).to_contain_text("Free parking for blue badge holders")
    expect(main).to_contain_text("Agenda: see the email")
    expect(main).to_contain_text("Quality visit to Ward 5")
    expect(
        main.get_by_role("heading", name="Add your meetings to your phone's calendar")
    ).to_be_visible()
    check_page(page, small_screen=True)

    page.get_by_role("button", name="Yes, I can come").click()
    expect(page.get_by_role("alert").first).to_contain_text("You are coming to")
    expect(main).to_contain_text("We have not asked you to any meetings right now")
    check_page(page, small_screen=True)
    assert Invitation.objects.get(pk=asked.pk).status == "accepted"

    page.get_by_role("button", name="Make a new secret address").click()
    expect(page.get_by_role("alert").first).to_contain_text("new secret calendar address")


def test_coordinator_records_attendance_for_three_people(coordinator_page, transactional_db):
    page = coordinator_page
    session = _session(-1, "Carers' board")
    people = [
        InvitationFactory(session=session, status="accepted", expert=ExpertFactory(full_name=n))
        for n in ("Ann Attender", "Bob Absent", "Cat Late")
    ]
    visit(page, f"/sessions/{session.pk}/attendance/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Record attendance")
    check_page(page, small_screen=True)

    page.get_by_role("group", name="Did Ann Attender attend?").get_by_label("Attended").check()
    page.get_by_label("Hours Ann Attender gave").fill("30")
    page.get_by_role("group", name="Did Bob Absent attend?").get_by_label("Did not attend").check()
    page.get_by_role("group", name="Did Cat Late attend?").get_by_label("Cancelled late").check()
    page.get_by_role("button", name="Save attendance").click()

    assert_error_summary(
        page, {f"id_hours_{people[0].pk}": "Hours Ann Attender gave must be 24 or fewer"}
    )
    expect(page.get_by_label("Hours Ann Attender gave")).to_have_value("30")
    check_page(page)
    page.get_by_label("Hours Ann Attender gave").fill("1.5")
    page.get_by_role("button", name="Save attendance").click()
    expect(page.get_by_role("alert").first).to_contain_text("Attendance saved for 3 people")
    check_page(page)

    saved = {
        i.expert.full_name: (i.attendance, i.hours)
        for i in Invitation.objects.select_related("expert")
    }
    assert saved == {
        "Ann Attender": ("attended", Decimal("1.50")),
        "Bob Absent": ("did_not_attend", Decimal("0.00")),
        "Cat Late": ("cancelled_late", Decimal("0.00")),
    }
