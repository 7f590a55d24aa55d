from enum import StrEnum


class Role(StrEnum):
    """What a person does here. Each app's rules.py decides what a role may do."""

    ADMINISTRATOR = "administrator"
    INVOLVEMENT_LEAD = "involvement_lead"
    COORDINATOR = "coordinator"
    STAFF = "staff"
    FINANCE = "finance"
    # Foundation Trust membership and governor elections (the membership apps).
    MEMBERSHIP_OFFICE = "membership_office"
    RETURNING_OFFICER = "returning_officer"
    SCRUTINEER = "scrutineer"
    EXPERT = "expert"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(role.value, role.label) for role in cls]

    @classmethod
    def staff_roles(cls) -> list["Role"]:
        return [role for role in cls if role != cls.EXPERT]


ROLE_LABELS = {
    Role.ADMINISTRATOR: "Administrator",
    Role.INVOLVEMENT_LEAD: "Involvement lead",
    Role.COORDINATOR: "Involvement coordinator",
    Role.STAFF: "Staff member",
    Role.FINANCE: "Finance officer",
    Role.MEMBERSHIP_OFFICE: "Membership office",
    Role.RETURNING_OFFICER: "Returning officer",
    Role.SCRUTINEER: "Scrutineer",
    Role.EXPERT: "Expert by Experience",
}
