"""The register's part of a person's data: their profile, lists, status history and photo."""

from django.db.models import Model

from coproduce.core.erasure import delete_file_after_commit, pseudonym
from coproduce.core.subject_access import Section
from coproduce.people.choices import Status
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
        locality=expert.locality.name if expert.locality else "",
        lived_experience=list(expert.lived_experience.values_list("name", flat=True)),
        skills=list(expert.skills.values_list("name", flat=True)),
        access_needs=list(expert.access_needs.values_list("name", flat=True)),
        can_sign_in=bool(expert.user and expert.user.is_active),
        sign_in_email=expert.user.email if expert.user else "",
    )
    history = [
        {
            "from": change.from_status,
            "to": change.to_status,
            "reason": change.reason,
            "at": change.at,
            "by": change.by.display_name if change.by else "",
        }
        for change in expert.status_changes.select_related("by").order_by("at")
    ]
    files = [("photo.jpg", expert.photo)] if expert.photo else []
    return Section("register", {"profile": profile, "status_history": history}, files)


# What erasing leaves on the row: nothing that names or describes the person. The row stays
# so that the claims, payments and invitations kept for the law still point somewhere.
_KEEP = {
    "id",
    "created_at",
    "updated_at",
    "erased_at",
    # The account is deleted by accounts.personal_data.erase, which unlinks it.
    "user",
    # Service user, carer or both: kept so that the register's counts by perspective stay
    # right; on its own it says nothing about who they were.
    "perspective",
}


def erase(expert: Expert) -> list[str]:
    """Empties every personal field of the record, removes the photo from storage and clears
    the lists and the reasons given for status changes. Called by coproduce.people.erasure,
    inside its transaction, after the audit trail has been scrubbed of their names. They are
    marked as having left: we will never contact or involve them again."""
    removed = []
    if delete_file_after_commit(expert.photo):
        removed.append("their photo")
    for field in Expert._meta.concrete_fields:
        if field.name in _KEEP or field.name == "photo":
            continue
        if field.name == "full_name":
            value = pseudonym(expert)
        elif field.has_default():
            value = field.get_default()
        elif field.null:
            value = None
        else:
            value = ""
        setattr(expert, field.attname, value)
    expert.photo = ""
    expert.status = Status.LEFT
    expert.save()
    for name in ("lived_experience", "skills", "access_needs"):
        getattr(expert, name).clear()
    expert.status_changes.update(reason="")
    removed += [
        "their name, contact details, biography, needs, availability, notes and consent",
        "their lived experience, skills and access needs",
        "the reasons written for changes to their status",
    ]
    return removed
