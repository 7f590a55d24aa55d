"""Who may sign in through CIS2 and NHS login, and the page that says why not.

A sign-in reaches an account only when the provider gives an email address that belongs to an
active Coproduce account of the right kind: CIS2 reaches staff accounts, NHS login reaches
Experts by Experience. CIS2 must say the sign-in used a smartcard or an authenticator (its
`acr` claim), since it stands for the second factor. NHS login must also have checked the person's identity to the level
the organisation sets (NHS_LOGIN_MIN_IDENTITY_LEVEL). Nobody signs up or links an account by
any other route."""

import logging
from typing import NoReturn

from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.providers.base import AuthProcess
from django.conf import settings
from django.contrib.auth import get_user_model
from django.shortcuts import render

from coproduce.audit.models import AuditEvent
from coproduce.audit.services import record_change

logger = logging.getLogger(__name__)

IDENTITY_LEVELS = ("P0", "P5", "P9")


def identity_level_reached(level, minimum: str) -> bool:
    if level not in IDENTITY_LEVELS:
        return False
    return IDENTITY_LEVELS.index(level) >= IDENTITY_LEVELS.index(minimum)


def used_two_factors(claims: dict) -> bool:
    """Whether CIS2 says this sign-in used a smartcard or an authenticator, which is what makes
    it count as the second factor: its `acr` names the assurance level, and AAL1 (a password
    alone) is not enough. No `acr` at all is not enough either."""
    acr = str(claims.get("acr") or "")
    return bool(acr) and not acr.upper().startswith("AAL1")


def _email_verified(claims: dict) -> bool:
    value = claims.get("email_verified")
    return value is True or str(value).lower() == "true"


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin) -> bool:
        return False

    def is_auto_signup_allowed(self, request, sociallogin) -> bool:
        return False

    def pre_social_login(self, request, sociallogin) -> None:
        provider_id = sociallogin.account.provider
        service = _service(provider_id)
        if sociallogin.state.get("process") != AuthProcess.LOGIN:
            self.refuse(request, provider_id, "link")
        claims = sociallogin.account.get_provider().claims(sociallogin.account.extra_data)
        if provider_id == settings.NHS_LOGIN_PROVIDER_ID:
            if not identity_level_reached(
                claims.get("identity_proofing_level"), settings.NHS_LOGIN_MIN_IDENTITY_LEVEL
            ):
                self.refuse(request, provider_id, "identity_level")
            if not _email_verified(claims):
                self.refuse(request, provider_id, "no_account")
        if provider_id == settings.CIS2_PROVIDER_ID and not used_two_factors(claims):
            self.refuse(request, provider_id, "assurance")
        email = str(claims.get("email") or "").strip()
        user = get_user_model().objects.filter(email__iexact=email).first() if email else None
        if user is None or (sociallogin.is_existing and sociallogin.user.pk != user.pk):
            self.refuse(request, provider_id, "no_account")
        if user.is_expert != (service == "expert"):
            self.refuse(request, provider_id, "wrong_kind")
        if not user.is_active:
            self.refuse(request, provider_id, "inactive")
        if not sociallogin.is_existing:
            sociallogin.connect(request, user)
            record_change(
                actor=user,
                instance=sociallogin.account,
                subject=user,
                action=AuditEvent.Action.CREATED,
                summary=f"Linked to {sociallogin.account.get_provider().name} on first sign-in",
            )

    def on_authentication_error(
        self, request, provider, error=None, exception=None, extra_context=None
    ) -> None:
        # The error's kind only: exceptions may quote tokens or claims.
        logger.warning(
            "NHS sign-in failed: %s %s %s",
            provider.app.provider_id,
            error,
            type(exception).__name__ if exception else "",
        )
        self.refuse(request, provider.app.provider_id, "failed")

    def refuse(self, request, provider_id: str, reason: str) -> NoReturn:
        logger.info("NHS sign-in refused: %s %s", provider_id, reason)
        context = {
            "reason": reason,
            "service": _service(provider_id),
            "minimum_level": settings.NHS_LOGIN_MIN_IDENTITY_LEVEL,
        }
        raise ImmediateHttpResponse(
            render(request, "accounts/nhs_sign_in_refused.jinja", context, status=403)
        )


def _service(provider_id: str) -> str:
    return "staff" if provider_id == settings.CIS2_PROVIDER_ID else "expert"
