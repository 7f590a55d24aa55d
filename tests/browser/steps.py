"""The steps browser journeys repeat, kept in one place as MBS's system_test_setup.py keeps
them. Signing in is here; the two checks every journey makes are in checks.py:

- sign in as someone: `sign_in_as(page, Role.FINANCE)` (or `sign_in(page, user)` for a person
  the test has already made, and the `coordinator_page`, `administrator_page` and
  `expert_page` fixtures);
- the error summary links each error to its field, which shows the same message, and the
  title starts "Error:": `checks.assert_error_summary(page, {"id_field": "words"})`, then
  `checks.follow_error_link(page, "id_field")`;
- the page passes axe (WCAG 2.x A and AA, no console errors): `checks.check_page(page)`, with
  `small_screen=True` for the 320px check too."""

from django.conf import settings
from django.test import Client

from tests.factories import UserFactory


def sign_in(page, user) -> None:
    """Signs the browser in as `user` with a session cookie made by Django's test client."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [
            {
                "name": cookie.key,
                "value": cookie.value,
                "url": page.problems.own_origin,
                "httpOnly": True,
                "secure": page.problems.own_origin.startswith("https:"),
                "sameSite": "Lax",
            }
        ]
    )


def sign_in_as(page, role, **user_fields):
    """Makes a member of staff with `role` (and any other fields given), signs the browser in
    as them, and returns them; `page.user` is them too."""
    user = UserFactory(role=role, **user_fields)
    sign_in(page, user)
    page.user = user
    return user
