"""The tables keep the rules that belong to one row: a timetable in order, one nomination per
member, one voter per member, one "has voted" per voter, and a ballot with no way back to a
voter."""

import pytest
from django.db import IntegrityError, transaction

from coproduce.membership.elections.models import Ballot, HasVoted, Nomination, Voter
from tests.membership.elections import helpers_elections as h

pytestmark = pytest.mark.django_db


def test_a_timetable_out_of_order_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        h.election(poll_opens=h.DAY)  # before withdrawals close


def test_a_member_is_nominated_once_in_an_election():
    e = h.election()
    first = h.candidate(e, "Ann Able")
    with pytest.raises(IntegrityError), transaction.atomic():
        Nomination.objects.create(
            election=e, member=first.member, statement="Again", declares_eligible=True
        )


def test_a_nomination_without_the_declaration_of_eligibility_is_refused():
    e = h.election()
    m = h.member(e.constituency, "Ann Able")
    with pytest.raises(IntegrityError), transaction.atomic():
        Nomination.objects.create(election=e, member=m, statement="x", declares_eligible=False)


def test_a_rejection_must_have_a_reason():
    e = h.election()
    with pytest.raises(IntegrityError), transaction.atomic():
        h.candidate(e, "Ann Able", status="rejected")


def test_a_member_is_on_the_list_of_voters_once_and_votes_once():
    e, _, _ = h.poll(voters=1)
    voter = Voter.objects.filter(election=e).first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Voter.objects.create(election=e, member=voter.member, delivery="email")
    HasVoted.objects.create(voter=voter)
    with pytest.raises(IntegrityError), transaction.atomic():
        HasVoted.objects.create(voter=voter)


def test_the_ballot_table_has_no_path_to_a_voter_or_member_and_no_time():
    fields = {f.name: f for f in Ballot._meta.get_fields()}
    assert set(fields) == {"id", "election", "preferences", "channel", "rejection"}
    related = {f.related_model for f in fields.values() if f.is_relation}
    assert related == {fields["election"].related_model}
    assert not any(f.get_internal_type() in {"DateTimeField", "DateField"} for f in fields.values())
    assert fields["id"].get_internal_type() == "UUIDField"


def test_has_voted_holds_no_time_and_no_sequence_of_its_own():
    fields = [f for f in HasVoted._meta.get_fields() if f.concrete]
    assert [f.name for f in fields] == ["voter"]
    assert HasVoted._meta.pk.name == "voter"


def test_only_a_hash_of_a_code_is_stored():
    e, _, codes = h.poll(voters=2)
    stored = list(Voter.objects.filter(election=e).values_list("code_hash", flat=True))
    for code in codes:
        assert code not in str(stored)
        assert code.replace("-", "") not in str(stored)
    assert all(len(value) == 64 for value in stored)


def test_ballots_and_voters_are_not_in_django_admin():
    from django.contrib import admin

    assert Ballot not in admin.site._registry
    assert Voter not in admin.site._registry
    assert HasVoted not in admin.site._registry


def test_ballots_in_key_order_are_not_in_the_order_votes_were_cast_and_nothing_audited_says_how():
    from coproduce.audit.models import AuditEvent
    from coproduce.membership.elections import services

    e, standing, codes = h.poll(names=[f"Cand {n:02}" for n in range(30)], voters=0)
    # Each of the 30 members (the candidates) votes for a different candidate, in turn.
    for n, code in enumerate(codes):
        services.cast_vote(election=e, code=code, preferences=[standing[n].pk], now=h.DURING_POLL)
    in_key_order = [b.preferences[0] for b in Ballot.objects.filter(election=e).order_by("pk")]
    assert sorted(in_key_order) == [n.pk for n in standing]
    assert in_key_order != [n.pk for n in standing]  # a 1 in 30! chance of failing by luck
    for event in AuditEvent.objects.all():
        assert "Cand" not in f"{event.summary} {event.changes}"
