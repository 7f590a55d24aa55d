"""Permission matrix entries for sign-in, sign-out, passwords and MFA (django-allauth).

Signed-in people opening a sign-in page are sent on; experts have no password and no
authenticator app, so those pages refuse them; staff meet allauth's "confirm it is you" step
before anything that changes how they sign in."""

from tests.permissions.outcomes import DENIED, LOGIN, MISSING, OK, PUBLIC, REDIRECT, rule

GET = "get"

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
    "mfa_index": (GET, "", staff_security),
    "mfa_activate_totp": (GET, "", staff_sent_on),
    "mfa_deactivate_totp": (GET, "", staff_sent_on),
    "mfa_generate_recovery_codes": (GET, "", staff_sent_on),
    "mfa_view_recovery_codes": (GET, "", no_recovery_codes),
    "mfa_download_recovery_codes": (GET, "", no_recovery_codes),
}
