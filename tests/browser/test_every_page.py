"""A sweep of the pages the journeys do not walk: each role opens every page it may see and
axe checks it, at desktop width and at 320px. The journeys prove the pages work; this proves
none was left out of the accessibility checks."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from coproduce.accounts.roles import Role
from coproduce.people.erasure import erase_person
from coproduce.people.restriction import restrict_processing
from tests.browser.checks import check_page, visit
from tests.browser.steps import sign_in, sign_in_as
from tests.factories import (
    ExpertFactory,
    GroupFactory,
    InvitationFactory,
    OpportunityFactory,
    SessionFactory,
    SkillFactory,
    TeamFactory,
    UserFactory,
    expert_with_account,
)

pytestmark = pytest.mark.browser


def sweep(page, names: list[tuple[str, dict]]) -> None:
    for name, kwargs in names:
        visit(page, reverse(name, kwargs=kwargs))
        check_page(page, small_screen=True)


def test_every_page_the_involvement_team_opens_passes_axe(coordinator_page):
    expert = ExpertFactory(biography="Carer for my dad.\nLikes reading papers.")
    skill = SkillFactory(name="Chairing")
    requested = OpportunityFactory(status="requested", title="Stroke pathway review")
    published = OpportunityFactory(title="Carers' strategy workshop")
    session = SessionFactory(opportunity=published)
    place = InvitationFactory(session=session, status="accepted")
    InvitationFactory(session=session, status="invited")  # the overview's unanswered invitations
    held = SessionFactory(
        opportunity=published, starts_at=timezone.now() - timedelta(days=2), ends_at=timezone.now()
    )
    InvitationFactory(
        session=held, expert=expert, status="accepted", attendance="attended", hours=Decimal("2")
    )
    group = GroupFactory(name="Personalisation Expert Panel")
    restricted = restrict_processing(
        actor=coordinator_page.user,
        expert=ExpertFactory(full_name="Rosa Restricted"),
        reason="Asked us to stop while she checks her details",
    )
    sweep(
        coordinator_page,
        [
            ("people:expert_restrict", {"pk": expert.pk}),
            ("people:expert_detail", {"pk": restricted.pk}),
            ("people:restricted", {}),
            ("people:dashboard", {}),
            ("people:expert_add", {}),
            ("people:expert_detail", {"pk": expert.pk}),
            ("people:expert_edit", {"pk": expert.pk}),
            ("people:expert_history", {"pk": expert.pk}),
            ("people:lists", {}),
            ("people:list_entry_edit", {"kind": "skills", "pk": skill.pk}),
            ("people:import_start", {}),
            ("opportunities:opportunity_list", {}),
            ("opportunities:opportunity_new", {}),
            ("opportunities:opportunity_detail", {"pk": published.pk}),
            ("opportunities:opportunity_edit", {"pk": published.pk}),
            ("opportunities:review_queue", {}),
            ("opportunities:request_review", {"pk": requested.pk}),
            ("opportunities:session_add", {"pk": published.pk}),
            ("opportunities:session_edit", {"pk": session.pk}),
            ("opportunities:session_cancel", {"pk": session.pk}),
            ("opportunities:session_places", {"pk": session.pk}),
            ("opportunities:invitation_cancel", {"pk": place.pk}),
            ("opportunities:group_list", {}),
            ("opportunities:group_new", {}),
            ("opportunities:group_detail", {"pk": group.pk}),
            ("opportunities:group_edit", {"pk": group.pk}),
            ("opportunities:group_member_add", {"pk": group.pk}),
            ("opportunities:group_series_new", {"pk": group.pk}),
            ("opportunities:calendar_list", {}),
            ("mfa_index", {}),
        ],
    )


def test_every_page_a_staff_member_opens_passes_axe(page, transactional_db):
    team = TeamFactory(name="Adult Social Care")
    staff = UserFactory(role=Role.STAFF, team=team)
    mine = OpportunityFactory(status="requested", team=team, requested_by=staff)
    sign_in(page, staff)
    sweep(
        page,
        [
            ("opportunities:request_list", {}),
            ("opportunities:request_new", {}),
            ("opportunities:request_detail", {"pk": mine.pk}),
            ("opportunities:request_edit", {"pk": mine.pk}),
            ("opportunities:calendar", {}),
        ],
    )


def test_every_public_and_sign_in_page_passes_axe(page, transactional_db):
    sweep(
        page,
        [
            ("home", {}),
            ("accessibility", {}),
            ("privacy", {}),
            ("get_involved_done", {}),
            ("account_request_login_code", {}),
            ("account_reset_password", {}),
            ("account_reset_password_done", {}),
        ],
    )


def test_the_overview_finance_lands_on_passes_axe(page, transactional_db):
    sign_in_as(page, Role.FINANCE)
    sweep(page, [("people:dashboard", {})])


def test_a_new_staff_member_setting_up_their_authenticator_app_meets_an_accessible_page(
    page, transactional_db
):
    sign_in_as(page, Role.FINANCE, with_totp=False)
    visit(page, reverse("mfa_activate_totp"))
    check_page(page, small_screen=True)


def test_every_page_only_the_involvement_lead_opens_passes_axe(page, transactional_db):
    from coproduce.retention.models import RetentionRun

    sign_in_as(page, Role.INVOLVEMENT_LEAD)
    expert = ExpertFactory()
    RetentionRun.objects.create(people_who_left=2, receipts=14)  # its table is checked too
    erased = ExpertFactory()
    erase_person(actor=None, expert=erased)
    restricted = restrict_processing(actor=None, expert=ExpertFactory(), reason="Asked us to stop")
    sweep(
        page,
        [
            ("people:expert_data", {"pk": expert.pk}),
            ("people:expert_restriction_lift", {"pk": restricted.pk}),
            ("retention:settings", {}),
            ("accounts:our_words", {}),
            ("people:expert_erase", {"pk": expert.pk}),
            # An erased record: only when it was erased.
            ("people:expert_detail", {"pk": erased.pk}),
        ],
    )


def _badges_for_the_sweep(coordinator):
    """A valid badge, a revoked one and an expired one. Made without photos: the production
    server (COPRODUCE_TEST_SERVER=production) keeps its files apart from the test process."""
    from datetime import date

    from coproduce.onboarding.models import Badge, BadgePrint

    today = timezone.localdate()
    valid = Badge.objects.create(
        expert=ExpertFactory(full_name="Vera Valid"),
        issued_on=today,
        expires_on=today + timedelta(days=365),
    )
    revoked = Badge.objects.create(
        expert=ExpertFactory(full_name="Rex Revoked"),
        issued_on=today,
        expires_on=today + timedelta(days=365),
        revoked_at=timezone.now(),
        revoked_reason="Reported lost",
    )
    expired = Badge.objects.create(
        expert=ExpertFactory(full_name="Ezra Expired"),
        issued_on=date(2020, 1, 6),
        expires_on=date(2021, 1, 6),
    )
    run = BadgePrint.objects.create(
        created_by=coordinator, badge_ids=[valid.pk], total=1, state=BadgePrint.State.MAKING
    )
    return valid, revoked, expired, run


def test_every_badge_page_passes_axe(coordinator_page):
    valid, revoked, _, run = _badges_for_the_sweep(coordinator_page.user)
    sweep(
        coordinator_page,
        [
            ("people:expert_detail", {"pk": valid.expert.pk}),
            ("people:expert_detail", {"pk": revoked.expert.pk}),
            ("onboarding:badge_issue", {"pk": valid.expert.pk}),
            ("onboarding:badge_revoke", {"pk": valid.pk}),
            ("onboarding:badge_print", {}),
            ("onboarding:badge_print_progress", {"pk": run.pk}),
        ],
    )


def test_every_badge_check_page_passes_axe(page, transactional_db):
    valid, revoked, expired, _ = _badges_for_the_sweep(UserFactory(role=Role.COORDINATOR))
    sweep(
        page,
        [
            ("onboarding:badge_check", {"token": valid.token}),
            ("onboarding:badge_check", {"token": revoked.token}),
            ("onboarding:badge_check", {"token": expired.token}),
        ],
    )


def test_every_support_sheet_page_passes_axe(expert_page):
    page = expert_page
    from tests.onboarding.sheet_helpers import make_sheet

    body = "# Before\n\n- send papers early\n\n**Ask early.** [NHS](https://www.nhs.uk)\n\n> Quote"
    for_staff = make_sheet(title="Inclusive meetings", body=body)
    for_experts = make_sheet(title="What taking part involves", audience="experts", body=body)
    retired = make_sheet(title="Old guidance", retired=True)
    sweep(
        page,
        [
            ("onboarding:sheet_list_experts", {}),
            ("onboarding:sheet_detail", {"pk": for_experts.pk}),
        ],
    )
    sign_in_as(page, Role.INVOLVEMENT_LEAD)
    sweep(
        page,
        [
            ("onboarding:sheet_list", {}),
            ("onboarding:sheet_detail", {"pk": for_staff.pk}),
            ("onboarding:sheet_detail", {"pk": retired.pk}),
            ("onboarding:sheet_manage", {}),
            ("onboarding:sheet_new", {}),
            ("onboarding:sheet_edit", {"pk": for_staff.pk}),
            ("onboarding:sheet_retire", {"pk": for_staff.pk}),
        ],
    )
    # "Print this page" is a button the print module shows (no inline script); the words for
    # people without scripts are hidden once it does.
    visit(page, reverse("onboarding:sheet_detail", kwargs={"pk": for_staff.pk}))
    assert page.get_by_role("button", name="Print this page").is_visible()
    assert not page.get_by_text("use your browser's print option").is_visible()


def test_every_agreement_and_onboarding_page_passes_axe(expert_page):
    from coproduce.onboarding.agreements import services as agreements
    from tests.onboarding.agreement_helpers import publish, sign

    page = expert_page
    first = publish("confidentiality")
    sign(page.expert, first)
    second = agreements.publish_version(
        actor=None,
        agreement=first.agreement,
        body="## What we agree\n\n- keep it private\n\n**Ask us** if unsure.",
        easy_read="We keep things private.\n\nWe do not tell others.",
        what_changed="A part about social media",
        after=1,
    )
    conduct = publish("code_of_conduct")
    newcomer = ExpertFactory(full_name="Nia Newcomer", status="onboarding")
    sweep(
        page,
        [
            ("opportunities:my_involvement", {}),
            ("onboarding:my_agreements", {}),
            ("onboarding:agreement_read", {"pk": second.pk}),
            ("onboarding:agreement_easy_read", {"pk": second.pk}),
            ("onboarding:agreement_read", {"pk": first.pk}),
        ],
    )
    sign_in_as(page, Role.INVOLVEMENT_LEAD)
    sweep(
        page,
        [
            ("onboarding:agreement_list", {}),
            ("onboarding:agreement_new", {}),
            ("onboarding:agreement_detail", {"pk": first.agreement_id}),
            ("onboarding:agreement_publish", {"pk": first.agreement_id}),
            ("onboarding:agreement_retire", {"pk": first.agreement_id}),
            ("onboarding:agreement_read", {"pk": conduct.pk}),
            ("onboarding:agreement_paper", {"pk": newcomer.pk}),
            ("onboarding:onboarding_list", {}),
            ("onboarding:checklist_settings", {}),
            ("people:expert_detail", {"pk": newcomer.pk}),
        ],
    )
    # A retired agreement: in the list, its page, and its retire page left open.
    retired = publish("other")
    agreements.retire_agreement(actor=None, agreement=retired.agreement)
    sweep(
        page,
        [
            ("onboarding:agreement_list", {}),
            ("onboarding:agreement_detail", {"pk": retired.agreement_id}),
            ("onboarding:agreement_retire", {"pk": retired.agreement_id}),
        ],
    )


def test_every_parking_page_passes_axe(expert_page):
    from tests.parking.helpers import DAY, booked, permit, vehicle

    page = expert_page
    car = vehicle(page.expert, "AB12 CDE", make="Ford Fiesta", colour="Blue", blue_badge=True)
    sweep(
        page,
        [
            ("parking:my_vehicles", {}),
            ("parking:my_vehicle_add", {}),
            ("parking:my_vehicle_remove", {"pk": car.pk}),
            ("parking:my_vehicle_change", {"pk": car.pk}),
        ],
    )
    issued = permit(car)
    booked(page.expert, issued.venue, day=DAY, title="Secret review", confidential=True)
    sign_in_as(page, Role.COORDINATOR)
    sweep(
        page,
        [
            ("people:expert_detail", {"pk": page.expert.pk}),
            ("parking:expert_parking", {"pk": page.expert.pk}),
            ("parking:vehicle_add", {"pk": page.expert.pk}),
            ("parking:vehicle_remove", {"pk": car.pk}),
            ("parking:vehicle_change", {"pk": car.pk}),
            ("parking:permit_issue", {"pk": page.expert.pk}),
            ("parking:permit_cancel", {"pk": issued.pk}),
            ("parking:attendant_lists", {}),
            ("parking:attendant_day", {"day": DAY.isoformat()}),
            ("parking:attendant_list", {"day": DAY.isoformat(), "venue": issued.venue.pk}),
        ],
    )


def _training_for_the_sweep(expert, staff):
    from datetime import timedelta as days

    from tests.training.helpers import make_course, make_record

    today = timezone.localdate()
    safeguarding = make_course(name="Safeguarding adults", valid_for_months=36, for_staff=True)
    induction = make_course(name="Induction", kind="induction", valid_for_months=None)
    make_course(
        name="Chairing a meeting",
        kind="development",
        valid_for_months=None,
        description="Learn to chair a meeting so that everyone is heard.",
    )
    make_course(name="Old information governance", kind="information_governance", retired=True)
    make_record(course=induction, expert=expert, completed_on=today - days(400))
    record = make_record(
        course=safeguarding,
        expert=expert,
        completed_on=today - days(1080),
        expires_on=today + days(14),
    )
    make_record(course=safeguarding, staff=staff, completed_on=today - days(30))
    return safeguarding, record


def test_every_training_page_passes_axe(expert_page):
    page = expert_page
    staff = UserFactory(role=Role.STAFF, full_name="Sam Staff")
    course, record = _training_for_the_sweep(page.expert, staff)
    sweep(page, [("training:mine", {})])
    sign_in(page, staff)
    sweep(page, [("training:mine", {})])
    sign_in_as(page, Role.INVOLVEMENT_LEAD)
    sweep(
        page,
        [
            ("training:records", {}),
            ("training:expiring", {}),
            ("training:expired", {}),
            ("training:courses", {}),
            ("training:course_new", {}),
            ("training:course_edit", {"pk": course.pk}),
            ("training:course_retire", {"pk": course.pk}),
            ("training:record_expert", {"pk": page.expert.pk}),
            ("training:record_staff", {}),
            ("training:record_many", {}),
            ("training:record_edit", {"pk": record.pk}),
            ("training:record_remove", {"pk": record.pk}),
            ("people:expert_detail", {"pk": page.expert.pk}),
        ],
    )
    visit(page, reverse("training:record_many") + "?q=Eve")
    check_page(page, small_screen=True)


def test_every_welcome_pack_page_passes_axe(expert_page):
    from coproduce.welcome import services as welcome_services
    from coproduce.welcome.models import WelcomePrint
    from tests.welcome.helpers import needs, world

    page = expert_page
    world()
    needs(page.expert, "Easy read")
    my_pack = reverse("welcome:my_pack")
    for fmt in ("standard", "large_print", "easy_read"):
        visit(page, f"{my_pack}?format={fmt}")
        check_page(page, small_screen=True)
    sign_in_as(page, Role.INVOLVEMENT_LEAD)
    lead = UserFactory(role=Role.INVOLVEMENT_LEAD)
    welcome_services.change_section(actor=lead, key="role", body="Ours", easy_read="Ours.")
    run = WelcomePrint.objects.create(
        created_by=lead, expert_ids=[page.expert.pk], total=1, state=WelcomePrint.State.MAKING
    )
    expert = page.expert
    sweep(
        page,
        [
            ("welcome:overview", {}),
            ("welcome:section_edit", {"key": "role"}),
            ("welcome:section_reset", {"key": "role"}),
            ("welcome:settings", {}),
            ("welcome:print", {}),
            ("welcome:print_progress", {"pk": run.pk}),
            ("welcome:mark_sent", {"pk": expert.pk}),
            ("people:expert_detail", {"pk": expert.pk}),
        ],
    )
    pack = reverse("welcome:expert_pack", kwargs={"pk": expert.pk})
    for fmt in ("standard", "large_print", "easy_read"):
        visit(page, f"{pack}?format={fmt}")
        check_page(page, small_screen=True)


def test_every_confidential_work_page_passes_axe(expert_page):
    from coproduce.opportunities.models import CheckIn
    from coproduce.opportunities.services.attendance import AttendanceEntry, record_attendance
    from tests.opportunities.confidential_helpers import add_paper, make_confidential_work

    page = expert_page
    coordinator = UserFactory(role=Role.COORDINATOR, full_name="Cora Coordinator")
    opportunity, session, invitation = make_confidential_work(
        named=[coordinator], past=True, expert=page.expert
    )
    record_attendance(
        actor=coordinator,
        session=session,
        entries=[AttendanceEntry(invitation.pk, "attended", Decimal("2"))],
    )
    paper = add_paper(opportunity, coordinator)
    withdrawn = add_paper(opportunity, coordinator, "Old draft")
    from coproduce.opportunities.confidential.services import withdraw_paper

    withdraw_paper(actor=coordinator, paper=withdrawn)
    check_in = CheckIn.objects.filter(kind="debrief").get()
    sweep(
        page,
        [
            ("opportunities:my_involvement", {}),
            ("opportunities:my_confidential_work", {"pk": opportunity.pk}),
            ("opportunities:confidential_paper", {"pk": withdrawn.pk}),
        ],
    )
    sign_in(page, coordinator)
    sweep(
        page,
        [
            ("opportunities:confidential_list", {}),
            ("opportunities:confidential_work", {"pk": opportunity.pk}),
            ("opportunities:confidential_staff", {"pk": opportunity.pk}),
            ("opportunities:confidential_paper_add", {"pk": opportunity.pk}),
            ("opportunities:confidential_paper_withdraw", {"pk": paper.pk}),
            ("opportunities:confidential_close", {"pk": opportunity.pk}),
            ("opportunities:confidential_check_ins", {}),
            ("opportunities:confidential_check_in", {"pk": check_in.pk}),
            ("opportunities:opportunity_edit", {"pk": opportunity.pk}),
        ],
    )


def test_every_outcomes_page_passes_axe(expert_page):
    from coproduce.impact.outcomes import services as outcomes
    from tests.impact.outcomes.helpers import NOTHING, SAID_DID, held_work

    page = expert_page
    staff = UserFactory(role=Role.STAFF, full_name="Sam Staff")
    told = held_work(experts=[page.expert], title="Discharge letters review")
    outcomes.record_outcome(actor=None, opportunity=told, wording=SAID_DID)
    nothing = held_work(experts=[page.expert], title="Car parking charges")
    outcomes.record_outcome(actor=None, opportunity=nothing, wording=NOTHING)
    waiting = held_work(experts=1, requested_by=staff, title="Ward visiting hours")
    held_work(experts=1, ended_days_ago=90, confidential=True, title="Confidential review")
    sweep(page, [("outcomes:mine", {}), ("opportunities:my_involvement", {})])
    sign_in(page, staff)
    sweep(
        page,
        [
            ("outcomes:waiting", {}),
            ("outcomes:work", {"pk": waiting.pk}),
            ("outcomes:record", {"pk": waiting.pk}),
        ],
    )
    sign_in_as(page, Role.INVOLVEMENT_LEAD)
    sweep(
        page,
        [
            ("outcomes:waiting", {}),
            ("outcomes:weeks", {}),
            ("outcomes:work", {"pk": told.pk}),
            ("outcomes:work", {"pk": nothing.pk}),
            ("outcomes:record", {"pk": told.pk}),
            ("people:dashboard", {}),
        ],
    )


def test_every_concern_page_passes_axe(expert_page):
    from tests.impact.concerns.helpers import closed, name_contacts, raised, triaged

    page = expert_page
    mine = triaged(raised(page.expert, what_happened="The lift was broken.\nAgain."))
    from coproduce.impact.concerns import services as concern_services

    concern_services.respond(actor=mine.handler, concern=mine, text="We are sorry.")
    done = closed(raised(page.expert))
    sweep(
        page,
        [
            ("concerns:my_concerns", {}),
            ("concerns:raise", {}),
            ("concerns:my_concern", {"pk": mine.pk}),
            ("concerns:my_concern", {"pk": done.pk}),
            ("opportunities:my_involvement", {}),
        ],
    )
    urgent = raised(safeguarding=True)
    lead = sign_in_as(page, Role.INVOLVEMENT_LEAD)
    sweep(
        page,
        [
            ("concerns:list", {}),
            ("concerns:concern", {"pk": urgent.pk}),
            ("concerns:concern", {"pk": done.pk}),
            ("concerns:triage", {"pk": urgent.pk}),
            ("concerns:respond", {"pk": urgent.pk}),
            ("concerns:close", {"pk": mine.pk}),
            ("concerns:reopen", {"pk": done.pk}),
            ("concerns:record", {"pk": page.expert.pk}),
            ("concerns:safeguarding_contacts", {}),
        ],
    )
    name_contacts(UserFactory(role=Role.STAFF), team_email="safe@example.org", by=lead)
    sweep(page, [("concerns:list", {}), ("concerns:safeguarding_contacts", {})])


def test_every_feedback_page_passes_axe(expert_page):
    from datetime import timedelta as days

    import time_machine

    from coproduce.impact.feedback.links import link_token
    from coproduce.impact.feedback.services import ask
    from tests.impact.feedback.helpers import answer, attended, past_session

    page = expert_page
    waiting = attended(past_session(title="Carers' strategy workshop"), page.expert)
    session = past_session(title="Discharge planning workshop")
    places = [attended(session) for _ in range(3)]
    for place in places:
        ask(invitation_id=place.pk)
    answer(places[0], comments="The chair made sure everyone spoke.")
    answer(places[1], anonymous=True, comments="The room was too hot.")
    fresh = link_token(ask(invitation_id=waiting.pk))
    sweep(page, [("opportunities:my_involvement", {}), ("feedback:give", {"pk": waiting.pk})])
    page.get_by_role("button", name="Send my answers").click()  # nothing chosen: errors
    check_page(page, small_screen=True)
    sign_in(page, UserFactory(role=Role.STAFF, full_name="Sam Staff"))  # the link needs none
    used = link_token(places[0].feedback_request)
    sweep(
        page,
        [
            ("feedback:feedback_link", {"token": fresh}),
            ("feedback:feedback_link", {"token": used}),
            ("feedback:feedback_link", {"token": "not-a-link"}),
            ("feedback:feedback_link_thanks", {}),
            ("feedback:overview", {}),
        ],
    )
    with time_machine.travel(timezone.now() + days(40)):
        sweep(page, [("feedback:feedback_link", {"token": fresh})])
    sign_in_as(page, Role.COORDINATOR)
    sweep(page, [("feedback:overview", {}), ("feedback:session", {"pk": session.pk})])


def test_every_reminders_page_passes_axe(expert_page):
    from coproduce.comms.reminders import services as reminders

    page = expert_page
    reminders.set_expert_reminders(
        actor=None, expert=page.expert, kinds_on=set(), kinds=("session",)
    )
    sweep(page, [("opportunities:my_involvement", {}), ("reminders:mine", {})])
    page.get_by_role("button", name="Save my reminders").click()
    check_page(page, small_screen=True)
    sign_in_as(page, Role.FINANCE)
    sweep(page, [("reminders:mine_staff", {})])
    sign_in_as(page, Role.COORDINATOR)
    sweep(page, [("reminders:mine_staff", {}), ("people:expert_detail", {"pk": page.expert.pk})])
    sign_in_as(page, Role.INVOLVEMENT_LEAD)
    sweep(page, [("reminders:settings", {})])
    page.get_by_label("How many days before a session").fill("seven")
    page.get_by_role("button", name="Save reminders").click()
    check_page(page, small_screen=True)


def test_every_directory_and_event_page_passes_axe(expert_page):
    from coproduce.comms.directory import services as directory
    from tests.comms.directory.helpers import event

    page = expert_page
    party = event(title="Summer celebration", open_to="public", how_to_come="Just turn up")
    closed = event(title="Winter lunch", reply_by=timezone.localdate() - timedelta(days=1))
    event(title="Last year's get-together", in_days=-300)
    directory.reply_to_event(
        actor=None,
        expert=page.expert,
        event=party,
        values=directory.ReplyValues(answer="yes", dietary=("halal",), access_other="A ramp"),
    )
    sweep(page, [("directory:my_events", {}), ("directory:reply", {"pk": closed.pk})])
    mine = directory.set_entry(
        actor=None, expert=page.expert, first_name="Eve", interests="Films", photo="none"
    )
    sweep(page, [("directory:leave", {})])
    directory.hide_entry(actor=None, entry=mine, reason="Please tell us more about you")
    sweep(page, [("directory:directory", {})])
    sign_in_as(page, Role.INVOLVEMENT_LEAD)
    sweep(
        page,
        [
            ("directory:look_after", {}),
            ("directory:hide", {"pk": mine.pk}),
            ("directory:events", {}),
            ("directory:event_edit", {"pk": party.pk}),
            ("directory:event_detail", {"pk": party.pk}),
        ],
    )


def test_every_working_together_page_passes_axe(page, transactional_db):
    from coproduce.comms.stories.models import StoryStatus
    from tests.comms.stories.helpers import award_round, nomination, story

    published = story(status=StoryStatus.PUBLISHED, photos=1)
    award = award_round()
    winner = nomination(award, nominee="Jo", winner=True, category="person")
    sweep(
        page,
        [
            ("public_pages:involvement_here", {}),
            ("stories:working_together_gallery", {}),
            ("stories:working_together_story", {"pk": published.pk}),
        ],
    )
    visit(page, reverse("stories:working_together_display") + "?paused=yes")
    check_page(page, small_screen=True)
    lead = sign_in_as(page, Role.INVOLVEMENT_LEAD)
    draft = story(by=lead, photos=1)
    sent = story(status=StoryStatus.SUBMITTED, photos=1)
    sweep(
        page,
        [
            ("stories:mine", {}),
            ("stories:new", {}),
            ("stories:mine_detail", {"pk": draft.pk}),
            ("stories:change", {"pk": draft.pk}),
            ("stories:add_photo", {"pk": draft.pk}),
            ("stories:review_list", {}),
            ("stories:review", {"pk": sent.pk}),
            ("stories:review", {"pk": published.pk}),
            ("stories:nominate", {}),
            ("stories:award_rounds", {}),
            ("stories:award_round_new", {}),
            ("stories:award_round_change", {"pk": award.pk}),
            ("stories:award_panel", {"pk": award.pk}),
            ("stories:award_winner", {"pk": winner.pk}),
            ("public_pages:involvement_words", {}),
        ],
    )


def test_every_mailing_list_page_passes_axe(coordinator_page):
    from coproduce.comms.lists import services as mailing
    from coproduce.comms.lists.unsubscribe import leave_token
    from tests.comms.lists.helpers import consenting, draft

    page = coordinator_page
    people = [
        consenting(
            full_name="Eve Brook",
            communication_needs=["easy_read", "bsl", "carer_copy"],
            carer_email="sam@example.net",
        ),
        consenting(full_name="Pat Brook", preferred_channel="post"),
        consenting(full_name="Tia Brook", preferred_channel="text"),
    ]
    made = mailing.save_list(
        actor=page.user, values={"name": "Carers' news", "topic": "Carers", "description": "News"}
    )
    mailing.add_members(actor=page.user, mailing_list=made, experts=people)
    consenting(full_name="Ann Brook")  # found, and not on the list yet
    waiting = draft(made, easy_read_body="Easy words.")
    sent = draft(made, subject="Sent already")
    mailing.queue_message(actor=page.user, message=sent, revision=sent.revision)
    sweep(
        page,
        [
            ("mailing:lists", {}),
            ("mailing:list_add", {}),
            ("mailing:list", {"pk": made.pk}),
            ("mailing:list_change", {"pk": made.pk}),
            ("mailing:members_add", {"pk": made.pk}),
            ("mailing:message_new", {"pk": made.pk}),
            ("mailing:message_change", {"pk": waiting.pk}),
            ("mailing:message_check", {"pk": waiting.pk}),
            ("mailing:message", {"pk": sent.pk}),
        ],
    )
    visit(page, reverse("mailing:members_add", kwargs={"pk": made.pk}) + "?q=Brook")
    check_page(page, small_screen=True)
    visit(page, reverse("mailing:message", kwargs={"pk": sent.pk}) + "?status=not_sent")
    check_page(page, small_screen=True)
    page.context.clear_cookies()  # the link works for anyone holding it, signed in or not
    token = leave_token(expert_id=people[1].pk, list_id=made.pk)
    sweep(page, [("mailing:mailing_leave_link", {"token": token})])
    page.get_by_role("button", name="Leave the list").click()
    check_page(page, small_screen=True)
    visit(page, reverse("mailing:mailing_leave_link", kwargs={"token": "broken"}), status=404)
    check_page(page, small_screen=True)


def test_an_experts_own_mailing_lists_page_passes_axe(expert_page):
    from coproduce.comms.lists import services as mailing

    lead = UserFactory(role=Role.COORDINATOR)
    mine = mailing.save_list(actor=lead, values={"name": "Carers' news", "topic": "Carers"})
    mailing.save_list(
        actor=lead,
        values={
            "name": "Mental health services",
            "topic": "Mental health",
            "description": "News about mental health services.",
        },
    )
    mailing.add_members(actor=lead, mailing_list=mine, experts=[expert_page.expert])
    sweep(expert_page, [("mailing:my_lists", {})])


def test_all_pages_passes_axe_for_every_role(page):
    """The page of every page a role can use, in groups: for each role, at both widths."""
    for role in (
        Role.INVOLVEMENT_LEAD,
        Role.COORDINATOR,
        Role.STAFF,
        Role.FINANCE,
        Role.ADMINISTRATOR,
        Role.MEMBERSHIP_OFFICE,
        Role.RETURNING_OFFICER,
        Role.SCRUTINEER,
    ):
        page.context.clear_cookies()
        sign_in_as(page, role)
        sweep(page, [("all_pages", {})])
    page.context.clear_cookies()
    sign_in(page, expert_with_account(full_name="Eve Expert").user)
    sweep(page, [("all_pages", {})])
