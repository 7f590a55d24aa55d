"""The register's part of a person's data: their profile, lists, status history and photo."""

from django.db.models import Model

from coproduce.core.subject_access import Section
from coproduce.people.models import Expert

# Fields shown as they are; foreign keys and lists are given by name below.
_SKIP = {"id", "photo", "user", "locality", "lived_experience", "skills", "access_needs"}


def _value(expert: Expert, name: str):
    value = getattr(expert, name)
    return value.pk if isinstance(value, Model) else value


def collect(expert: Expert) -> Section:
    fields = [
        f.name
        for f in Expert._meta.get_fields()
        if f.concrete and not f.many_to_many and f.name not in _SKIP
    ]
    profile = {name: _value(expert, name) for name in fields}
    profile.update(
        locality=expert.locality.name if expert.locality_id else "",
        lived_experience=list(expert.lived_experience.values_list("name", flat=True)),
        skills=list(expert.skills.values_list("name", flat=True)),
        access_needs=list(expert.access_needs.values_list("name", flat=True)),
        can_sign_in=bool(expert.user_id and expert.user.is_active),
        sign_in_email=expert.user.email if expert.user_id else "",
    )
    history = [
        {
            "from": change.from_status,
            "to": change.to_status,
            "reason": change.reason,
            "at": change.at,
            "by": change.by.display_name if change.by_id else "",
        }
        for change in expert.status_changes.select_related("by").order_by("at")
    ]
    files = [("photo.jpg", expert.photo)] if expert.photo else []
    return Section("register", {"profile": profile, "status_history": history}, files)
