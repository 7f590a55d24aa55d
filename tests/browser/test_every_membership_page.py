"""A sweep of every page of Foundation Trust membership (issue 15): the members' register, governor
elections and members' surveys. Each role opens every page it may see, in each state where the
page looks different (an election in nominations, in its poll, counted and declared; a survey
draft, open and closed), and forms are shown with their errors; axe checks each page at desktop
width and at 320px. The journeys prove the pages work; this proves none was left out of the
accessibility checks. The CSV downloads are files, not pages, and are not swept."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from coproduce.accounts.roles import Role
from coproduce.membership.elections import services as elections
from coproduce.membership.elections.choices import Method, NominationStatus, Status
from coproduce.membership.elections.models import Election
from coproduce.membership.members import links as member_links
from coproduce.membership.members.choices import MemberStatus
from coproduce.membership.surveys import links as survey_links
from coproduce.membership.surveys import services as surveys
from tests.browser.checks import check_page, visit
from tests.browser.conftest import PRODUCTION
from tests.browser.steps import sign_in_as
from tests.factories import ExpertFactory
from tests.membership.elections import helpers_elections as h
from tests.membership.members.helpers import make_constituencies, make_member
from tests.membership.surveys.helpers import (
    constituencies,
    ids,
    member,
    office_user,
    survey_with_questions,
)

pytestmark = pytest.mark.browser


def sweep(page, names: list[tuple[str, dict]]) -> None:
    for name, kwargs in names:
        visit(page, reverse(name, kwargs=kwargs))
        check_page(page, small_screen=True)


def shown_with_errors(page, button: str) -> None:
    """Sends the form on the page as it is (empty, or with what the page filled in) and checks
    the page that comes back with its error summary."""
    page.get_by_role("button", name=button, exact=True).click()
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    check_page(page, small_screen=True)


# Members ------------------------------------------------------------------------------------


def test_every_public_membership_page_passes_axe(page, transactional_db):
    places = make_constituencies()
    mo = make_member(places["north"])
    sweep(
        page,
        [
            ("members:member_join", {}),
            ("members:member_join_done", {}),
            ("members:member_manage", {}),
            ("members:member_manage_sent", {}),
            ("members:member_left", {}),
        ],
    )
    visit(page, reverse("members:member_join"))
    shown_with_errors(page, "Join")
    visit(page, reverse("members:member_manage"))
    shown_with_errors(page, "Email me a link")

    # The emailed link leads to the member's details; from there, the leave page.
    visit(
        page, reverse("members:member_manage_link", kwargs={"token": member_links.link_token(mo)})
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Your membership")
    check_page(page, small_screen=True)
    page.get_by_label("Full name").fill("")
    shown_with_errors(page, "Save my details")
    sweep(page, [("members:member_leave", {}), ("members:member_get_involved", {})])
    shown_with_errors(page, "Yes, I would like to get involved")

    # A link that no longer works: the member has left.
    gone = make_member(places["north"], email="gone@example.org", status=MemberStatus.LEFT)
    visit(
        page,
        reverse("members:member_manage_link", kwargs={"token": member_links.link_token(gone)}),
        status=404,
    )
    check_page(page, small_screen=True)


def test_an_expert_joining_the_membership_meets_an_accessible_page(expert_page):
    make_constituencies()
    sweep(expert_page, [("members:expert_join", {})])


def test_every_membership_office_page_passes_axe(page, transactional_db):
    places = make_constituencies()
    mo = make_member(places["north"])
    left = make_member(
        places["council"], full_name="Lee Left", email="lee@example.org", status=MemberStatus.LEFT
    )
    make_member(places["patients"], full_name="Pat Patient", email="pat@example.org")
    expert_member = make_member(
        places["north"], full_name="Eve Expert", email="eve@example.org", expert=ExpertFactory()
    )
    sign_in_as(page, Role.MEMBERSHIP_OFFICE)
    sweep(
        page,
        [
            ("members:member_list", {}),
            ("members:member_add", {}),
            ("members:staff_list", {}),
            ("members:member_detail", {"pk": mo.pk}),
            ("members:member_edit", {"pk": mo.pk}),
            ("members:member_mark_left", {"pk": mo.pk}),
            ("members:member_detail", {"pk": left.pk}),
            ("members:member_data", {"pk": mo.pk}),
            ("members:member_erase", {"pk": mo.pk}),
            ("members:member_erase", {"pk": expert_member.pk}),
            ("members:constituency_list", {}),
            ("members:constituency_add", {}),
            ("members:constituency_edit", {"pk": places["north"].pk}),
            ("members:constituency_edit", {"pk": places["staff"].pk}),
            ("members:minimum_age", {}),
            ("members:representation", {}),
        ],
    )
    visit(page, reverse("members:member_add"))
    shown_with_errors(page, "Save")
    visit(page, reverse("members:constituency_add"))
    shown_with_errors(page, "Save")
    # How representative membership is, for one constituency chosen from the filter.
    visit(page, reverse("members:representation") + f"?constituency={places['north'].pk}")
    check_page(page, small_screen=True)
    visit(page, reverse("members:member_erase", kwargs={"pk": mo.pk}))
    shown_with_errors(page, "Erase")
    # Erased: the member's page says so.
    page.get_by_label("I understand this cannot be undone").check()
    page.get_by_role("button", name="Erase", exact=True).click()
    expect(page.get_by_text("personal data was erased")).to_be_visible()
    check_page(page, small_screen=True)


# Elections ----------------------------------------------------------------------------------


def _today_plus(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)


def _nominations_open_today(election: Election) -> None:
    Election.objects.filter(pk=election.pk).update(
        notice_published=_today_plus(-2),
        nominations_open=_today_plus(-2),
        nominations_close=_today_plus(5),
        withdrawals_close=_today_plus(6),
        poll_opens=_today_plus(10),
        poll_closes=_today_plus(20),
        declaration=_today_plus(21),
    )


# A returning officer's contact, shown on the notice, the vote pages and the officer's pages.
OFFICER_CONTACT = {
    "officer_name": "Independent Election Services",
    "officer_email": "elections@example.org",
    "officer_phone": "01632 960 418",
}


def _poll_open_today(election: Election) -> None:
    Election.objects.filter(pk=election.pk).update(
        notice_published=_today_plus(-30),
        nominations_open=_today_plus(-30),
        nominations_close=_today_plus(-20),
        withdrawals_close=_today_plus(-18),
        poll_opens=_today_plus(-2),
        poll_closes=_today_plus(10),
        declaration=_today_plus(11),
    )


def _counted_stv() -> Election:
    """Two seats by STV, four candidates and ten ballots: Ann is elected at the first stage, her
    surplus goes to Ben, Dee is excluded and her vote elects Cat, so the sheet has stages."""
    e, (ann, ben, cat, dee), codes = h.poll(
        names=("Ann Able", "Ben Baker", "Cat Cole", "Dee Dunn"),
        voters=6,  # the four candidates are members too: ten voters
        seats=2,
        method=Method.STV,
    )
    marks = (
        [[ann.pk, ben.pk]] * 5 + [[cat.pk, dee.pk]] * 3 + [[dee.pk, cat.pk]] + [[ben.pk, cat.pk]]
    )
    for code, preferences in zip(codes, marks, strict=True):
        elections.cast_vote(election=e, code=code, preferences=preferences, now=h.DURING_POLL)
    officer = h.officer()
    e = elections.close_poll(actor=officer, election=e, now=h.AFTER_POLL)
    elections.run_count(actor=officer, election=e, now=h.AFTER_POLL, lot_seed=1)
    e.refresh_from_db()
    return e


def test_every_returning_officer_page_passes_axe(page, transactional_db):
    draft = h.election(
        status=Status.DRAFT, title="Draft election for Leeds West", **OFFICER_CONTACT
    )
    nominations = h.election(title="Governors for Leeds North")
    h.candidate(nominations, "Ann Able")
    pending = h.candidate(nominations, "Ben Baker", status=NominationStatus.SUBMITTED)
    in_poll, standing, _ = h.poll()
    closed, _, _ = h.poll()
    closed = elections.close_poll(actor=h.officer(), election=closed, now=h.AFTER_POLL)
    counted = _counted_stv()
    declared = _counted_stv()
    elections.declare(actor=None, election=declared, now=h.AFTER_POLL)
    sign_in_as(page, Role.RETURNING_OFFICER)
    sweep(
        page,
        [
            ("elections:list", {}),
            ("elections:create", {}),
            ("elections:detail", {"pk": draft.pk}),
            ("elections:edit", {"pk": draft.pk}),
            ("elections:detail", {"pk": nominations.pk}),
            ("elections:officer_contact", {"pk": nominations.pk}),
            ("elections:nomination", {"pk": nominations.pk, "nomination_pk": pending.pk}),
            ("elections:detail", {"pk": in_poll.pk}),
            ("elections:nomination", {"pk": in_poll.pk, "nomination_pk": standing[0].pk}),
            ("elections:letters", {"pk": in_poll.pk}),
            ("elections:paper_ballot", {"pk": in_poll.pk}),
            ("elections:detail", {"pk": closed.pk}),
            ("elections:count", {"pk": closed.pk}),  # not counted yet
            ("elections:detail", {"pk": counted.pk}),
            ("elections:count", {"pk": counted.pk}),
            ("elections:detail", {"pk": declared.pk}),
            ("elections:count", {"pk": declared.pk}),
        ],
    )
    visit(page, reverse("elections:count", kwargs={"pk": counted.pk}))
    expect(page.get_by_text("Quota", exact=True).first).to_be_visible()
    page.set_viewport_size({"width": 320, "height": 640})
    page.screenshot(path="/tmp/sweep-count-320.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 800})

    visit(page, reverse("elections:create"))
    shown_with_errors(page, "Save the election")
    visit(
        page,
        reverse("elections:nomination", kwargs={"pk": nominations.pk, "nomination_pk": pending.pk}),
    )
    shown_with_errors(page, "Reject the nomination")
    visit(page, reverse("elections:paper_ballot", kwargs={"pk": in_poll.pk}))
    shown_with_errors(page, "Record the paper")
    visit(page, reverse("elections:officer_contact", kwargs={"pk": in_poll.pk}))
    page.get_by_label("Returning officer’s email address (optional)").fill("elections at example")
    shown_with_errors(page, "Save the contact")

    # A new code for a voter who lost theirs: outside the poll the pages say why; during it,
    # the search (empty, then found), checking the voter, and the code made for a letter or
    # emailed.
    lost, _, _ = h.poll(names=("Ann Able", "Ben Baker", "Cat Cole"), voters=1)
    _poll_open_today(lost)
    by_letter = lost.voters.get(member__full_name="Ann Able")
    by_email = lost.voters.get(member__full_name="Voter 0")
    sweep(
        page,
        [
            ("elections:new_code", {"pk": in_poll.pk}),  # its poll is not open yet
            ("elections:new_code_voter", {"pk": lost.pk, "voter_pk": by_email.pk}),
            ("elections:new_code", {"pk": lost.pk}),
        ],
    )
    shown_with_errors(page, "Find the voter")
    page.get_by_label("Name or membership number").fill("Ann")
    page.get_by_role("button", name="Find the voter").click()
    expect(page.get_by_role("link", name="Ann Able")).to_be_visible()
    check_page(page, small_screen=True)
    visit(page, reverse("elections:new_code", kwargs={"pk": lost.pk}) + "?q=Nobody+here")
    check_page(page, small_screen=True)
    visit(
        page, reverse("elections:new_code_voter", kwargs={"pk": lost.pk, "voter_pk": by_letter.pk})
    )
    check_page(page, small_screen=True)
    page.get_by_role("button", name="Make a new code for a letter").click()
    expect(page.get_by_text("This code is shown only once")).to_be_visible()
    check_page(page, small_screen=True)
    visit(
        page, reverse("elections:new_code_voter", kwargs={"pk": lost.pk, "voter_pk": by_email.pk})
    )
    page.get_by_role("button", name="Email a new code").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("A new code has been emailed")
    check_page(page, small_screen=True)


def test_every_scrutineer_page_passes_axe(page, transactional_db):
    declared = _counted_stv()
    elections.declare(actor=None, election=declared, now=h.AFTER_POLL)
    counted = _counted_stv()
    sign_in_as(page, Role.SCRUTINEER)
    sweep(
        page,
        [
            ("elections:scrutiny_list", {}),
            ("elections:recount", {"pk": counted.pk}),
            ("elections:recount", {"pk": declared.pk}),
        ],
    )
    page.get_by_role("button", name="Count again").click()
    expect(page.locator("main")).to_contain_text("Ann Able")
    check_page(page, small_screen=True)


def test_every_public_election_page_passes_axe(page, transactional_db):
    nominations = h.election(title="Governors for Leeds North")
    _nominations_open_today(nominations)
    ann = h.candidate(nominations, "Ann Able")
    in_poll, standing, codes = h.poll(names=("Ann Able", "Ben Baker", "Cat Cole"), voters=2)
    _poll_open_today(in_poll)
    Election.objects.filter(pk=in_poll.pk).update(**OFFICER_CONTACT)
    stv, _, stv_codes = h.poll(names=("Dan Dee", "Eve Ezra"), voters=1, seats=1, method=Method.STV)
    _poll_open_today(stv)
    not_yet = h.election(title="A poll not yet open", **OFFICER_CONTACT)  # nominations in 2027
    declared = _counted_stv()
    elections.declare(actor=None, election=declared, now=h.AFTER_POLL)
    counted = _counted_stv()
    sweep(
        page,
        [
            ("elections:election_notice", {"pk": nominations.pk}),
            ("elections:election_nominate", {"pk": nominations.pk}),
            ("elections:election_nominated", {"pk": nominations.pk}),
            ("elections:election_candidate", {"pk": nominations.pk, "nomination_pk": ann.pk}),
            ("elections:election_nominate", {"pk": not_yet.pk}),  # not open: its own page
            ("elections:election_notice", {"pk": in_poll.pk}),
            ("elections:election_candidate", {"pk": in_poll.pk, "nomination_pk": standing[1].pk}),
            ("elections:election_vote", {"pk": in_poll.pk}),
            ("elections:election_voted", {"pk": in_poll.pk}),
            ("elections:election_vote", {"pk": not_yet.pk}),  # the poll is not open
            ("elections:election_notice", {"pk": declared.pk}),
            ("elections:election_result", {"pk": declared.pk}),
        ],
    )
    visit(page, reverse("elections:election_result", kwargs={"pk": counted.pk}), status=404)
    check_page(page, small_screen=True)
    visit(page, reverse("elections:election_nominate", kwargs={"pk": nominations.pk}))
    shown_with_errors(page, "Send my nomination")

    # Voting: a wrong code, then the ballot (empty, then sent) and the check step.
    for election, code in ((in_poll, codes[0]), (stv, stv_codes[0])):
        visit(page, reverse("elections:election_vote", kwargs={"pk": election.pk}))
        page.get_by_label("Your code to vote").fill("AAAA-AAAA-AAAA")
        shown_with_errors(page, "Continue")
        page.get_by_label("Your code to vote").fill(code)
        page.get_by_role("button", name="Continue").click()
        expect(page.get_by_role("button", name="Check your vote")).to_be_visible()
        check_page(page, small_screen=True)
        shown_with_errors(page, "Check your vote")
        page.set_viewport_size({"width": 320, "height": 640})
        page.screenshot(path=f"/tmp/sweep-ballot-errors-{election.method}-320.png", full_page=True)
        page.set_viewport_size({"width": 1280, "height": 800})
        if election.method == Method.STV:
            page.get_by_label("Dan Dee").fill("1")
        else:
            page.get_by_label("Ann Able").check()
        page.get_by_role("button", name="Check your vote").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Check your vote")
        check_page(page, small_screen=True)
    page.set_viewport_size({"width": 320, "height": 640})
    page.screenshot(path="/tmp/sweep-vote-check-320.png", full_page=True)
    visit(page, reverse("elections:election_result", kwargs={"pk": declared.pk}))
    page.screenshot(path="/tmp/sweep-result-320.png", full_page=True)


@pytest.mark.in_process
@pytest.mark.skipif(
    PRODUCTION,
    reason=(
        "The limit is lowered in this process's settings: the production server runs in its own "
        "processes with the default limit. `make test-in-process` runs this on the live server."
    ),
)
def test_the_vote_page_refusing_more_wrong_codes_passes_axe(page, transactional_db, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "election_code": "1/h/ip"}
    in_poll, _, _ = h.poll(voters=1)
    _poll_open_today(in_poll)
    Election.objects.filter(pk=in_poll.pk).update(**OFFICER_CONTACT)
    visit(page, reverse("elections:election_vote", kwargs={"pk": in_poll.pk}))
    page.get_by_label("Your code to vote").fill("AAAA-AAAA-AAAA")
    shown_with_errors(page, "Continue")
    page.get_by_label("Your code to vote").fill("AAAA-AAAA-AAAC")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Too many wrong codes")
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("elections@example.org")
    check_page(page, small_screen=True)


# Surveys ------------------------------------------------------------------------------------


def _given(yes_no: str, meals: list[str], rating: str, words: str):
    def given(survey) -> dict:
        q1, q2, q3, q4 = ids(survey)
        return {q1: yes_no, q2: meals, q3: rating, q4: words}

    return given


_ANSWERS = [
    _given("Yes", ["Lunch", "Dinner"], "5", "Warmer plates"),
    _given("Yes", ["Lunch"], "4", ""),
    _given("No", [], "2", "Apple pie"),
]


def _answered_and_closed(office):
    north, staff = constituencies()
    people = [member(north, 1), member(north, 2), member(staff, 3)]
    survey = surveys.open_survey(actor=office, survey=survey_with_questions(office))
    answers = [given(survey) for given in _ANSWERS]
    for person, given in zip(people, answers, strict=True):
        surveys.answer_survey(survey=survey, member=person, given=given)
    return surveys.close_survey(actor=office, survey=survey)


def test_every_membership_office_survey_page_passes_axe(page, transactional_db):
    office = office_user()
    constituencies()
    draft = survey_with_questions(office)
    question = draft.questions.first()
    opened = surveys.open_survey(actor=office, survey=survey_with_questions(office))
    closed = _answered_and_closed(office)
    sign_in_as(page, Role.MEMBERSHIP_OFFICE)
    sweep(
        page,
        [
            ("surveys:list", {}),
            ("surveys:new", {}),
            ("surveys:survey", {"pk": draft.pk}),
            ("surveys:edit", {"pk": draft.pk}),
            ("surveys:question_add", {"pk": draft.pk}),
            ("surveys:question_edit", {"pk": draft.pk, "question_pk": question.pk}),
            ("surveys:question_remove", {"pk": draft.pk, "question_pk": question.pk}),
            ("surveys:preview", {"pk": draft.pk}),
            ("surveys:open", {"pk": draft.pk}),
            ("surveys:survey", {"pk": opened.pk}),
            ("surveys:close", {"pk": opened.pk}),
            ("surveys:letters", {"pk": opened.pk}),
            ("surveys:paper", {"pk": opened.pk}),
            ("surveys:results", {"pk": opened.pk}),
            ("surveys:survey", {"pk": closed.pk}),
            ("surveys:results", {"pk": closed.pk}),
        ],
    )
    page.set_viewport_size({"width": 320, "height": 640})
    page.screenshot(path="/tmp/sweep-survey-results-320.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 800})
    visit(page, reverse("surveys:new"))
    shown_with_errors(page, "Save the survey")
    visit(page, reverse("surveys:question_add", kwargs={"pk": draft.pk}))
    shown_with_errors(page, "Save the question")
    visit(page, reverse("surveys:paper", kwargs={"pk": opened.pk}))
    shown_with_errors(page, "Save the answers")


def test_every_survey_answer_page_passes_axe(page, transactional_db):
    office = office_user()
    north, _ = constituencies()
    someone = member(north, 1)
    opened = surveys.open_survey(actor=office, survey=survey_with_questions(office))
    closed = _answered_and_closed(office)
    token = survey_links.link_token(opened, someone)
    sweep(
        page,
        [
            ("surveys:survey_answer", {"token": token}),
            ("surveys:survey_answer_thanks", {}),
        ],
    )
    visit(page, reverse("surveys:survey_answer", kwargs={"token": token}))
    shown_with_errors(page, "Send my answers")
    page.set_viewport_size({"width": 320, "height": 640})
    page.screenshot(path="/tmp/sweep-survey-answer-errors-320.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 800})
    # A closed survey's link, and one already used, each say why on a page of their own.
    answered_open = member(north, 2)
    surveys.answer_survey(survey=opened, member=answered_open, given=_ANSWERS[0](opened))
    for survey, person, why in (
        (closed, someone, "This survey has closed"),
        (opened, answered_open, "You have already answered this survey"),
    ):
        link = survey_links.link_token(survey, person)
        visit(page, reverse("surveys:survey_answer", kwargs={"token": link}))
        expect(page.locator("main")).to_contain_text(why)
        check_page(page, small_screen=True)
