"""Demo data for accounts: a partnership of three organisations, their teams, and a staff
sign-in for every staff role. Every person here is fictional."""

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from coproduce.accounts.models import Organisation, Team, User
from coproduce.accounts.roles import Role
from coproduce.demo.context import DemoContext, SignIn

# Long enough for the password rules (12+), and printed with the sign-ins: never a real secret.
DEMO_PASSWORD = "coproduce-demo-password"
DEMO_DOMAIN = "demo.coproduce.test"

COUNCIL = "Severn Vale Council"
TRUST = "Severn Vale Partnership NHS Foundation Trust"
USER_LED = "Voices of Severn Vale"
PARTNERSHIP: dict[str, list[str]] = {
    COUNCIL: ["Adult Social Care", "Children's Services", "Commissioning", "Public Health"],
    TRUST: [
        "Involvement and Co-production",
        "Community Mental Health",
        "Learning Disability Service",
        "Patient Safety and Investigations",
        "Recruitment",
        "Finance",
    ],
    USER_LED: ["Peer Support Network"],
}


@dataclass(frozen=True)
class DemoStaff:
    mailbox: str
    full_name: str
    role: Role
    team: tuple[str, str] | None

    @property
    def email(self) -> str:
        return f"{self.mailbox}@{DEMO_DOMAIN}"


STAFF = [
    DemoStaff("admin", "Alex Morgan", Role.ADMINISTRATOR, None),
    DemoStaff(
        "lead", "Priya Shah", Role.INVOLVEMENT_LEAD, (TRUST, "Involvement and Co-production")
    ),
    DemoStaff(
        "coordinator", "Gareth Evans", Role.COORDINATOR, (TRUST, "Involvement and Co-production")
    ),
    DemoStaff("staff", "Hannah Clarke", Role.STAFF, (COUNCIL, "Adult Social Care")),
    DemoStaff("finance", "Tom Bennett", Role.FINANCE, (TRUST, "Finance")),
    DemoStaff("members", "Ruth Okafor", Role.MEMBERSHIP_OFFICE, None),
    DemoStaff("returning", "David Lewis", Role.RETURNING_OFFICER, None),
    DemoStaff("scrutineer", "Mei Chen", Role.SCRUTINEER, None),
]
LEAD_EMAIL = STAFF[1].email
COORDINATOR_EMAIL = STAFF[2].email
FINANCE_EMAIL = STAFF[4].email
# Colleagues who fill the staff list; they have no demo sign-in (their password is unusable).
COLLEAGUES = 12
COLLEAGUE_DOMAINS = {COUNCIL: "council.severnvale.example", TRUST: "trust.severnvale.example"}
ROLE_TEAMS = {
    Role.COORDINATOR: (TRUST, "Involvement and Co-production"),
    Role.FINANCE: (TRUST, "Finance"),
}


def sign_ins() -> list[SignIn]:
    return [SignIn(s.role.label, s.email, f"password: {DEMO_PASSWORD}") for s in STAFF]


def create(ctx: DemoContext) -> None:
    teams = _partnership()
    existing = set(User.objects.values_list("email", flat=True))
    # One hash for every demo sign-in: hashing is deliberately slow, and the password is shared.
    password = make_password(DEMO_PASSWORD)
    users = [
        User(
            email=s.email,
            full_name=s.full_name,
            role=s.role,
            team=teams[s.team] if s.team else None,
            password=password,
        )
        for s in STAFF
        if s.email not in existing
    ]
    users += _colleagues(ctx, teams, existing)
    User.objects.bulk_create(users)
    ctx.say(f"Staff: {len(users)} accounts in {len(teams)} teams across the partnership")


def _partnership() -> dict[tuple[str, str], Team]:
    teams = {}
    for org_name, team_names in PARTNERSHIP.items():
        organisation, _ = Organisation.objects.get_or_create(name=org_name)
        for team_name in team_names:
            team, _ = Team.objects.get_or_create(organisation=organisation, name=team_name)
            teams[(org_name, team_name)] = team
    return teams


def _colleagues(
    ctx: DemoContext, teams: dict[tuple[str, str], Team], existing: set[str]
) -> list[User]:
    service_teams = [
        key for key in teams if key[0] in COLLEAGUE_DOMAINS and key not in ROLE_TEAMS.values()
    ]
    colleagues = []
    for n in range(COLLEAGUES):
        role = ctx.rng.choices([Role.STAFF, Role.COORDINATOR, Role.FINANCE], [8, 2, 1])[0]
        key = ROLE_TEAMS.get(role) or ctx.rng.choice(service_teams)
        first, last = ctx.faker.first_name(), ctx.faker.last_name()
        email = f"{first}.{last}{n}@{COLLEAGUE_DOMAINS[key[0]]}".lower().replace("'", "")
        if email in existing:
            continue
        user = User(email=email, full_name=f"{first} {last}", role=role, team=teams[key])
        user.set_unusable_password()
        colleagues.append(user)
    return colleagues
