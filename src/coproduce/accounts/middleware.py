"""Every staff role must use a second factor: until a staff user has set up an authenticator
app, every page sends them to set one up. DEMO_RELAX_MFA turns this off for a local demo.

Experts sign in with a code sent to their email: they have no password and no authenticator
app, so the pages that set those up are not theirs."""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

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
        return self.get_response(request)

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
            request.session.pop("mfa_ok_for", None)
            return None
        if settings.DEMO_RELAX_MFA or match.url_name in ALLOWED_WITHOUT_MFA:
            return None
        if request.path.startswith(settings.STATIC_URL):
            return None
        if request.session.get("mfa_ok_for") == user.pk:
            return None
        if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            request.session["mfa_ok_for"] = user.pk
            return None
        return redirect("mfa_activate_totp")
