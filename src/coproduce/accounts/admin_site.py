"""Django's admin behind the same sign-in as every staff page. It has no sign-in form of its
own (a password alone would skip the second factor and the lock-out): its login page sends
people to ours, and StaffMFARequiredMiddleware asks every admin page, as every other, whether
this session passed a second factor. Authenticator secrets and lock-out records are not
shown in it, and every change made through it is written to the audit trail."""

from django.contrib import admin
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_save
from django.urls import reverse

from coproduce.audit.models import AuditEvent
from coproduce.audit.services import shortened

ACTIONS = {
    ADDITION: AuditEvent.Action.CREATED,
    CHANGE: AuditEvent.Action.UPDATED,
    DELETION: AuditEvent.Action.DELETED,
}


def _our_sign_in(request, extra_context=None):
    return redirect_to_login(request.get_full_path(), login_url=reverse("account_login"))


def _hidden_models() -> list:
    from allauth.mfa.models import Authenticator
    from allauth.socialaccount.models import SocialApp, SocialToken
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    # NHS sign-in is set up by settings.py, and its tokens are never kept (SocialApp, SocialToken).
    return [Authenticator, AccessAttempt, AccessFailureLog, AccessLog, SocialApp, SocialToken]


def audit_admin_change(sender, instance: LogEntry, created: bool, **kwargs) -> None:
    """The admin's own log of a change, copied to the audit trail, which is what people read."""
    if not created:
        return
    # The stubs declare LogEntry.content_type as a ForeignKey of no model.
    kind: ContentType = instance.content_type  # type: ignore[assignment]
    label = f"{kind.app_label}.{kind.model}"
    what = instance.get_change_message() or instance.object_repr
    AuditEvent.objects.create(
        actor_id=instance.user_id,
        actor_label=str(instance.user) if instance.user_id else "",
        action=ACTIONS.get(instance.action_flag, AuditEvent.Action.UPDATED),
        model=label,
        object_id=str(instance.object_id or ""),
        subject_model=label,
        subject_id=str(instance.object_id or ""),
        summary=f"Through the Django admin: {shortened(what, 270)}",
    )


def secure(site: admin.AdminSite) -> admin.AdminSite:
    site.login = _our_sign_in  # type: ignore[method-assign]
    for model in _hidden_models():
        if site.is_registered(model):
            site.unregister(model)
    post_save.connect(audit_admin_change, sender=LogEntry, dispatch_uid="audit_admin_change")
    return site
