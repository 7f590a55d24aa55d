"""The header's menu, by role: each role finds its most used pages there and every other page
on "All pages", in groups."""

import re

import pytest
from django.urls import reverse

from coproduce.accounts.roles import Role
from tests.factories import UserFactory, expert_with_account

ROLES = list(Role)


def _user(role: Role):
    if role == Role.EXPERT:
        return expert_with_account().user
    return UserFactory(role=role)


def _menu(html: str) -> str:
    """The header's navigation only, so a link elsewhere on the page does not count."""
    match = re.search(r'<nav class="nhsuk-header__navigation".*?</nav>', html, re.S)
    return match.group(0) if match else ""


def _links(html: str) -> dict[str, str]:
    """Each link's address and words."""
    return {
        href: re.sub(r"<[^>]+>|\s+", " ", text).strip()
        for href, text in re.findall(r'<a\s[^>]*href="([^"]+)"[^>]*>(.*?)</a>', html, re.S)
    }


def _all_pages(client) -> dict[str, str]:
    html = client.get(reverse("all_pages")).content.decode()
    main = re.search(r"<main.*?</main>", html, re.S)
    assert main is not None
    return _links(main.group(0))


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
def test_requests_to_review_is_among_the_pages_of_the_roles_that_review_them(
    client, role, has_review
):
    user = _user(role)
    client.force_login(user)

    pages = _all_pages(client)

    assert (reverse("opportunities:review_queue") in pages) is has_review
    assert ("Requests to review" in pages.values()) is has_review
    # The menu follows the rule in opportunities/rules.py, not a list of its own.
    assert user.has_perm("opportunities.review_request") is has_review


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_the_header_is_short_and_every_page_it_leaves_out_is_on_all_pages(client, role):
    client.force_login(_user(role))
    header = _links(_menu(client.get(reverse("accessibility")).content.decode()))
    pages = _all_pages(client)

    assert 1 <= len(header) <= 6, header
    shown = set(header) - {reverse("all_pages")}
    assert shown <= set(pages), "every page in the header is on All pages too"
    assert (reverse("all_pages") in header) is (len(pages) > len(shown))
    # Every link opens a page this role may see (never "Forbidden" from its own menu).
    for href in pages:
        assert client.get(href).status_code == 200, href


@pytest.mark.django_db
def test_the_page_in_the_header_is_marked_current_and_all_pages_for_the_others(lead_client):
    register = reverse("people:register")
    html = lead_client.get(register).content.decode()
    current = re.findall(r'<a\s[^>]*aria-current="page"[^>]*>', _menu(html))
    assert len(current) == 1 and f'href="{register}"' in current[0]

    review = reverse("opportunities:review_queue")
    html = lead_client.get(review).content.decode()
    current = re.findall(r'<a\s[^>]*aria-current="page"[^>]*>', _menu(html))
    assert len(current) == 1 and f'href="{reverse("all_pages")}"' in current[0]


@pytest.mark.django_db
def test_all_pages_groups_them_under_headings(lead_client):
    html = lead_client.get(reverse("all_pages")).content.decode()
    headings = re.findall(r"<h2[^>]*>(.*?)</h2>", html)
    assert headings[:3] == ["Experts", "Getting started", "Work"]
    assert "Keeping in touch" in headings and "Settings" in headings


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_every_link_by_the_persons_name_opens_for_their_role(client, role):
    """Security and reminders by the person's name: only what the role has (the membership
    roles have no involvement work, so no reminders of it)."""
    client.force_login(_user(role))
    html = client.get(reverse("accessibility")).content.decode()
    account = re.search(r'<nav class="nhsuk-header__account.*?</nav>', html, re.S)
    assert account is not None
    links = _links(account.group(0))
    assert links, "the account menu has links"
    for href in links:
        assert client.get(href).status_code == 200, href
    expects_reminders = role not in {
        Role.EXPERT,
        Role.MEMBERSHIP_OFFICE,
        Role.RETURNING_OFFICER,
        Role.SCRUTINEER,
    }
    assert (reverse("reminders:mine_staff") in links) is expects_reminders
