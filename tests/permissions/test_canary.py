"""Canaries: a unique value planted in every sensitive field of one expert never appears in a
page, an export, an email or a log line for a role that may not see it.

Who may see what, read from the code (people/rules.py, the templates, payments' pages):

| Canary (field)               | Team (coordinator, lead) | The expert | Finance | Others |
|------------------------------|--------------------------|------------|---------|--------|
| biography, pronouns          | yes (record)             | yes        | no      | no     |
| email, phone, address,       | yes (record, attendance) | yes        | no      | no     |
|   postcode                   |                          |            |         |        |
| access_notes                 | yes (record, shortlist)  | yes        | no      | no     |
| internal_notes               | yes (record)             | no         | no      | no     |
| status change reason         | yes (record, history)    | no         | no      | no     |
| payee_reference              | yes (record)             | yes (PDF)  | yes     | no     |
| earnings_limit               | yes (record, shortlist)  | yes        | yes (1) | no     |
| claim line description       | yes (claims)             | yes        | yes     | no     |

(1) The benefits warning on a claim finance approves names the declared limit.
"Others" are visitors who are not signed in, another expert, a staff member and an
administrator. The team may see everything, so it is not walked here. Not planted: the name
(finance pays people by name, staff see who comes to their sessions), and the lived
experience and access needs lists (their entries are shared choices shown on staff forms; it
is the expert's choice of them that is private, and it has no unique value to plant).

Every GET URL in the permission matrix that a role can open (the expert also opens the
matrix's "another expert's" records, here their own) is asked for with the canary expert's
records filled in, file downloads included (receipts, the payment run's CSV and XLSX). Every
email sent is checked against its recipient's role, and no log line may hold any canary."""

import io
import logging
import secrets
import zipfile
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from coproduce.accounts.roles import Role
from coproduce.opportunities.answer_links import issue_answer_link
from coproduce.opportunities.models import Membership
from coproduce.opportunities.notify import send_invitation
from coproduce.opportunities.services.calendar_feed import calendar_feed_for
from coproduce.payments.services.runs import create_payment_run
from coproduce.people.models import StatusChange
from tests.factories import (
    GroupFactory,
    InvitationFactory,
    SessionFactory,
    UserFactory,
    expert_with_account,
)
from tests.payments import claim_helpers
from tests.payments.helpers import make_policy
from tests.permissions import test_permission_matrix as walk
from tests.permissions.matrix import MATRIX
from tests.permissions.outcomes import MISSING, OK

pytestmark = pytest.mark.django_db

TOKEN = secrets.token_hex(4).upper()
EARNINGS_LIMIT = Decimal("9137.46")
CANARIES = {
    "biography": f"CanaryBiography{TOKEN}",
    "pronouns": f"canarypronouns{TOKEN}",
    "email": f"canary.mail.{TOKEN.lower()}@example.org",
    "phone": "+447700900461",
    "address": f"{TOKEN} Canary Wharf Lane",
    "postcode": "ZZ9 4QX",
    "access_notes": f"CanaryAccessNotes{TOKEN}",
    "internal_notes": f"CanaryInternalNotes{TOKEN}",
    "status_reason": f"CanaryStatusReason{TOKEN}",
    "payee_reference": f"PAYEE{TOKEN}",
    "earnings_limit": str(EARNINGS_LIMIT),
    "claim_description": f"CanaryClaimLine{TOKEN}",
}
# How each may also be written on a page.
FORMS = {
    "phone": ["+447700900461", "07700 900461", "07700900461"],
    "earnings_limit": ["9137.46", "9,137.46"],
}
EVERYONE_ELSE = ("anonymous", "other_expert", "staff", "administrator")
MAY_SEE = {
    "biography": {"self"},
    "pronouns": {"self"},
    "email": {"self"},
    "phone": {"self"},
    "address": {"self"},
    "postcode": {"self"},
    "access_notes": {"self"},
    "internal_notes": set(),
    "status_reason": set(),
    "payee_reference": {"self", "finance"},
    "earnings_limit": {"self", "finance"},
    "claim_description": {"self", "finance"},
}
# What the walk must find for a role that may see it, so that a walk that misses the canary's
# records fails. (The expert's payee reference is in their statement PDF, which is not read
# here; the earnings limit shows only with a benefits warning, not planted.)
MUST_SHOW = {
    "self": {
        "biography",
        "pronouns",
        "email",
        "phone",
        "address",
        "postcode",
        "access_notes",
        "claim_description",
    },
    "finance": {"payee_reference", "claim_description"},
}
ROLES = ("anonymous", "other_expert", "self", "staff", "finance", "administrator")
TEAM_ROLES = (Role.COORDINATOR, Role.INVOLVEMENT_LEAD)


def forbidden_for(role: str) -> dict[str, list[str]]:
    return {
        name: FORMS.get(name, [value])
        for name, value in CANARIES.items()
        if role not in MAY_SEE[name]
    }


def leaks(text: str, forbidden: dict[str, list[str]]) -> list[str]:
    return [name for name, forms in forbidden.items() if any(f in text for f in forms)]


@pytest.fixture(autouse=True)
def every_log_line(caplog, settings):
    """Every log line at DEBUG, from every logger, even those the settings quieten."""
    caplog.set_level(logging.DEBUG)
    for name in settings.LOGGING.get("loggers", {}):
        caplog.set_level(logging.DEBUG, logger=name)
    return caplog


@pytest.fixture
def canary():
    """One expert with a canary in every sensitive field, and records of every kind."""
    make_policy()
    expert = expert_with_account(
        full_name="Cara Nary",
        email=CANARIES["email"],
        biography=CANARIES["biography"],
        pronouns=CANARIES["pronouns"],
        phone=CANARIES["phone"],
        address=CANARIES["address"],
        postcode=CANARIES["postcode"],
        access_notes=CANARIES["access_notes"],
        internal_notes=CANARIES["internal_notes"],
        payee_reference=CANARIES["payee_reference"],
        benefits_declaration="weekly_limit",
        earnings_limit=EARNINGS_LIMIT,
    )
    StatusChange.objects.create(
        expert=expert,
        from_status="onboarding",
        to_status="active",
        reason=CANARIES["status_reason"],
    )
    place = claim_helpers.attended_unpaid_place(expert=expert)
    claim = claim_helpers.expense_claim(invitation=place, description=CANARIES["claim_description"])
    line = claim.lines.get()
    line.receipt.save("r.pdf", ContentFile(b"%PDF-1.4 receipt"), save=True)
    claim_helpers.approved_claim(expert=expert, description=CANARIES["claim_description"])
    run = create_payment_run(actor=UserFactory(role=Role.FINANCE))
    invitation = InvitationFactory(expert=expert, session=SessionFactory())
    token = issue_answer_link(invitation=invitation)
    send_invitation(invitation, token)
    group = GroupFactory()
    membership = Membership.objects.create(group=group, expert=expert, joined_on="2026-01-05")
    records = {
        "expert": {"pk": expert.pk},
        "expert_with_photo": {"pk": expert.pk},
        "staff_claim": {"pk": claim.pk},
        "mine_another_experts_claim": {"pk": claim.pk},
        "staff_receipt": {"pk": claim.pk, "line_pk": line.pk},
        "mine_another_experts_receipt": {"pk": claim.pk, "line_pk": line.pk},
        "staff_expert": {"expert_pk": expert.pk},
        "staff_attended_place": {"expert_pk": expert.pk, "invitation_pk": place.pk},
        "mine_another_experts_attended_place": {"invitation_pk": place.pk},
        "mine_another_experts_invitation": {"invitation_pk": invitation.pk},
        "another_experts_invitation": {"pk": invitation.pk},
        "another_experts_place": {"pk": invitation.pk},
        "attendance_session": {"pk": place.session_id},
        "answer_token": {"token": token},
        "calendar_token": {"token": calendar_feed_for(expert=expert).token},
        "group": {"pk": group.pk},
        "membership": {"pk": group.pk, "membership_pk": membership.pk},
        "staff_run": {"pk": run.pk},
        "staff_run_export": {"pk": run.pk, "file_format": "csv"},
    }
    return expert, records, run


def _client(role: str, expert) -> Client:
    if role == "self":
        client = Client()
        client.force_login(expert.user)
        return client
    return walk._client("expert" if role == "other_expert" else role)


def _opens(role: str, url_name: str) -> bool:
    method, _, expected = MATRIX[url_name]
    outcome = expected["expert" if role in ("self", "other_expert") else role]
    # The matrix asks for another expert's records; the expert opens their own here.
    return method == "get" and (outcome == OK or role == "self" and outcome == MISSING)


def _body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content.startswith(b"PK"):  # a spreadsheet: its sheets are XML inside a ZIP
        with zipfile.ZipFile(io.BytesIO(content)) as book:
            content = b"".join(book.read(name) for name in book.namelist())
    return content.decode("utf-8", errors="replace")


@pytest.mark.parametrize("role", ROLES)
def test_no_canary_reaches_a_role_that_may_not_see_it(role, canary, every_log_line):
    expert, records, run = canary
    client = _client(role, expert)
    forbidden = forbidden_for(role)
    found = []
    urls = [
        reverse(name, kwargs=records.get(MATRIX[name][1]) or walk._kwargs(MATRIX[name][1]))
        for name in sorted(MATRIX)
        if _opens(role, name)
    ]
    if role == "finance":
        urls.append(reverse("payments:run_export", kwargs={"pk": run.pk, "file_format": "xlsx"}))
    assert urls, f"{role} opens nothing"
    allowed = {n: f for n, f in forbidden_for("nobody").items() if n not in forbidden}
    seen = set()
    for url in urls:
        body = _body(client.get(url))
        found += [f"{url} shows {name}" for name in leaks(body, forbidden)]
        seen.update(leaks(body, allowed))
    # The walk reaches the canary's records: what a role may see, it is shown somewhere.
    assert MUST_SHOW.get(role, set()) <= seen, f"{role} saw only {sorted(seen)}"

    team = set(
        UserFactory._meta.model.objects.filter(role__in=TEAM_ROLES).values_list("email", flat=True)
    )
    assert mail.outbox, "the canary expert's invitation should have been emailed"
    for message in mail.outbox:
        recipients = set(message.to + message.cc + message.bcc)
        if recipients <= team:
            continue
        reader = "self" if recipients == {expert.email} else "anonymous"
        parts = [message.subject, message.body, *(a[0] for a in message.alternatives)]
        found += [
            f"email {message.subject!r} shows {name}"
            for name in leaks("\n".join(parts), forbidden_for(reader))
        ]

    everything = forbidden_for("nobody")
    assert any(r.name == "coproduce.request" for r in every_log_line.get_records("call"))
    for when in ("setup", "call"):
        for record in every_log_line.get_records(when):
            text = f"{record.getMessage()} {vars(record)}"
            found += [f"log line {record.name} shows {name}" for name in leaks(text, everything)]

    assert not found, "\n".join(found)
