"""The onboarding checklist: each item read from where it is kept (signatures of the current
versions, training, the photo, welcome packs, badges); the lead chooses which are required; an
expert is made active in one step only when every required item is done, and otherwise told
what is missing."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from coproduce.audit.models import AuditEvent
from coproduce.onboarding import services as onboarding_services
from coproduce.onboarding.agreements import services as agreements
from coproduce.onboarding.agreements.queries import current_by_kind
from coproduce.onboarding.checklist import queries, services
from coproduce.onboarding.models import ChecklistItem, ChecklistSettings
from coproduce.people import services as people_services
from coproduce.people.choices import Status
from coproduce.people.models import StatusChange
from tests.factories import ExpertFactory
from tests.onboarding.agreement_helpers import publish, sign_on_paper, train

pytestmark = pytest.mark.django_db


def everything_done(expert, *, badge=True):
    today = timezone.localdate()
    for kind in ("privacy_notice", "confidentiality", "code_of_conduct"):
        version = current_by_kind([kind]).get(kind) or publish(kind)
        sign_on_paper(expert, version, today)
    train(expert, "induction", on=today)
    train(expert, "safeguarding", on=today, expires_on=today + timedelta(days=365))
    expert.photo.save("me.jpg", ContentFile(b"\xff\xd8 photo"))
    onboarding_services.record_welcome_pack_sent(actor=None, expert=expert, sent_on=today)
    if badge:
        onboarding_services.issue_badge(
            actor=None, expert=expert, expires_on=today + timedelta(days=365)
        )


def done(checklist) -> set[str]:
    return {item.code for item in checklist.items if item.done}


def test_a_new_expert_has_nothing_done_and_waits_for_the_default_items():
    expert = ExpertFactory(status=Status.ONBOARDING)
    checklist = queries.checklist_for(expert)
    assert done(checklist) == set()
    assert [item.code for item in checklist.waiting_for] == [
        "privacy_notice",
        "confidentiality",
        "code_of_conduct",
        "induction",
        "safeguarding",
        "photo",
    ]
    assert not checklist.ready
    notes = {item.code: item.note for item in checklist.items}
    assert notes["confidentiality"] == "Nothing published to sign yet"


def test_every_item_is_read_from_where_it_is_kept():
    expert = ExpertFactory(status=Status.ONBOARDING)
    everything_done(expert)
    assert done(queries.checklist_for(expert)) == set(ChecklistItem.values)


def test_a_new_version_undoes_the_agreement_item(involvement_lead):
    expert = ExpertFactory(status=Status.ONBOARDING)
    everything_done(expert)
    first = current_by_kind(["confidentiality"])["confidentiality"]
    agreements.publish_version(
        actor=involvement_lead,
        agreement=first.agreement,
        body="v2",
        easy_read="v2",
        what_changed="",
        after=1,
    )
    checklist = queries.checklist_for(expert)
    assert [i.code for i in checklist.waiting_for] == ["confidentiality"]
    assert checklist.waiting_for[0].note == "Version 2 to sign"


def test_expired_training_and_a_revoked_badge_do_not_count():
    expert = ExpertFactory(status=Status.ONBOARDING)
    today = timezone.localdate()
    train(expert, "safeguarding", on=today - timedelta(days=400), expires_on=today)
    expert.photo.save("me.jpg", ContentFile(b"\xff\xd8 photo"))
    badge = onboarding_services.issue_badge(
        actor=None, expert=expert, expires_on=today + timedelta(days=10)
    )
    onboarding_services.revoke_badge(actor=None, badge=badge, reason="Lost")
    assert done(queries.checklist_for(expert)) == {"photo"}


def test_the_lead_chooses_what_is_required_and_it_is_audited(involvement_lead):
    services.save_required(
        actor=involvement_lead, required=["photo", "confidentiality", "nonsense"]
    )
    assert ChecklistSettings.objects.get().required == ["confidentiality", "photo"]
    event = AuditEvent.objects.get(action=AuditEvent.Action.CHECKLIST_CHANGED)
    assert event.changes["required"][1] == "Confidentiality agreement signed, Photo provided"
    expert = ExpertFactory(status=Status.ONBOARDING)
    checklist = queries.checklist_for(expert)
    assert [i.code for i in checklist.waiting_for] == ["confidentiality", "photo"]
    optional = [i.code for i in checklist.items if not i.required]
    assert "induction" in optional and "badge" in optional


def test_nothing_required_means_ready_at_once(involvement_lead):
    services.save_required(actor=involvement_lead, required=[])
    assert queries.checklist_for(ExpertFactory(status=Status.ENQUIRY)).ready


def test_make_active_refuses_naming_what_is_missing(coordinator):
    expert = ExpertFactory(status=Status.ONBOARDING, full_name="Nia Newcomer")
    everything_done(expert, badge=False)
    expert.photo.delete(save=True)
    with pytest.raises(people_services.NotReady) as refused:
        people_services.make_active(actor=coordinator, expert=expert)
    assert str(refused.value) == (
        "Nia Newcomer cannot be made active yet. Still to do: photo provided."
    )
    expert.refresh_from_db()
    assert expert.status == Status.ONBOARDING
    assert not StatusChange.objects.filter(expert=expert, to_status=Status.ACTIVE).exists()


def test_make_active_in_one_step_when_everything_required_is_done(coordinator):
    expert = ExpertFactory(status=Status.ONBOARDING)
    everything_done(expert, badge=False)  # the badge is not required by default
    people_services.make_active(actor=coordinator, expert=expert)
    expert.refresh_from_db()
    assert expert.status == Status.ACTIVE
    assert StatusChange.objects.filter(expert=expert, to_status=Status.ACTIVE).exists()
    event = AuditEvent.objects.get(action=AuditEvent.Action.ONBOARDING_COMPLETED)
    assert event.changes == {"status": ["Onboarding", "Active"]}


def test_make_active_refuses_someone_not_onboarding(coordinator):
    expert = ExpertFactory(status=Status.PAUSED, full_name="Pat Paused")
    with pytest.raises(people_services.NotReady, match="Pat Paused is paused"):
        people_services.make_active(actor=coordinator, expert=expert)


def test_the_usual_status_change_still_works(coordinator):
    expert = ExpertFactory(status=Status.ONBOARDING)
    people_services.change_status(actor=coordinator, expert=expert, status=Status.PAUSED)
    expert.refresh_from_db()
    assert expert.status == Status.PAUSED


def test_many_checklists_take_a_fixed_number_of_queries(django_assert_num_queries):
    publish("confidentiality")
    few = [ExpertFactory(status=Status.ONBOARDING) for _ in range(2)]
    many = few + [ExpertFactory(status=Status.ONBOARDING) for _ in range(20)]
    for expert in many[::3]:
        everything_done(expert)
    today = timezone.localdate()
    with django_assert_num_queries(5):
        queries.checklists(few, today, ["photo"])
    with django_assert_num_queries(5):
        lists = queries.checklists(many, today, ["photo"])
    assert sum(c.ready for c in lists) == len(many[::3])
