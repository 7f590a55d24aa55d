"""Adding, changing, ordering and retiring ambitions and linking work to them: each audited,
with confidential work's title kept out of the audit trail."""

import pytest

from coproduce.audit.models import AuditEvent
from coproduce.audit.queries import history_of
from coproduce.impact.ambitions import queries, services
from coproduce.impact.ambitions.models import Ambition, AmbitionLink
from coproduce.impact.ambitions.services import Wording
from tests.factories import OpportunityFactory
from tests.impact.ambitions.helpers import ambition

pytestmark = pytest.mark.django_db

BEFORE = Wording(
    title="Experts are involved before decisions are made",
    meaning="People who use services shape them from the start.",
    judged_by="Work linked to it is at the planning stage.",
    measure="sessions",
    target=40,
)


def test_adding_an_ambition_puts_it_last_and_audits_it(involvement_lead):
    first = services.add_ambition(actor=involvement_lead, wording=BEFORE)
    second = services.add_ambition(
        actor=involvement_lead, wording=Wording("Seldom heard", "m", "j", "", None)
    )
    assert list(queries.in_force()) == [first, second]
    assert (first.measure, first.target) == ("sessions", 40)
    event = AuditEvent.objects.get(object_id=str(first.pk), action=AuditEvent.Action.AMBITION_SET)
    assert event.changes["Yearly target"] == [None, "40 a year: sessions held"]
    assert event.summary == "Ambition added: ‘Experts are involved before decisions are made’"


def test_a_target_without_a_measure_is_not_kept(involvement_lead):
    one = services.add_ambition(
        actor=involvement_lead, wording=Wording("t", "m", "j", measure="", target=12)
    )
    assert (one.measure, one.target) == ("", None)


def test_changing_an_ambition_keeps_the_earlier_words_in_its_history(involvement_lead):
    one = services.add_ambition(actor=involvement_lead, wording=BEFORE)
    services.change_ambition(
        actor=involvement_lead,
        ambition=one,
        wording=Wording(BEFORE.title, BEFORE.meaning, BEFORE.judged_by, "hours", 300),
    )
    one.refresh_from_db()
    assert (one.measure, one.target) == ("hours", 300)
    event = history_of(one).order_by("-pk").first()
    assert event.changes == {
        "Yearly target": ["40 a year: sessions held", "300 a year: hours of involvement"]
    }
    with pytest.raises(services.AmbitionError, match="You have not changed anything"):
        services.change_ambition(
            actor=involvement_lead,
            ambition=one,
            wording=Wording(BEFORE.title, BEFORE.meaning, BEFORE.judged_by, "hours", 300),
        )


def test_moving_an_ambition_swaps_it_with_its_neighbour(involvement_lead):
    a, b, c = ambition("A"), ambition("B"), ambition("C")
    assert services.move_ambition(actor=involvement_lead, ambition=c, up=True)
    assert list(queries.in_force()) == [a, c, b]
    assert not services.move_ambition(actor=involvement_lead, ambition=a, up=True)
    assert services.move_ambition(actor=involvement_lead, ambition=a, up=False)
    assert list(queries.in_force()) == [c, a, b]


def test_a_retired_ambition_leaves_the_list_but_keeps_its_work_and_history(involvement_lead):
    one = ambition()
    work = OpportunityFactory()
    services.link_work(actor=involvement_lead, ambition=one, opportunity=work)
    services.retire_ambition(actor=involvement_lead, ambition=one)
    assert list(queries.in_force()) == []
    assert list(queries.retired()) == [one]
    assert AmbitionLink.objects.filter(ambition=one, opportunity=work).exists()
    assert history_of(one).filter(action=AuditEvent.Action.AMBITION_RETIRED).exists()
    with pytest.raises(services.AmbitionError, match="retired"):
        services.link_work(actor=involvement_lead, ambition=one, opportunity=OpportunityFactory())
    with pytest.raises(services.AmbitionError, match="already retired"):
        services.retire_ambition(actor=involvement_lead, ambition=one)


def test_linking_work_twice_is_refused(coordinator):
    one, work = ambition(), OpportunityFactory(title="Discharge letters")
    services.link_work(actor=coordinator, ambition=one, opportunity=work)
    with pytest.raises(services.AmbitionError, match="already linked"):
        services.link_work(actor=coordinator, ambition=one, opportunity=work)
    event = history_of(one).get(action=AuditEvent.Action.AMBITION_LINKED)
    assert event.summary == (
        "‘Discharge letters’ linked to the ambition "
        "‘Experts are involved before decisions are made’"
    )


def test_linking_and_unlinking_confidential_work_never_names_it_in_the_audit(coordinator):
    one = ambition()
    work = OpportunityFactory(title="Death on Ward 9", confidential=True)
    made = services.link_work(actor=coordinator, ambition=one, opportunity=work)
    services.unlink_work(actor=coordinator, link=made)
    assert not AmbitionLink.objects.exists()
    events = list(history_of(one).filter(action=AuditEvent.Action.AMBITION_LINKED))
    assert len(events) == 2
    for event in events:
        assert "Death on Ward 9" not in event.summary + str(event.changes)
        assert "Confidential work" in event.summary
    assert Ambition.objects.count() == 1
