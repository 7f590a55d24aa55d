"""Every staff role must use a second factor: until a staff user has set up an authenticator
app, every page sends them to set one up. DEMO_RELAX_MFA turns this off for a local demo."""

from allauth.mfa.models import Authenticator
from django.conf import settings
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


class StaffMFARequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if settings.DEMO_RELAX_MFA or not user.is_authenticated or user.is_expert:
            return None
        match = request.resolver_match
        if match is None or match.url_name in ALLOWED_WITHOUT_MFA:
            return None
        if request.path.startswith(settings.STATIC_URL):
            return None
        if request.session.get("mfa_ok_for") == user.pk:
            return None
        if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            request.session["mfa_ok_for"] = user.pk
            return None
        return redirect("mfa_activate_totp")
