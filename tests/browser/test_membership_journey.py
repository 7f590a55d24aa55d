"""Foundation Trust membership in a real browser. A person joins on a phone (320px wide): sent
empty, every problem is listed and beside its question; a postcode outside the trust's area is
explained; then they join. From the emailed link they change their details and leave, after
being asked to confirm. The membership office finds them on the register and sees how
representative membership is. Every page visited passes axe; screenshots go to /tmp."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from coproduce.accounts.roles import Role
from coproduce.membership.members.choices import MemberStatus
from coproduce.membership.members.models import Member
from tests.browser.checks import assert_error_summary, check_page, visit
from tests.browser.steps import sign_in_as
from tests.membership.members.helpers import make_constituencies

pytestmark = pytest.mark.browser
PHONE = {"width": 320, "height": 720}
SHOTS = "/tmp/members"


def test_a_person_joins_on_a_phone_then_changes_their_details_and_leaves(
    page, transactional_db, sent_mail
):
    make_constituencies()
    page.set_viewport_size(PHONE)
    visit(page, reverse("members:member_join"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Become a member of the trust")
    check_page(page, small_screen=True)
    page.screenshot(path=f"{SHOTS}-join-320.png", full_page=True)

    page.get_by_role("button", name="Join").click()
    assert_error_summary(
        page,
        {
            "id_full_name": "Enter full name",
            "id_address": "Enter your address",
            "id_date_of_birth-day": "Enter your date of birth",
            "id_join_as": "Choose how you are joining",
            "id_consent": "Tick the box",
        },
    )
    check_page(page, small_screen=True)
    page.screenshot(path=f"{SHOTS}-join-errors-320.png", full_page=True)

    page.get_by_label("Full name").fill("Priya Patel")
    page.get_by_label("Email address (optional)").fill("priya.patel@example.net")
    page.get_by_label("Your address").fill("4 Headingley Lane, Leeds")
    page.get_by_label("Postcode").fill("LS99 1AA")
    page.get_by_label("Day", exact=True).fill("14")
    page.get_by_label("Month", exact=True).fill("2")
    page.get_by_label("Year", exact=True).fill("1985")
    page.get_by_label("I live in the area the trust serves").check()
    page.get_by_label("By email").check()
    page.get_by_label("Yes", exact=True).check()
    page.get_by_label("Female").check()
    page.get_by_label("I agree that the trust may keep these details").check()
    page.get_by_role("button", name="Join").click()
    assert_error_summary(page, {"id_postcode": "Your postcode LS99 is not in the area"})
    # What they typed is kept.
    expect(page.get_by_label("Full name")).to_have_value("Priya Patel")
    expect(page.get_by_label("Female")).to_be_checked()

    page.get_by_label("Postcode").fill("LS6 3BB")
    page.get_by_label("I agree that the trust may keep these details").check()
    page.get_by_role("button", name="Join").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Thank you")
    expect(page.get_by_text("We have sent you an email")).to_be_visible()
    check_page(page, small_screen=True)
    page.screenshot(path=f"{SHOTS}-joined-320.png", full_page=True)
    member = Member.objects.get()
    assert member.constituency.name == "Leeds North"

    (welcome,) = sent_mail.wait_for("priya.patel@example.net", containing="Thank you for joining")
    link = re.search(r"/members/manage/link/\S+/", welcome.body).group(0)
    visit(page, link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your membership")
    expect(page).to_have_url(re.compile(r"/members/manage/details/$"))
    check_page(page, small_screen=True)
    page.screenshot(path=f"{SHOTS}-details-320.png", full_page=True)
    page.get_by_label("Phone number (optional)").fill("0113 496 0000")
    page.get_by_role("button", name="Save my details").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("saved")
    member.refresh_from_db()
    assert member.phone

    page.get_by_role("link", name="Leave the membership").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Are you sure you want to leave?")
    check_page(page, small_screen=True)
    page.get_by_label("Why are you leaving? (optional)").fill("Moving away")
    page.get_by_role("button", name="Leave the membership").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("You have left")
    check_page(page, small_screen=True)
    member.refresh_from_db()
    assert member.status == MemberStatus.LEFT and member.left_reason == "Moving away"

    # The same link now says why it cannot be used.
    visit(page, link, status=404)
    expect(page.get_by_text("You are no longer a member")).to_be_visible()
    check_page(page)


def test_the_membership_office_finds_members_and_sees_how_representative_they_are(
    page, transactional_db
):
    places = make_constituencies()
    from tests.membership.members.helpers import make_member

    for n in range(12):
        make_member(places["north"], full_name=f"Member {n:02}", email=f"m{n}@example.org")
    sign_in_as(page, Role.MEMBERSHIP_OFFICE)
    visit(page, reverse("members:member_list"))
    check_page(page, small_screen=True)
    page.get_by_label("Name, email or postcode").fill("Member 07")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Member 07").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Member 07")
    check_page(page, small_screen=True)
    for name in ("representation", "constituency_list", "member_add", "staff_list"):
        visit(page, reverse(f"members:{name}"))
        check_page(page, small_screen=True)
    visit(page, reverse("members:representation"))
    expect(page.locator(".app-chart-block svg[role=img]")).to_have_count(5)
    page.screenshot(path=f"{SHOTS}-representation-1280.png", full_page=True)
