"""The canary test for erasure: a unique value is planted in every personal field of one
expert (their profile, account, status history, group, claims, receipts, fee choices, photo,
the audit trail's old and new values, a failed invitation's list), they are erased, and then
every table, every stored file, every log line, the mail sent and the register's exports are
searched: the value is nowhere."""

import io
import logging
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.core import mail
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client

from coproduce.accounts.roles import Role
from coproduce.onboarding.models import Signature
from coproduce.opportunities.models import InviteRun
from coproduce.opportunities.services.groups import add_member
from coproduce.payments.choices import FeeChoice
from coproduce.payments.models import ClaimLine
from coproduce.payments.services.approval import approve_claim, check_claim, send_back_claim
from coproduce.payments.services.decisions import record_fee_choice
from coproduce.payments.services.expenses import ExpenseItem, claim_expenses, send_claim_again
from coproduce.payments.services.runs import create_payment_run
from coproduce.people import services as people
from coproduce.people.erasure import erase_person
from coproduce.people.models import Expert, StatusChange
from tests.factories import GroupFactory, LivedExperienceAreaFactory, UserFactory
from tests.onboarding.agreement_helpers import current_confidentiality
from tests.payments.helpers import accepted_place, attend, make_policy

pytestmark = pytest.mark.django_db

# In every planted value; searched for without regard to case. Not a hexadecimal number: the
# debug log prints memory addresses ("0x7f3a…"), which once matched "7F3A".
MARK = "7Q3Z"


def canary(name: str, length: int = 300) -> str:
    return f"CANARY-{name}-{MARK}"[: max(length, 0)] if length >= 30 else f"Z{MARK}"[:length]


def _plant_profile(lead) -> Expert:
    expert = people.add_expert(
        actor=lead,
        values={
            "full_name": "Canary Person 7q3z",
            "preferred_name": canary("preferred"),
            "email": "canary-email-7q3z@example.net",
            "phone": "+447700907q3z"[:20],
            "postcode": "ZZ7Q3Z",
            "perspective": "carer",
            # (Not active: becoming active needs the onboarding checklist done.)
            "status": "onboarding",
        },
    )
    # The person changes their own profile: the audit keeps old and new values, under their
    # name as the one who changed it.
    people.update_own_profile(
        expert=expert,
        values={"biography": canary("biography"), "access_notes": canary("access_notes")},
    )
    people.change_status(actor=lead, expert=expert, status="paused", reason=canary("reason"))
    # Every other text field of the record, whatever it is called: a field added later is
    # planted too.
    values = {}
    for field in Expert._meta.concrete_fields:
        if field.get_internal_type() in ("CharField", "TextField") and not field.choices:
            if MARK.lower() not in str(getattr(expert, field.attname)).lower():
                values[field.attname] = canary(field.name, field.max_length or 300)
        if field.get_internal_type() == "JSONField":
            values[field.attname] = [canary(field.name)]
    Expert.objects.filter(pk=expert.pk).update(**values)
    expert.refresh_from_db()
    expert.lived_experience.add(LivedExperienceAreaFactory())
    Signature.objects.create(
        expert=expert, version=current_confidentiality(), typed_name=canary("typed_name", 200)
    )
    expert.photo.save("photo.jpg", ContentFile(b"\xff\xd8 photo of CANARY-photo-7q3z"))
    return expert


def _plant_involvement(expert, lead) -> None:
    add_member(
        actor=lead, group=GroupFactory(), expert=expert, role=canary("role"), joined_on=date.today()
    )
    make_policy()
    place = attend(accepted_place(expert=expert, paid=False))
    claim = claim_expenses(
        actor=expert.user,
        invitation=place,
        items=[
            ExpenseItem(
                category="taxi",
                amount=Decimal("12.00"),
                description=canary("expense"),
                agreed_by=canary("agreed_by"),
                receipt=ContentFile(b"%PDF-1.4 receipt CANARY-receipt-7q3z", name="r.pdf"),
                receipt_name=canary("receipt_name"),
            )
        ],
        on_behalf=False,
    )
    send_back_claim(actor=lead, claim=claim, reason=canary("return_reason"))
    line = ClaimLine.objects.get(claim=claim)
    send_claim_again(
        actor=expert.user,
        claim=claim,
        items=[
            ExpenseItem(
                category="taxi",
                amount=Decimal("12.00"),
                description=canary("expense2"),
                agreed_by=canary("agreed_by"),
                kept_receipt=line.receipt.name,
                receipt_name=canary("receipt_name"),
            )
        ],
        on_behalf=False,
    )
    claim = check_claim(actor=UserFactory(role=Role.COORDINATOR), claim=claim)
    approve_claim(actor=UserFactory(role=Role.FINANCE), claim=claim)
    # Money owed is paid before a person can be erased.
    create_payment_run(actor=UserFactory(role=Role.FINANCE), claim_ids=[claim.pk])
    other = accepted_place(expert=expert, paid=True)
    record_fee_choice(
        actor=lead,
        invitation=other,
        choice=FeeChoice.EXPENSES_ONLY,
        by_expert=False,
        reason=canary("fee_reason"),
    )
    InviteRun.objects.create(
        opportunity=place.session.opportunity,
        problems=[{"expert": expert.full_name, "reason": "No email address"}],
    )


def _plant_sign_in(expert) -> None:
    client = Client()
    client.force_login(expert.user)
    AccessLog.objects.create(username=expert.user.email, ip_address="127.0.0.1", user_agent="x")
    AccessAttempt.objects.create(
        username=expert.user.email, ip_address="127.0.0.1", user_agent="x", failures_since_start=1
    )


def _every_table() -> list[str]:
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                if MARK.lower() in repr(row).lower():
                    found.append(f"{table}: {row!r}")
    return found


def _every_file() -> list[str]:
    root = settings.MEDIA_ROOT
    return [
        str(path)
        for path in root.rglob("*")
        if path.is_file()
        and (
            MARK.lower().encode() in path.read_bytes().lower() or MARK.lower() in str(path).lower()
        )
    ]


def _exports(lead) -> list[str]:
    client = Client()
    client.force_login(lead)
    found = []
    csv = client.get("/register/export.csv")
    assert csv.status_code == 200
    if MARK.lower().encode() in b"".join(csv.streaming_content).lower():
        found.append("register CSV")
    xlsx = client.get("/register/export.xlsx")
    assert xlsx.status_code == 200
    with zipfile.ZipFile(io.BytesIO(b"".join(xlsx.streaming_content))) as book:
        for name in book.namelist():
            if MARK.lower().encode() in book.read(name).lower():
                found.append(f"register XLSX {name}")
    return found


def test_nothing_planted_in_a_person_remains_anywhere_once_they_are_erased(
    involvement_lead, caplog, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.DEBUG)
    with django_capture_on_commit_callbacks(execute=True):
        expert = _plant_profile(involvement_lead)
        _plant_involvement(expert, involvement_lead)
        _plant_sign_in(expert)
    # The plant took: the value is in the tables and the files before erasure.
    assert _every_table() and _every_file()
    assert _exports(involvement_lead) == ["register CSV", "register XLSX xl/worksheets/sheet1.xml"]
    assert StatusChange.objects.filter(expert=expert, reason__icontains=MARK).exists()

    with django_capture_on_commit_callbacks(execute=True):
        erase_person(actor=involvement_lead, expert=expert)

    found = _every_table()
    assert found == [], "\n".join(found)
    assert _every_file() == []
    assert [r.getMessage() for r in caplog.records if MARK.lower() in r.getMessage().lower()] == []
    assert [m.subject for m in mail.outbox if MARK.lower() in m.message().as_string().lower()] == []
    assert _exports(involvement_lead) == []
