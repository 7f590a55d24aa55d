"""Permission matrix entries for sign-in, sign-out, passwords and MFA (django-allauth).

Signed-in people opening a sign-in page are sent on; experts have no password and no
authenticator app, so those pages refuse them; staff meet allauth's "confirm it is you" step
before anything that changes how they sign in."""

from tests.permissions.outcomes import (
    DENIED,
    LOGIN,
    MISSING,
    OK,
    PUBLIC,
    REDIRECT,
    SIGNED_OUT,
    rule,
)

GET, POST = "get", "post"

# Pages for signing in: open to visitors; a signed-in person is sent on to their home page.
signing_in = rule(default=REDIRECT, anonymous=OK)
# allauth's later sign-in steps, with no sign-in under way: back to the start.
no_sign_in_under_way = rule(default=REDIRECT, anonymous=LOGIN)
# How staff sign in: experts have neither a password nor an authenticator app.
staff_security = rule(default=OK, expert=DENIED)
# Staff are sent on: to confirm it is them before they change how they sign in, or to change
# the password they already have.
staff_sent_on = rule(default=REDIRECT, expert=DENIED)
# The test staff have an authenticator app but no recovery codes yet: nothing to show.
no_recovery_codes = rule(default=MISSING, expert=DENIED)
# allauth's old addresses, kept as permanent redirects to its new ones.
REDIRECT_ALL = rule(default=REDIRECT)

AUTH: dict[str, tuple[str, str, dict[str, str]]] = {
    "account_login": (GET, "", signing_in),
    "account_request_login_code": (GET, "", signing_in),
    "account_confirm_login_code": (GET, "", no_sign_in_under_way),
    "mfa_authenticate": (GET, "", no_sign_in_under_way),
    # Sign-up is closed: visitors are told how to get involved instead.
    "account_signup": (GET, "", signing_in),
    # A confirmation page: signing out is a POST, so a link cannot sign anyone out.
    "account_logout": (GET, "", rule(default=OK, anonymous=REDIRECT)),
    # Password reset answers everyone the same; a made-up key gets "this link does not work".
    "account_reset_password": (GET, "", PUBLIC),
    "account_reset_password_done": (GET, "", PUBLIC),
    "account_reset_password_from_key": (GET, "reset_key", PUBLIC),
    "account_reset_password_from_key_done": (GET, "", PUBLIC),
    # Email verification is off; these pages only explain, and a made-up key does nothing.
    "account_confirm_email": (GET, "email_key", PUBLIC),
    "account_email_verification_sent": (GET, "", PUBLIC),
    "account_inactive": (GET, "", PUBLIC),
    # Sign-in emails follow the register and the administrator, not the person (urls.py).
    "account_email": (GET, "", rule(default=MISSING)),
    "account_change_password": (GET, "", staff_security),
    "account_set_password": (GET, "", staff_sent_on),
    "account_reauthenticate": (GET, "", staff_security),
    "mfa_reauthenticate": (GET, "", staff_security),
    # Confirming it is you by an emailed code is switched off (settings.py): staff confirm
    # with their password or app, and experts have no sign-in settings to change.
    "account_request_reauthentication_code": (GET, "", rule(default=DENIED)),
    "account_confirm_reauthentication_code": (GET, "", rule(default=DENIED)),
    # NHS CIS2 and NHS login (accounts/social/): switched off unless their variables are set,
    # as here, and then the addresses answer 404 to everyone (tests/accounts/test_oidc.py
    # walks them switched on).
    "openid_connect_login": (GET, "oidc_provider", rule(default=MISSING, anonymous=MISSING)),
    "openid_connect_callback": (GET, "oidc_provider", rule(default=MISSING, anonymous=MISSING)),
    # allauth's pages for linking, unlinking and signing up through a provider are not used
    # (urls.py), nor its old addresses for them, which only send people on to those.
    "socialaccount_connections": (GET, "", rule(default=MISSING)),
    "socialaccount_signup": (GET, "", rule(default=MISSING)),
    "socialaccount_login_cancelled": (GET, "", rule(default=MISSING)),
    "socialaccount_login_error": (GET, "", rule(default=MISSING)),
    "None:<unnamed social/connections/>": (GET, "path:/accounts/social/connections/", REDIRECT_ALL),
    "None:<unnamed social/signup/>": (GET, "path:/accounts/social/signup/", REDIRECT_ALL),
    "None:<unnamed social/login/cancelled/>": (
        GET,
        "path:/accounts/social/login/cancelled/",
        REDIRECT_ALL,
    ),
    "None:<unnamed social/login/error/>": (GET, "path:/accounts/social/login/error/", REDIRECT_ALL),
    "mfa_index": (GET, "", staff_security),
    "mfa_activate_totp": (GET, "", staff_sent_on),
    "mfa_deactivate_totp": (GET, "", staff_sent_on),
    "mfa_generate_recovery_codes": (GET, "", staff_sent_on),
    "mfa_view_recovery_codes": (GET, "", no_recovery_codes),
    "mfa_download_recovery_codes": (GET, "", no_recovery_codes),
    # The sign-out warning's questions (static/js/session-timeout.mjs), about one's own sign-in:
    # anyone signed in may ask; a visitor, or someone just signed out, hears so in JSON.
    "account_session": (GET, "", rule(default=OK, anonymous=SIGNED_OUT)),
    "account_session_extend": (POST, "", rule(default=OK, anonymous=SIGNED_OUT)),
}
