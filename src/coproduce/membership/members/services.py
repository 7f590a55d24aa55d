"""Every change to the register of members: joining (online, from a paper form, from the staff
list, from an expert's portal), a member changing their details or leaving, and the membership
office's constituencies and minimum age. Each runs in one transaction with its audit record;
emails go when the change commits.

The rules of the constitution are kept here whichever door a person comes through: old enough
(the trust's minimum age), one constituency at a time (a current member is never made twice),
and a constituency open to new members."""

from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from coproduce.audit import services as audit
from coproduce.audit.models import AuditEvent
from coproduce.core.formats import count_of
from coproduce.membership.members import member_data, personal_data, postcodes, queries
from coproduce.membership.members.choices import (
    AreaKind,
    ConstituencyKind,
    JoinedBy,
    MemberStatus,
)
from coproduce.membership.members.models import (
    Constituency,
    Member,
    MemberCharacteristics,
    MembershipSettings,
)

DETAIL_FIELDS = [
    "full_name",
    "email",
    "phone",
    "address",
    "postcode",
    "date_of_birth",
    "by_email",
    "by_post",
    "wants_news",
]
CHARACTERISTIC_FIELDS = ["sex", "ethnic_group", "disability"]
CONSTITUENCY_FIELDS = [
    "name",
    "kind",
    "area_kind",
    "areas",
    "governor_seats",
    "population",
    "open_to_new_members",
    "order",
]
LABELS = {
    "full_name": "Name",
    "email": "Email",
    "phone": "Phone",
    "address": "Address",
    "postcode": "Postcode",
    "date_of_birth": "Date of birth",
    "by_email": "By email",
    "by_post": "By post",
    "wants_news": "Wants news",
    "constituency": "Constituency",
    "staff_number": "Staff number",
}


class MembershipError(Exception):
    """A change refused, with the words to show the person."""


def age_on(date_of_birth: date, today: date) -> int:
    before_birthday = (today.month, today.day) < (date_of_birth.month, date_of_birth.day)
    return today.year - date_of_birth.year - before_birthday


def too_young_message(minimum: int) -> str:
    return f"You must be {minimum} or older to join"


def check_age(date_of_birth: date, today: date | None = None) -> None:
    minimum = queries.minimum_age()
    if age_on(date_of_birth, today or timezone.localdate()) < minimum:
        raise MembershipError(too_young_message(minimum))


def _audit_value(value):
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def _emails_on_commit(kind: str, member_id: int) -> None:
    from coproduce.membership.members import tasks

    transaction.on_commit(lambda: tasks.send_member_email.enqueue(kind, member_id))


@dataclass
class Joined:
    """The outcome of joining. `member` is the new member, or None when the person already
    was one (`existing`): the page says the same either way."""

    member: Member | None
    existing: Member | None = None


def join(
    *,
    actor,
    values: dict,
    constituency: Constituency,
    joined_by: JoinedBy,
    characteristics: dict[str, str] | None = None,
    expert=None,
    privacy_notice_version: str = "",
    today: date | None = None,
) -> Joined:
    """Makes the person a member of `constituency`, unless they already are one; either way
    they are emailed (a welcome, or a note that they are a member already with the link to
    manage their details), when there is an address to email."""
    fields = {name: values[name] for name in DETAIL_FIELDS if name in values}
    fields["postcode"] = postcodes.normalise(fields.get("postcode") or "")
    fields["email"] = (fields.get("email") or "").strip()
    born: date = fields["date_of_birth"]
    check_age(born, today)
    if not constituency.open_to_new_members:
        raise MembershipError(f"{constituency.name} is not taking new members")
    if joined_by != JoinedBy.STAFF_LIST and constituency.kind == ConstituencyKind.STAFF:
        raise MembershipError("Staff are enrolled from the staff list")
    with transaction.atomic():
        # Two sign-ups with the same details at the same moment must not both pass the check
        # below, and no unique key fits the rule (the same email, or the same name, date of
        # birth and postcode). Joining takes the constituencies' row locks (a handful of rows,
        # in one order) so joins run one at a time; SQLite's transactions already do.
        list(Constituency.objects.select_for_update().order_by("pk").values_list("pk"))
        existing = queries.duplicate_of(
            email=fields["email"],
            full_name=str(fields["full_name"]),
            date_of_birth=born,
            postcode=fields["postcode"],
        )
        if existing is None and expert is not None:
            existing = queries.current_members().filter(expert=expert).first()
        if existing is not None:
            if existing.email:
                _emails_on_commit("already", existing.pk)
            return Joined(None, existing)
        member = Member.objects.create(
            **fields,
            constituency=constituency,
            joined_by=joined_by,
            staff_number=values.get("staff_number", ""),
            expert=expert,
            privacy_notice_version=privacy_notice_version,
            consent_at=timezone.now(),
        )
        _keep_characteristics(member, characteristics or {})
        audit.record_change(
            actor=actor,
            instance=member,
            action=AuditEvent.Action.SIGNED_UP,
            changes={"Constituency": [None, constituency.name]},
            summary=f"Became a member ({JoinedBy(joined_by).label.lower()})",
        )
        if member.email:
            _emails_on_commit("welcome", member.pk)
    return Joined(member)


def _keep_characteristics(member: Member, answers: dict[str, str]) -> None:
    fields = {name: answers.get(name) or "" for name in CHARACTERISTIC_FIELDS}
    if not any(fields.values()):
        MemberCharacteristics.objects.filter(member=member).delete()
        return
    MemberCharacteristics.objects.update_or_create(
        member=member, defaults={**fields, "updated_at": timezone.now()}
    )


def send_manage_links(*, email: str) -> int:
    """Emails the link to manage their details to each current member with this address.
    Returns how many: the page never says."""
    found = queries.current_members_by_email(email)
    for member in found:
        _emails_on_commit("manage", member.pk)
    return len(found)


def update_details(
    *,
    actor,
    member: Member,
    values: dict,
    characteristics: dict[str, str] | None = None,
    constituency: Constituency | None = None,
) -> Member:
    """Saves the member's new details (and constituency, when the office moves them)."""
    with transaction.atomic():
        locked = Member.objects.select_for_update().get(pk=member.pk)
        if locked.status != MemberStatus.MEMBER:
            raise MembershipError("This person is no longer a member")
        values = dict(values)
        if "postcode" in values:
            values["postcode"] = postcodes.normalise(values["postcode"] or "")
        if "date_of_birth" in values:
            check_age(values["date_of_birth"])
        changes: dict[str, list] = {}
        for name in DETAIL_FIELDS + ["staff_number"]:
            if name in values and getattr(locked, name) != values[name]:
                changes[LABELS[name]] = [
                    _audit_value(getattr(locked, name)),
                    _audit_value(values[name]),
                ]
                setattr(locked, name, values[name])
        if constituency is not None and constituency.pk != locked.constituency_id:
            changes["Constituency"] = [str(locked.constituency), constituency.name]
            locked.constituency = constituency
        locked.save()
        if characteristics is not None:
            _keep_characteristics(locked, characteristics)
        audit.record_change(
            actor=actor,
            instance=locked,
            action=AuditEvent.Action.UPDATED,
            changes=changes,
            summary="Member's details changed",
        )
    return locked


def leave(*, actor, member: Member, reason: str = "", now: datetime | None = None) -> Member:
    """Ends the membership. The row stays, marked left, for counts over time and elections'
    frozen lists of voters."""
    with transaction.atomic():
        locked = Member.objects.select_for_update().get(pk=member.pk)
        if locked.status == MemberStatus.LEFT:
            return locked
        locked.status = MemberStatus.LEFT
        locked.left_at = now or timezone.now()
        locked.left_reason = reason.strip()[:200]
        locked.save()
        audit.record_change(
            actor=actor,
            instance=locked,
            action=AuditEvent.Action.STATUS_CHANGED,
            changes={"Status": [MemberStatus.MEMBER.label, MemberStatus.LEFT.label]},
            summary="Left the membership",
        )
    return locked


def save_constituency(
    *, actor, values: dict, constituency: Constituency | None = None
) -> Constituency:
    """Adds a constituency, or changes one. A public constituency's areas are postcode
    districts or local authority names; the others have none."""
    values = {name: values[name] for name in CONSTITUENCY_FIELDS if name in values}
    if values.get("kind") != ConstituencyKind.PUBLIC:
        values["area_kind"] = ""
        values["areas"] = []
    elif values.get("area_kind") == AreaKind.POSTCODE_DISTRICTS:
        values["areas"] = postcodes.clean_districts(values.get("areas") or [])
        wrong = postcodes.bad_districts(values["areas"])
        if wrong:
            raise MembershipError(f"These are not postcode districts: {', '.join(wrong)}")
    same_name = Constituency.objects.filter(name__iexact=values.get("name", ""))
    if constituency is not None:
        same_name = same_name.exclude(pk=constituency.pk)
    if same_name.exists():
        raise MembershipError(f"There is already a constituency called {values['name']}")
    with transaction.atomic():
        before = {}
        if constituency is None:
            constituency = Constituency(**values)
        else:
            constituency = Constituency.objects.select_for_update().get(pk=constituency.pk)
            before = {name: getattr(constituency, name) for name in values}
            for name, value in values.items():
                setattr(constituency, name, value)
        try:
            constituency.full_clean()
        except ValidationError as error:
            raise MembershipError(" ".join(error.messages)) from None
        constituency.save()
        changes = {
            name: [before.get(name), value]
            for name, value in values.items()
            if before.get(name) != value
        }
        audit.record_change(
            actor=actor,
            instance=constituency,
            action=AuditEvent.Action.UPDATED if before else AuditEvent.Action.CREATED,
            changes=changes,
            summary=f"Constituency {'changed' if before else 'added'}: {constituency.name}",
        )
    return constituency


def set_minimum_age(*, actor, minimum_age: int) -> MembershipSettings:
    with transaction.atomic():
        before = MembershipSettings.current().minimum_age
        saved = MembershipSettings.objects.create(minimum_age=minimum_age, set_by=actor)
        audit.record_change(
            actor=actor,
            instance=saved,
            action=AuditEvent.Action.UPDATED,
            changes={"Minimum age": [before, minimum_age]} if before != minimum_age else {},
            summary=f"Members must be at least {minimum_age}",
        )
    return saved


@dataclass
class Enrolment:
    enrolled: int = 0
    already: int = 0
    problems: list[str] | None = None


def enrol_staff(*, actor, rows: list, today: date | None = None) -> Enrolment:
    """Makes each member of staff on the list a member of the staff constituency, unless their
    staff number is on the register already (enrolled before, or opted out: either way, left
    alone). All or nothing: a row that cannot be enrolled (too young) stops the whole list.
    Each new member is emailed that they are a member and how to opt out."""
    today = today or timezone.localdate()
    constituency = queries.joinable(ConstituencyKind.STAFF)
    if constituency is None:
        return Enrolment(
            problems=["There is no staff constituency taking new members. Add one first"]
        )
    minimum = queries.minimum_age()
    problems = [
        f"Row {row.row}: {row.full_name} is younger than {minimum}, the minimum age"
        for row in rows
        if age_on(row.date_of_birth, today) < minimum
    ]
    if problems:
        return Enrolment(problems=problems)
    with transaction.atomic():
        known = set(
            Member.objects.filter(staff_number__in=[row.staff_number for row in rows]).values_list(
                "staff_number", flat=True
            )
        )
        now = timezone.now()
        new = [
            Member(
                constituency=constituency,
                joined_by=JoinedBy.STAFF_LIST,
                joined_at=now,
                consent_at=now,
                full_name=row.full_name,
                email=row.email,
                date_of_birth=row.date_of_birth,
                staff_number=row.staff_number,
                by_email=bool(row.email),
                by_post=not row.email,
                wants_news=True,
            )
            for row in rows
            if row.staff_number not in known
        ]
        made = Member.objects.bulk_create(new, batch_size=1000)
        if made and made[0].pk is None:  # databases that do not return keys from bulk inserts
            made = list(Member.objects.filter(staff_number__in=[m.staff_number for m in new]))
        audit.record_changes(
            actor=actor,
            action=AuditEvent.Action.IMPORTED,
            changes=[
                (member, member, "Became a member (enrolled from the staff list)", {})
                for member in made
            ],
        )
        for member in made:
            if member.email:
                _emails_on_commit("staff_enrolled", member.pk)
    return Enrolment(enrolled=len(made), already=len(rows) - len(made), problems=[])


class AlreadyErased(MembershipError):
    """The member's data was erased before."""


class ErasureWaits(MembershipError):
    """Something must be finished first; `reasons` says what, in words."""

    def __init__(self, reasons: list[str]):
        super().__init__(" ".join(reasons))
        self.reasons = reasons


IS_AN_EXPERT = (
    "This member is also an Expert by Experience. Their data is erased from their record on "
    "the register of experts, which erases their membership too"
)


def erase_member(*, actor, member: Member) -> list[str]:
    """Erases a member's personal data for good (UK GDPR article 17), for a member who is not
    an Expert by Experience: their name, contact details, date of birth (the year is kept) and
    characteristics go, and so do their details in the audit trail's old and new values. The
    row stays, marked left, for what member_data.KEPT says and why. One ERASED event records
    who did it and when, with what was removed and kept, never the old values. Returns what was
    removed, in words."""
    with transaction.atomic():
        locked = Member.objects.select_for_update().get(pk=member.pk)
        if locked.erased_at is not None:
            raise AlreadyErased("This member's data has already been erased")
        if locked.expert_id is not None:
            raise MembershipError(IS_AN_EXPERT)
        waiting = member_data.erase_blockers(locked)
        if waiting:
            raise ErasureWaits(waiting)
        # The audit trail first, while the names to look for are still on the row.
        about = Q(subject_model=locked._meta.label_lower, subject_id=str(locked.pk)) | Q(
            model=locked._meta.label_lower, object_id=str(locked.pk)
        )
        with audit.scrubbing(locked):
            count = audit.scrub_events(
                AuditEvent.objects.filter(about),
                names=[locked.full_name, locked.email, locked.phone],
                label=f"{personal_data.ERASED_NAME} {locked.pk}",
            )
        problems = personal_data.anonymise(locked)
        removed = [
            "their name, email address, phone number, address, postcode and staff number",
            "their date of birth (only the year is kept)",
            "what they told us about their sex, ethnic group and disability",
            f"their details from {count} entries of the audit trail (who did what, and when, "
            "is kept)",
        ]
        if problems:
            copies = count_of(problems, "copy", "copies")
            removed.append(f"why {copies} of the news could not be delivered")
        audit.record_change(
            actor=actor,
            instance=locked,
            action=AuditEvent.Action.ERASED,
            summary=f"Member's personal data erased ({personal_data.ERASED_NAME} {locked.pk})",
            changes={"removed": removed, "kept": member_data.KEPT},
        )
    return removed
