"""The pages of a mailing list that also goes to Foundation Trust members (issue 15) pass axe
at desktop width and at 320px: the list form with its choice of members, the list, the check
before sending with its members' counts, and a member's link to stop the trust's news (asked,
done, and broken)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from coproduce.comms.lists import services
from coproduce.comms.lists.unsubscribe import member_token
from tests.browser.checks import check_page, visit
from tests.factories import ExpertFactory, UserFactory
from tests.membership.members.helpers import make_constituencies, make_member

pytestmark = pytest.mark.browser


def test_every_page_of_a_list_to_members_passes_axe(coordinator_page, transactional_db):
    page = coordinator_page
    places = make_constituencies()
    mo = make_member(places["north"], email="mo@example.org")
    make_member(places["north"], full_name="Ned", email="ned@example.org", wants_news=False)
    actor = UserFactory(role="coordinator")
    made = services.save_list(
        actor=actor,
        values={
            "name": "Trust news",
            "topic": "News",
            "to_members": True,
            "members_constituency": places["north"],
        },
    )
    expert = ExpertFactory(consent_given_at=timezone.now(), email="eve@example.org")
    services.add_members(actor=actor, mailing_list=made, experts=[expert])
    message = services.save_message(
        actor=actor, mailing_list=made, values={"subject": "News", "body": "Our news."}
    )
    for name, kwargs in [
        ("mailing:list_change", {"pk": made.pk}),
        ("mailing:list", {"pk": made.pk}),
        ("mailing:message_check", {"pk": message.pk}),
    ]:
        visit(page, reverse(name, kwargs=kwargs))
        check_page(page, small_screen=True)

    page.context.clear_cookies()  # the member has no account
    link = reverse(
        "mailing:member_news_stop", args=[member_token(member_id=mo.pk, list_id=made.pk)]
    )
    visit(page, link)
    check_page(page, small_screen=True)
    page.get_by_role("button", name="Stop getting our news").click()
    check_page(page, small_screen=True)
    visit(page, reverse("mailing:member_news_stop", args=["broken"]), status=404)
    check_page(page, small_screen=True)
