"""Who the load run's simulated people are, made in the filled database by the worker's
`plan` step: accounts and signed-in sessions for many distinct coordinators, finance officers
and experts, and the records each will open or change. The locustfile (load_users.py) reads
the plan as JSON, so the load tool never imports Django.

Each simulated person gets records of their own to change (the claims a finance officer
approves, the meetings an expert claims for), so that two of them never race for one record
and an honest refusal ("already approved") is not counted as an error."""

from decimal import Decimal

# Experts are the many, so they get the most accounts; every role gets at least as many
# accounts as the load run can start users of it.
ROLES = ("coordinator", "finance", "expert")
BENCH_DOMAIN = "bench.coproduce.test"
# Small and well inside every demo policy's limits, so that the claim is accepted.
EXPENSE_AMOUNT = Decimal("4.20")
SAMPLE = 200


def make_plan(per_role: int) -> dict:
    from django.conf import settings

    people = {
        "coordinator": _staff("coordinator", per_role),
        "finance": _staff("finance", per_role),
        "expert": _experts(per_role),
    }
    claims = _waiting_claims()
    finance = people["finance"]
    for n, claim_pk in enumerate(claims):
        finance[n % len(finance)]["claims"].append(claim_pk)
    return {
        "cookie_name": settings.SESSION_COOKIE_NAME,
        "csrf_cookie_name": settings.CSRF_COOKIE_NAME,
        "people": people,
        "urls": _urls(),
        **_records(),
    }


# Stands for a record's id in a URL, so that the locustfile fills it in without Django.
_ID = 987654321
URLS = {
    "my_involvement": ("opportunities:my_involvement", False),
    "my_profile": ("people:my_profile", False),
    "my_claims": ("payments:my_claims", False),
    "my_claim_new": ("payments:my_claim_new", True),
    "register": ("people:register", False),
    "expert": ("people:expert_detail", True),
    "expert_add": ("people:expert_add", False),
    "shortlist": ("opportunities:shortlist", True),
    "session_add": ("opportunities:session_add", True),
    "calendar": ("opportunities:calendar", False),
    "calendar_list": ("opportunities:calendar_list", False),
    "claims": ("payments:claims", False),
    "claim": ("payments:claim_detail", True),
    "claim_approve": ("payments:claim_approve", True),
}


def _urls() -> dict[str, str]:
    """Each page's path, with `{}` where a record's id goes."""
    from django.urls import reverse

    return {
        key: reverse(name, args=[_ID] if with_id else []).replace(str(_ID), "{}")
        for key, (name, with_id) in URLS.items()
    }


def _session_cookie(user, *, staff: bool) -> str:
    """A signed-in session as the sign-in pages would leave it. Staff have passed their second
    factor (the middleware's own session mark), as after signing in with an authenticator."""
    from django.test import Client

    from coproduce.accounts.middleware import PASSED_KEY

    client = Client()
    client.force_login(user)
    session = client.session
    if staff:
        session[PASSED_KEY] = user.pk
        session.save()
    key = session.session_key
    if key is None:  # force_login saved the session, so it has one
        raise RuntimeError("The signed-in session for the load test has no key.")
    return key


def _staff(role: str, count: int) -> list[dict]:
    from coproduce.accounts.models import Team, User
    from coproduce.accounts.roles import Role
    from coproduce.demo.accounts import ROLE_TEAMS

    org, team_name = ROLE_TEAMS[Role(role)]
    team = Team.objects.get(organisation__name=org, name=team_name)
    users = []
    for n in range(1, count + 1):
        user, _ = User.objects.get_or_create(
            email=f"{role}-{n}@{BENCH_DOMAIN}",
            defaults={"full_name": f"Bench {role.title()} {n}", "role": role, "team": team},
        )
        users.append({"cookie": _session_cookie(user, staff=True), "claims": []})
    return users


def _experts(count: int) -> list[dict]:
    """Experts who came to meetings they can still claim expenses for, each given an account
    of their own (in the demo only a handful of experts have one)."""
    from coproduce.accounts.models import User
    from coproduce.accounts.roles import Role
    from coproduce.payments.queries.mine import can_claim_for
    from coproduce.people.models import Expert

    people = []
    candidates = Expert.objects.filter(status="active", user__isnull=True).order_by("pk")
    for expert in candidates.iterator(chunk_size=200):
        places = can_claim_for(expert)
        if not places:
            continue
        user = User.objects.create(
            email=f"expert-{expert.pk}@{BENCH_DOMAIN}",
            full_name=expert.full_name,
            role=Role.EXPERT,
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
        expert.user = user
        expert.save(update_fields=["user"])
        people.append(
            {
                "cookie": _session_cookie(user, staff=False),
                "places": [_expense_for(place) for place in places],
            }
        )
        if len(people) == count:
            break
    return people


def _expense_for(place) -> dict:
    """One expense the policy on the meeting's day accepts without anyone agreeing it
    beforehand: its kind, a small amount, and whether a receipt must go with it."""
    from django.utils import timezone

    from coproduce.payments.choices import ExpenseCategory
    from coproduce.payments.queries.fees import expense_rules, policy_on

    rules = expense_rules(policy_on(timezone.localdate(place.session.starts_at)))
    usable = [
        rule
        for category, rule in sorted(rules.items())
        if category != ExpenseCategory.MILEAGE
        and not rule.needs_agreement
        and (rule.limit is None or rule.limit >= EXPENSE_AMOUNT)
    ]
    rule = usable[0] if usable else None
    return {
        "invitation": place.pk,
        "category": rule.category if rule else "",
        "amount": str(EXPENSE_AMOUNT),
        "receipt": bool(
            rule and rule.receipt_over is not None and rule.receipt_over < EXPENSE_AMOUNT
        ),
    }


def _waiting_claims() -> list[int]:
    from coproduce.payments.choices import ClaimStatus
    from coproduce.payments.models import Claim

    waiting = Claim.objects.filter(status__in=[ClaimStatus.SUBMITTED, ClaimStatus.CHECKED])
    return list(waiting.order_by("submitted_at", "pk").values_list("pk", flat=True))


def _records() -> dict:
    """What coordinators open: published opportunities (shortlists, adding sessions), experts'
    profiles, surnames to search the register by, and months of the calendar."""
    from django.utils import timezone

    from coproduce.opportunities.models import Opportunity
    from coproduce.people.models import Expert

    published = Opportunity.objects.filter(status="published").order_by("-pk")
    experts = Expert.objects.filter(status="active").order_by("?")[:SAMPLE]
    today = timezone.localdate()
    months = [
        f"{(today.year * 12 + today.month - 1 + k) // 12}-{(today.month - 1 + k) % 12 + 1:02d}"
        for k in range(-2, 4)
    ]
    return {
        "opportunities": list(published.values_list("pk", flat=True)[:SAMPLE]),
        "experts": [e.pk for e in experts],
        "surnames": sorted({e.full_name.split()[-1] for e in experts}),
        "months": months,
    }
