"""The account's part of a person's data: how they sign in, when they did, the second factor
they set up and the sessions still open.

What the product records about signing in: django-axes keeps a row for each sign-in (when, from
which address and browser, when they signed out) and one for an account's recent failed tries
(reset when they next sign in); allauth keeps each second factor and when it was set up and last
used; Django keeps open sessions. Secrets never leave: no password hash, no authenticator
secret, no recovery codes, no session keys."""

from importlib import import_module

from allauth.mfa.models import Authenticator
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.utils import timezone

from coproduce.core.subject_access import Section


def _sign_ins(email: str) -> list[dict]:
    return [
        {
            "at": log.attempt_time,
            "signed_out_at": log.logout_time,
            "address": log.ip_address or "",
            "browser": log.user_agent,
        }
        for log in AccessLog.objects.filter(username__iexact=email).order_by("-attempt_time")
    ]


def _failed_sign_ins(email: str) -> list[dict]:
    return [
        {
            "last_tried_at": attempt.attempt_time,
            "failed_tries": attempt.failures_since_start,
            "address": attempt.ip_address or "",
            "browser": attempt.user_agent,
        }
        for attempt in AccessAttempt.objects.filter(username__iexact=email).order_by(
            "-attempt_time"
        )
    ]


# allauth's own names ("TOTP Authenticator") are not words people use.
KINDS = {
    Authenticator.Type.TOTP: "Authenticator app",
    Authenticator.Type.RECOVERY_CODES: "Recovery codes",
    Authenticator.Type.WEBAUTHN: "Security key or passkey",
}


def _second_factor(user) -> list[dict]:
    """Each second factor set up, and when: never its secret or its codes."""
    return [
        {
            "kind": KINDS.get(authenticator.type, authenticator.get_type_display()),
            "set_up_at": authenticator.created_at,
            "last_used_at": authenticator.last_used_at,
        }
        for authenticator in Authenticator.objects.filter(user=user).order_by("created_at")
    ]


def _open_sessions(user) -> list[dict]:
    """When each open session of theirs ends. Sessions are not stored by person, so each
    unexpired one is read (one query); its key is never given."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    if not hasattr(store, "get_model_class"):
        return []
    wanted = str(user.pk)
    return [
        {"ends_at": row.expire_date}
        for row in store.get_model_class()
        .objects.filter(expire_date__gt=timezone.now())
        .order_by("expire_date")
        if str(store().decode(row.session_data).get("_auth_user_id")) == wanted
    ]


def collect(expert) -> Section:
    user = expert.user if expert.user_id else None
    if user is None:
        return Section("account", {"has_an_account": False})
    sessions = _open_sessions(user)
    return Section(
        "account",
        {
            "has_an_account": True,
            "sign_in_email": user.email,
            "account_made_at": user.date_joined,
            "last_signed_in_at": user.last_login,
            "can_sign_in": user.is_active,
            "open_sessions": len(sessions),
            "sessions": sessions,
            "second_factor": _second_factor(user),
            "sign_ins": _sign_ins(user.email),
            "failed_sign_ins": _failed_sign_ins(user.email),
        },
    )


def erase(expert) -> list[str]:
    """Deletes their account, and with it their email addresses and second factors; ends
    their sessions (and so any sign-in code waiting in one), and removes the sign-in records
    that name them by email address. Erasure is done by coproduce.people.erasure."""
    user = expert.user if expert.user_id else None
    if user is None:
        return []
    email = user.email
    store = import_module(settings.SESSION_ENGINE).SessionStore
    if hasattr(store, "get_model_class"):
        wanted = str(user.pk)
        sessions = store.get_model_class().objects.all()
        ended = [
            row.pk
            for row in sessions.only("pk", "session_data")
            if str(store().decode(row.session_data).get("_auth_user_id")) == wanted
        ]
        sessions.filter(pk__in=ended).delete()
    AccessLog.objects.filter(username__iexact=email).delete()
    AccessAttempt.objects.filter(username__iexact=email).delete()
    AccessFailureLog.objects.filter(username__iexact=email).delete()
    user.delete()
    expert.user = None
    return ["their sign-in account, email address, second factor, sessions and sign-in records"]
