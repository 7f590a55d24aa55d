"""Every staff role must use a second factor, in every session: a staff user with no
authenticator app yet is sent to set one up, and one who has an app but whose session did not
pass it (a password alone, by any route there is) is signed out and asked to sign in again.
A session passed it when allauth's record of this session's sign-in includes the app's code,
or when the app was set up in this very session (setting it up asks for a code from it), or
when the session signed in through NHS Care Identity (CIS2: smartcard or CIS2 authenticator).
DEMO_RELAX_MFA turns this off for a local demo.

Experts sign in with a code sent to their email: they have no password and no authenticator
app, so the pages that set those up are not theirs."""

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

# The user id whose second factor this session has seen pass.
PASSED_KEY = "second_factor_passed_for"


def used_second_factor(request, user) -> bool:
    """Whether allauth's record of this session's sign-in includes a second factor."""
    return any(r.get("method") == "mfa" for r in get_authentication_records(request, user))


def used_smartcard(request, user) -> bool:
    """Whether this session signed in through NHS Care Identity (CIS2), which itself asks for
    a smartcard or the CIS2 authenticator: that counts as the second factor."""
    return any(
        r.get("method") == "socialaccount" and r.get("provider") == settings.CIS2_PROVIDER_ID
        for r in get_authentication_records(request, user)
    )


ALLOWED_WITHOUT_MFA = frozenset(
    {
        "mfa_activate_totp",
        "mfa_index",
        "mfa_generate_recovery_codes",
        "mfa_view_recovery_codes",
        "mfa_download_recovery_codes",
        "account_logout",
        "account_reauthenticate",
        "accessibility",
        "privacy",
    }
)

STAFF_ONLY = frozenset(
    {
        "account_change_password",
        "account_set_password",
        "account_reauthenticate",
        "mfa_index",
        "mfa_activate_totp",
        "mfa_deactivate_totp",
        "mfa_reauthenticate",
        "mfa_generate_recovery_codes",
        "mfa_view_recovery_codes",
        "mfa_download_recovery_codes",
    }
)


class StaffMFARequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = timezone.now()
        response = self.get_response(request)
        match = request.resolver_match
        if (
            request.method == "POST"
            and match is not None
            and match.url_name == "mfa_activate_totp"
            and request.user.is_authenticated
            and Authenticator.objects.filter(
                user=request.user, type=Authenticator.Type.TOTP, created_at__gte=started
            ).exists()
        ):
            # The app was set up by this request, which took a code from it.
            request.session[PASSED_KEY] = request.user.pk
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        match = request.resolver_match
        if not user.is_authenticated or match is None:
            return None
        if user.is_expert:
            if match.url_name in STAFF_ONLY:
                raise PermissionDenied
            return None
        if match.url_name == "mfa_deactivate_totp":
            # Once the app is gone, the very next page must ask for a new one.
            request.session.pop(PASSED_KEY, None)
            return None
        if settings.DEMO_RELAX_MFA or match.url_name in ALLOWED_WITHOUT_MFA:
            return None
        if request.path.startswith(settings.STATIC_URL):
            return None
        if request.session.get(PASSED_KEY) == user.pk:
            return None
        if used_smartcard(request, user):
            request.session[PASSED_KEY] = user.pk
            return None
        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            return redirect("mfa_activate_totp")
        if used_second_factor(request, user):
            request.session[PASSED_KEY] = user.pk
            return None
        # Signed in without the app (the Django admin's own form once allowed it): start again.
        logout(request)
        messages.info(request, "Sign in again, with the code from your authenticator app.")
        return redirect_to_login(request.get_full_path(), login_url=reverse("account_login"))
