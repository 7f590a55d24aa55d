"""Issuing, replacing and revoking photo ID badges: each audited, and refused with a message
for the person when it cannot be done."""

from datetime import date

import pytest

from coproduce.accounts.roles import Role
from coproduce.audit.models import AuditEvent
from coproduce.onboarding import services
from coproduce.onboarding.models import Badge, BadgeStatus
from tests.factories import ExpertFactory, UserFactory
from tests.onboarding.helpers import expert_with_photo, issued_badge

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 3)


def test_issuing_a_badge_makes_it_valid_until_its_expiry_and_audits_it():
    coordinator = UserFactory(role=Role.COORDINATOR)
    expert = expert_with_photo(full_name="Ada Lovelace")
    badge = services.issue_badge(
        actor=coordinator, expert=expert, expires_on=date(2027, 3, 3), today=TODAY
    )
    assert badge.issued_on == TODAY
    assert badge.status_on(TODAY) == BadgeStatus.VALID
    assert badge.status_on(date(2027, 3, 2)) == BadgeStatus.VALID
    assert badge.status_on(date(2027, 3, 3)) == BadgeStatus.EXPIRED
    assert len(badge.token) >= 32
    event = AuditEvent.objects.get(action=AuditEvent.Action.BADGE_ISSUED)
    assert event.subject_id == str(expert.pk)
    assert event.actor == coordinator
    assert "valid until Wednesday 3 March 2027" in event.summary


def test_issuing_a_new_badge_revokes_the_old_one():
    old = issued_badge(today=TODAY)
    new = issued_badge(old.expert, today=TODAY)
    old.refresh_from_db()
    assert old.status_on(TODAY) == BadgeStatus.REVOKED
    assert old.revoked_reason == "Replaced by a new badge"
    assert new.status_on(TODAY) == BadgeStatus.VALID
    assert old.token != new.token
    assert Badge.objects.filter(expert=old.expert, revoked_at=None).count() == 1
    assert AuditEvent.objects.filter(action=AuditEvent.Action.BADGE_REVOKED).count() == 1


def test_revoking_a_badge_records_why_and_says_so_at_once():
    badge = issued_badge(today=TODAY)
    services.revoke_badge(actor=UserFactory(role=Role.COORDINATOR), badge=badge, reason="Lost")
    assert badge.status_on(TODAY) == BadgeStatus.REVOKED
    assert badge.revoked_reason == "Lost"
    event = AuditEvent.objects.get(action=AuditEvent.Action.BADGE_REVOKED)
    assert event.summary == f"Badge {badge.number} revoked: Lost"


def test_a_badge_cannot_be_revoked_twice():
    badge = issued_badge(today=TODAY)
    actor = UserFactory(role=Role.COORDINATOR)
    services.revoke_badge(actor=actor, badge=badge, reason="Lost")
    with pytest.raises(services.BadgeError, match="already been revoked"):
        services.revoke_badge(actor=actor, badge=badge, reason="Lost again")


def test_a_revocation_needs_a_reason():
    badge = issued_badge(today=TODAY)
    with pytest.raises(services.BadgeError, match="Enter why"):
        services.revoke_badge(actor=UserFactory(role=Role.COORDINATOR), badge=badge, reason=" ")
    badge.refresh_from_db()
    assert badge.revoked_at is None


@pytest.mark.parametrize("expires_on", [TODAY, date(2026, 3, 2)])
def test_an_expiry_on_or_before_the_day_of_issue_is_refused_and_nothing_is_saved(expires_on):
    old = issued_badge(today=TODAY)
    with pytest.raises(services.BadgeError) as refused:
        services.issue_badge(
            actor=UserFactory(role=Role.COORDINATOR),
            expert=old.expert,
            expires_on=expires_on,
            today=TODAY,
        )
    assert str(refused.value) == "The expiry date must be after today, Tuesday 3 March 2026."
    old.refresh_from_db()
    assert old.revoked_at is None, "the old badge is kept when the new one is refused"
    assert Badge.objects.count() == 1


def test_an_expert_with_no_photo_cannot_be_issued_a_badge():
    expert = ExpertFactory(full_name="Grace Hopper")
    with pytest.raises(services.BadgeError) as refused:
        services.issue_badge(
            actor=UserFactory(role=Role.COORDINATOR),
            expert=expert,
            expires_on=date(2027, 3, 3),
            today=TODAY,
        )
    assert "Grace Hopper has no photo" in str(refused.value)
    assert not Badge.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.BADGE_ISSUED).exists()


def test_no_badge_is_issued_or_listed_for_printing_while_processing_is_restricted():
    from coproduce.onboarding.queries import valid_badges
    from coproduce.people.restriction import restrict_processing

    badge = issued_badge(today=TODAY)
    coordinator = UserFactory(role=Role.COORDINATOR)
    restrict_processing(actor=coordinator, expert=badge.expert, reason="Asked us to stop")
    badge.expert.refresh_from_db()
    with pytest.raises(services.BadgeError, match="is restricted"):
        services.issue_badge(
            actor=coordinator, expert=badge.expert, expires_on=date(2027, 3, 3), today=TODAY
        )
    assert list(valid_badges(TODAY)) == []
