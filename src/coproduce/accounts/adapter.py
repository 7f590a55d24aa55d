"""How django-allauth and django-axes behave here: closed sign-up, plain-English messages, and
one count of failed passwords (axes) rather than two."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from allauth.mfa.adapter import DefaultMFAAdapter
from django.contrib.auth import update_session_auth_hash


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_password_mismatch": "The email address or password is not right",
        "enter_current_password": "Your current password is not right",
        "incorrect_code": "The code is not right. Check the email we sent and try again",
        "incorrect_password": "The password is not right",
        "invalid_password_reset": "This link to choose a password does not work any more",
        "too_many_login_attempts": "You have tried too many times. Wait 15 minutes, then try again",
        "rate_limited": "You have tried too many times. Wait a few minutes, then try again",
    }

    def is_open_for_signup(self, request) -> bool:
        # Staff are added by an administrator; the public use the "Get involved" form.
        return False

    def get_login_stages(self) -> list[str]:
        # After a CIS2 sign-in allauth would still ask for the authenticator app's code: CIS2's
        # smartcard or authenticator is the second factor (accounts/social/stages.py).
        return [
            "coproduce.accounts.social.stages.AuthenticateStage"
            if stage == "allauth.mfa.stages.AuthenticateStage"
            else stage
            for stage in super().get_login_stages()
        ]

    def pre_authenticate(self, request, **credentials) -> None:
        # django-axes counts failed passwords per account *and address*. allauth's own counter
        # is per account from anywhere, which would let anyone lock a colleague out. allauth
        # still limits authenticator-app codes (ACCOUNT_RATE_LIMITS["login_failed"]).
        self._login_failed_rl_usage = None

    def reauthenticate(self, user, password: str) -> bool:
        confirmed = super().reauthenticate(user, password)
        if confirmed:
            # Checking a password re-hashes it when the hasher has changed (a newer Django, more
            # iterations), and the session's copy of the hash would then no longer match: the
            # next page would sign them out right after they confirmed it was them.
            user.refresh_from_db(fields=["password"])
            update_session_auth_hash(context.request, user)
        return confirmed


class MFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "incorrect_code": "The code is not right. Check your authenticator app and try again",
    }


def axes_username(request, credentials: dict | None = None) -> str | None:
    """The account django-axes counts failed sign-ins against.

    allauth authenticates with `email=`, and its form posts `login`; lower-cased so that
    typing the address in capitals does not start a fresh count.
    """
    credentials = credentials or {}
    value = credentials.get("email") or request.POST.get("login")
    return value.strip().lower() if value else None
