"""manage.py demo_data: fictional people, a sign-in for every role, a believable register, and
never in a database that might be real."""

import re
from io import StringIO

import pytest
from allauth.mfa.models import Authenticator
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count

from coproduce.accounts.models import User
from coproduce.accounts.roles import Role
from coproduce.audit.models import AuditEvent
from coproduce.demo.accounts import DEMO_PASSWORD, STAFF
from coproduce.demo.people import DEMO_EXPERTS
from coproduce.payments.models import Claim
from coproduce.people.models import (
    AccessNeed,
    Expert,
    LivedExperienceArea,
    Locality,
    Skill,
    StatusChange,
)
from coproduce.people.validation import POSTCODE

pytestmark = pytest.mark.django_db


@pytest.fixture
def debug_on(settings):
    settings.DEBUG = True


def demo_data(**options) -> str:
    out = StringIO()
    call_command("demo_data", stdout=out, **options)
    return out.getvalue()


def test_makes_the_experts_it_is_asked_for_and_a_staff_sign_in_for_every_staff_role(debug_on):
    out = demo_data(experts=200)

    assert Expert.objects.count() == 200
    for role in Role.staff_roles():
        demo = [s for s in STAFF if s.role == role]
        assert len(demo) == 1, f"no demo sign-in for {role.label}"
        user = User.objects.get(email=demo[0].email)
        assert user.role == role
        assert user.check_password(DEMO_PASSWORD)
        assert user.email in out
    assert User.objects.get(email="staff@demo.coproduce.test").team is not None
    assert len(DEMO_PASSWORD) >= 12
    # No authenticator: `make run` relaxes MFA for the demo, and the command says so.
    assert not Authenticator.objects.exists()
    assert "MFA is relaxed" in out


def test_demo_experts_sign_in_by_emailed_code_to_their_own_record(debug_on):
    demo_data(experts=200)

    for demo in DEMO_EXPERTS:
        user = User.objects.get(email=demo.email)
        assert user.role == Role.EXPERT
        assert not user.has_usable_password()
        assert user.expert.full_name == demo.full_name
        assert user.expert.status == demo.status
    assert User.objects.filter(role=Role.EXPERT).count() == len(DEMO_EXPERTS)


def test_lists_are_filled_and_every_expert_has_a_believable_share_of_them(debug_on):
    demo_data(experts=200)

    assert LivedExperienceArea.objects.filter(name__in=["Dementia", "Autism"]).count() == 2
    assert Skill.objects.filter(name="Interview panel").exists()
    assert AccessNeed.objects.filter(name="BSL interpreter").exists()
    assert Locality.objects.filter(name="Shrewsbury").exists()
    counts = Expert.objects.annotate(
        areas=Count("lived_experience", distinct=True),
        skill_count=Count("skills", distinct=True),
        needs=Count("access_needs", distinct=True),
    )
    for expert in counts:
        assert 1 <= expert.areas <= 3
        assert 0 <= expert.skill_count <= 4
        assert 0 <= expert.needs <= 2
    statuses = set(Expert.objects.values_list("status", flat=True))
    assert statuses == {"enquiry", "onboarding", "active", "paused", "left"}


def test_contact_details_are_fictional_and_well_formed(debug_on):
    demo_data(experts=200)

    for email, phone, postcode in Expert.objects.values_list("email", "phone", "postcode"):
        assert re.fullmatch(r"(\+447700900\d{3}|\+441214960\d{3})?", phone)
        assert not postcode or POSTCODE.match(postcode)
        domain = email.rpartition("@")[2]
        assert domain in {"", "example.com", "example.org", "example.net", "demo.coproduce.test"}
    limits = Expert.objects.filter(benefits_declaration="weekly")
    assert limits.exists()
    assert all(e.earnings_limit and e.earnings_limit > 0 for e in limits)


def test_status_history_runs_from_joining_to_each_experts_status(debug_on):
    demo_data(experts=200)

    history: dict[int, list[StatusChange]] = {}
    for change in StatusChange.objects.order_by("at", "id"):
        history.setdefault(change.expert_id, []).append(change)
    for expert in Expert.objects.all():
        moves = history[expert.pk]
        assert moves[0].from_status == ""
        assert moves[0].at == expert.created_at
        for before, after in zip(moves, moves[1:], strict=False):
            assert after.from_status == before.to_status
        assert moves[-1].to_status == expert.status
        if expert.consent_given_at:
            assert expert.consent_privacy_notice_version


def test_writes_no_audit_records(debug_on):
    demo_data(experts=50)

    assert not AuditEvent.objects.exists()


def test_if_empty_adds_nothing_once_there_are_experts(debug_on):
    demo_data(experts=20)
    out = demo_data(experts=20, if_empty=True)

    assert Expert.objects.count() == 20
    assert "already has experts" in out


def test_same_seed_makes_the_same_people(debug_on):
    demo_data(experts=30, seed=7)
    first = list(Expert.objects.order_by("pk").values_list("full_name", "status"))
    # Claims keep an expert's record from being deleted: money paid is never lost quietly.
    Claim.objects.all().delete()
    Expert.objects.all().delete()
    User.objects.filter(role=Role.EXPERT).delete()

    demo_data(experts=30, seed=7)

    assert list(Expert.objects.order_by("pk").values_list("full_name", "status")) == first


def test_is_refused_when_debug_is_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG is off"):
        demo_data(experts=5)
    assert not Expert.objects.exists()
    assert not User.objects.exists()


def test_force_runs_it_when_debug_is_off_for_a_throwaway_database(settings):
    settings.DEBUG = False

    demo_data(experts=5, force=True)

    assert Expert.objects.count() == 5


def test_print_sign_ins_only_prints(debug_on):
    assert "no demo sign-ins" in demo_data(print_sign_ins=True)
    assert not User.objects.exists()

    demo_data(experts=5)
    out = demo_data(print_sign_ins=True)

    assert "coordinator@demo.coproduce.test" in out
    assert "expert@demo.coproduce.test" in out
    assert Expert.objects.count() == 5


def test_demo_payments_follow_attendance_and_the_policy(debug_on):
    from coproduce.payments.models import Budget, Policy

    demo_data(experts=60)
    assert Policy.objects.count() == 2 and Budget.objects.exists()
    involvement = Claim.objects.filter(kind="involvement")
    assert involvement.exists() and Claim.objects.filter(kind="expenses").exists()
    # Only attended places at paid work, for experts paid for their time, get a fee.
    assert not involvement.exclude(invitation__attendance="attended").exists()
    assert not involvement.exclude(invitation__session__opportunity__paid=True).exists()
    assert not involvement.exclude(expert__payment_preference="paid").exists()
    # Recording attendance is the check: a fee never waits to be checked.
    assert not involvement.filter(status="submitted").exists()
    # Paid claims are in a run; a run's total is the sum of its claims.
    assert not Claim.objects.filter(status="paid", payment_run__isnull=True).exists()
    for claim in Claim.objects.all()[:200]:
        assert claim.total == sum(line.amount for line in claim.lines.all())


def test_demo_claims_are_never_dated_after_today_and_are_sent_by_real_people(debug_on):
    from django.db.models import Q
    from django.utils import timezone

    demo_data(experts=60)
    now = timezone.now()
    claims = Claim.objects.all()
    assert claims.exists()
    late = claims.filter(
        Q(submitted_at__gt=now)
        | Q(checked_at__gt=now)
        | Q(decided_at__gt=now)
        | Q(session_date__gt=now.date())
        | Q(paid_on__gt=now.date())
    )
    assert not late.exists(), [(c.pk, c.submitted_at, c.checked_at, c.decided_at) for c in late]
    # Every claim names who sent it: the expert's own sign-in, or the team on their behalf.
    assert not claims.filter(submitted_by__isnull=True).exists()
    assert not claims.filter(status__in=["checked", "approved", "paid"], checked_by=None).exists()
    by_expert = claims.filter(on_behalf=False)
    assert by_expert.exists()
    for claim in by_expert.select_related("expert")[:50]:
        assert claim.submitted_by_id == claim.expert.user_id
