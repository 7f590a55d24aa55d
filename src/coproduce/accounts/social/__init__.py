"""Signing in through the NHS: NHS Care Identity Service 2 (CIS2, smartcard or authenticator)
for staff and NHS login for Experts by Experience, each switched on by settings.py when its
variables are set. Nobody signs up this way: a sign-in reaches an account that already exists."""

from django.conf import settings


def provider_enabled(provider_id: str) -> bool:
    """Whether settings.py configured this provider (its variables are set)."""
    apps = settings.SOCIALACCOUNT_PROVIDERS.get("openid_connect", {}).get("APPS", [])
    return any(app["provider_id"] == provider_id for app in apps)
