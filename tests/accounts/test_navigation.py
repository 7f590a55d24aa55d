"""The header's menu, by role: each role finds its own work there."""

import re

import pytest
from django.urls import reverse

from coproduce.accounts.roles import Role
from tests.factories import UserFactory, expert_with_account


def _user(role: Role):
    if role == Role.EXPERT:
        return expert_with_account().user
    return UserFactory(role=role)


def _menu(client) -> str:
    """The header's navigation only, so a link elsewhere on the page does not count."""
    html = client.get(reverse("accessibility")).content.decode()
    match = re.search(r'<nav class="nhsuk-header__navigation".*?</nav>', html, re.S)
    return match.group(0) if match else ""


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "has_review"),
    [
        (Role.INVOLVEMENT_LEAD, True),
        (Role.COORDINATOR, True),
        (Role.STAFF, False),
        (Role.FINANCE, False),
        (Role.EXPERT, False),
        (Role.ADMINISTRATOR, False),
    ],
)
def test_requests_to_review_is_in_the_menu_of_the_roles_that_review_them(client, role, has_review):
    user = _user(role)
    client.force_login(user)

    menu = _menu(client)

    assert menu, "the page has a header menu"
    assert (f'href="{reverse("opportunities:review_queue")}"' in menu) is has_review
    assert ("Requests to review" in menu) is has_review
    # The menu follows the rule in opportunities/rules.py, not a list of its own.
    assert user.has_perm("opportunities.review_request") is has_review


@pytest.mark.django_db
def test_requests_to_review_is_marked_as_the_current_page_on_the_review_queue(lead_client):
    href = reverse("opportunities:review_queue")
    html = lead_client.get(href).content.decode()
    menu = re.search(r'<nav class="nhsuk-header__navigation".*?</nav>', html, re.S).group(0)

    link = re.search(rf'<a\s[^>]*href="{re.escape(href)}"[^>]*>', menu)
    assert link is not None
    assert 'aria-current="page"' in link.group(0)
