"""A new code for a voter who lost theirs: during the poll the returning officer finds the voter
on the frozen list and replaces their code. The old code stops working at once; the new one is
emailed, or shown once for a letter; it is refused for a voter who has voted, outside the poll
and for an election without one; and the audit trail says who, which voter and when, never the
code."""

import json

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse

from coproduce.audit.models import AuditEvent
from coproduce.membership.elections import codes as voting_codes
from coproduce.membership.elections import services
from coproduce.membership.elections.choices import Status
from coproduce.membership.elections.models import Ballot, Voter
from tests.membership.elections import helpers_elections as h

pytestmark = pytest.mark.django_db


def _poll():
    """A poll with the three candidates (no email address: letters) and two voters with email
    addresses on its list. Returns (election, candidates, {member's name: (voter, code)})."""
    e, standing, codes = h.poll(voters=2)
    voters = list(Voter.objects.filter(election=e).order_by("pk").select_related("member"))
    return (
        e,
        standing,
        {v.member.full_name: (v, code) for v, code in zip(voters, codes, strict=True)},
    )


def _replace(e, voter, officer=None, now=h.DURING_POLL):
    return services.replace_lost_code(
        actor=officer or h.officer(), election=e, voter_pk=voter.pk, now=now
    )


def _vote(e, code, nomination):
    return services.cast_vote(election=e, code=code, preferences=[nomination.pk], now=h.DURING_POLL)


def test_a_new_code_for_a_letter_works_and_the_lost_one_is_refused():
    e, (ann, *_), by_name = _poll()
    ben, old = by_name["Ben Baker"]  # a candidate is a voter too, with no email address
    made = _replace(e, ben)
    assert voting_codes.looks_like_a_code(made.code) and made.code != old
    assert made.emailed_to == "" and not made.email_failed
    assert mail.outbox == []
    with pytest.raises(services.VoteRefused, match="We do not recognise that code"):
        _vote(e, old, ann)
    _vote(e, made.code, ann)
    assert Ballot.objects.filter(election=e).count() == 1


def test_a_voter_with_an_email_address_is_emailed_the_new_code_and_it_is_not_returned():
    e, (ann, *_), by_name = _poll()
    voter, old = by_name["Voter 0"]
    made = _replace(e, voter)
    assert made.code == "" and made.emailed_to == "voter0@example.org"
    (email,) = mail.outbox
    assert email.to == ["voter0@example.org"]
    assert email.subject == f"Your code to vote: {e.title}"
    new = next(word for word in email.body.split() if voting_codes.looks_like_a_code(word))
    assert new != old
    assert reverse("elections:election_vote", args=[e.pk]) in email.body
    with pytest.raises(services.VoteRefused):
        _vote(e, old, ann)
    _vote(e, new, ann)


def test_an_email_the_mail_server_refuses_leaves_the_code_to_send_by_letter(monkeypatch):
    e, (ann, *_), by_name = _poll()
    voter, old = by_name["Voter 1"]

    def refuse(self, fail_silently=False):
        raise ConnectionRefusedError("no mail server")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)
    made = _replace(e, voter)
    assert made.email_failed and voting_codes.looks_like_a_code(made.code)
    assert AuditEvent.objects.filter(
        summary__startswith="The new code could not be emailed"
    ).exists()
    _vote(e, made.code, ann)


def test_the_audit_trail_says_who_which_voter_and_when_but_never_the_code():
    e, _, by_name = _poll()
    ben, _ = by_name["Ben Baker"]
    officer = h.officer()
    made = _replace(e, ben, officer=officer)
    (event,) = AuditEvent.objects.filter(summary__startswith="New code to vote")
    assert event.actor == officer
    assert (event.model, event.object_id) == ("elections.voter", str(ben.pk))
    assert (event.subject_model, event.subject_id) == ("members.member", str(ben.member_id))
    assert event.changes["code_sent_at"][1] == h.DURING_POLL.isoformat()
    assert "for a letter" in event.summary
    written = json.dumps([event.summary, event.changes])
    ben.refresh_from_db()
    for secret in (made.code, voting_codes.normalise(made.code), ben.code_hash):
        assert secret not in written


def _unchanged(voter: Voter) -> bool:
    before = voter.code_hash
    voter.refresh_from_db()
    return voter.code_hash == before


def test_a_voter_who_has_voted_cannot_have_a_new_code():
    e, (ann, *_), by_name = _poll()
    voter, code = by_name["Voter 0"]
    _vote(e, code, ann)
    with pytest.raises(services.ElectionError, match="Voter 0 has already voted"):
        _replace(e, voter)
    assert _unchanged(voter) and mail.outbox == []


@pytest.mark.parametrize(
    ("when", "message"),
    [
        (h.AFTER_WITHDRAWALS, "The poll opens on 22 March 2027"),
        (h.AFTER_POLL, services.POLL_CLOSED_NO_CODE),
    ],
)
def test_no_new_code_before_the_poll_opens_or_after_it_closes(when, message):
    e, _, by_name = _poll()
    voter, _ = by_name["Ben Baker"]
    with pytest.raises(services.ElectionError, match=message):
        _replace(e, voter, now=when)
    assert _unchanged(voter)


def test_no_new_code_once_the_poll_is_closed_by_the_returning_officer():
    e, _, by_name = _poll()
    voter, _ = by_name["Ben Baker"]
    services.close_poll(actor=h.officer(), election=e, now=h.AFTER_POLL)
    with pytest.raises(services.ElectionError, match="The poll has closed"):
        _replace(e, voter)
    assert _unchanged(voter)


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (Status.UNCONTESTED, services.NO_POLL),
        (Status.NOMINATIONS, services.NO_POLL_YET),
        (Status.DRAFT, services.NO_POLL_YET),
    ],
)
def test_an_election_without_a_poll_has_no_codes_to_replace(status, message):
    e = h.election(status=status)
    someone = h.member(e.constituency, "Dee Dunn")
    voter = Voter.objects.create(election=e, member=someone, delivery="post")
    with pytest.raises(services.ElectionError) as refused:
        _replace(e, voter)
    assert str(refused.value) == message


def test_a_voter_of_another_election_is_not_on_this_list():
    e, _, _ = _poll()
    other, _, by_name = _poll()
    stranger, _ = by_name["Ann Able"]
    with pytest.raises(services.ElectionError, match="not on this election's list"):
        _replace(e, stranger)
    assert _unchanged(stranger)


# The pages --------------------------------------------------------------------------------


def _officer_client() -> Client:
    client = Client()
    client.force_login(h.officer())
    return client


def test_the_returning_officer_finds_a_voter_by_name_or_membership_number():
    e, _, by_name = _poll()
    _, _, on_another = _poll()  # its Ann Able is on another election's list
    ben, _ = by_name["Ben Baker"]
    with time_machine.travel(h.DURING_POLL, tick=False):
        client = _officer_client()
        url = reverse("elections:new_code", args=[e.pk])
        by_words = client.get(url, {"q": "  baker "}).content.decode()
        by_number = client.get(url, {"q": str(ben.member_id)}).content.decode()
        nobody = client.get(url, {"q": "Zed"}).content.decode()
        all_ann = client.get(url, {"q": "Ann Able"}).content.decode()
    link = reverse("elections:new_code_voter", args=[e.pk, ben.pk])
    assert link in by_words and "Ben Baker" in by_words and "Letter" in by_words
    assert link in by_number
    assert "Nobody on this election’s list of voters matches ‘Zed’" in nobody
    ann, other_ann = by_name["Ann Able"][0], on_another["Ann Able"][0]
    assert reverse("elections:new_code_voter", args=[e.pk, ann.pk]) in all_ann
    assert f"/{other_ann.pk}/" not in all_ann.split("<main", 1)[1]


def test_an_empty_search_is_explained_beside_the_field():
    e, _, _ = _poll()
    with time_machine.travel(h.DURING_POLL, tick=False):
        response = _officer_client().get(reverse("elections:new_code", args=[e.pk]), {"q": " "})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Enter the voter’s name or membership number" in page
    assert "<title>Error:" in page


def test_the_search_reads_the_list_in_a_fixed_number_of_queries(django_assert_max_num_queries):
    e, _, _ = _poll()
    with time_machine.travel(h.DURING_POLL, tick=False):
        client = _officer_client()
        url = reverse("elections:new_code", args=[e.pk])
        with django_assert_max_num_queries(30) as few:
            client.get(url, {"q": "Voter"})
        for n in range(2, 12):
            h.member(e.constituency, f"Voter {n}")
        Voter.objects.bulk_create(
            Voter(election=e, member=m, delivery="post")
            for m in e.constituency.members.filter(
                full_name__in=[f"Voter {n}" for n in range(2, 12)]
            )
        )
        with django_assert_max_num_queries(len(few.captured_queries)):
            page = client.get(url, {"q": "Voter"}).content.decode()
    assert "Voter 11" in page


def test_a_code_for_a_letter_is_shown_once_and_works():
    e, (ann, *_), by_name = _poll()
    ben, old = by_name["Ben Baker"]
    url = reverse("elections:new_code_voter", args=[e.pk, ben.pk])
    with time_machine.travel(h.DURING_POLL, tick=False):
        client = _officer_client()
        check = client.get(url).content.decode()
        shown = client.post(url)
        again = client.get(url).content.decode()
    page = shown.content.decode()
    assert "Make a new code for a letter" in check and "old code stops working" in check
    assert shown.status_code == 200
    assert "This code is shown only once" in page
    assert "no-store" in shown["Cache-Control"]
    new = next(
        word
        for word in page.replace("<", " ").replace(">", " ").split()
        if voting_codes.looks_like_a_code(word) and word.count("-") == 2
    )
    assert new not in again
    _vote(e, new, ann)
    with pytest.raises(services.VoteRefused):
        _vote(e, old, ann)


def test_a_code_sent_by_email_is_not_shown_on_the_page():
    e, _, by_name = _poll()
    voter, _ = by_name["Voter 0"]
    url = reverse("elections:new_code_voter", args=[e.pk, voter.pk])
    with time_machine.travel(h.DURING_POLL, tick=False):
        page = _officer_client().post(url).content.decode()
    assert "A new code has been emailed" in page and "voter0@example.org" in page
    (email,) = mail.outbox
    new = next(word for word in email.body.split() if voting_codes.looks_like_a_code(word))
    assert new not in page


def test_a_refusal_is_shown_to_the_returning_officer_and_nothing_changes():
    e, (ann, *_), by_name = _poll()
    voter, code = by_name["Voter 1"]
    _vote(e, code, ann)
    url = reverse("elections:new_code_voter", args=[e.pk, voter.pk])
    with time_machine.travel(h.DURING_POLL, tick=False):
        client = _officer_client()
        response = client.post(url)
        page = client.get(url).content.decode()
    assert response.status_code == 302 and response["Location"] == url
    assert "Voter 1 has already voted" in page
    assert _unchanged(voter) and mail.outbox == []


def test_outside_the_poll_the_pages_say_why_and_offer_no_button():
    e, _, by_name = _poll()
    voter, _ = by_name["Ben Baker"]
    with time_machine.travel(h.AFTER_POLL, tick=False):
        client = _officer_client()
        search = client.get(reverse("elections:new_code", args=[e.pk]), {"q": "Ben"})
        check = client.get(reverse("elections:new_code_voter", args=[e.pk, voter.pk]))
    for response in (search, check):
        page = response.content.decode()
        assert response.status_code == 200
        assert services.POLL_CLOSED_NO_CODE in page
        assert "new code for a letter" not in page and "Find the voter" not in page


def test_a_voter_of_another_election_is_not_found_at_this_ones_address():
    e, _, _ = _poll()
    _, _, by_name = _poll()
    stranger, _ = by_name["Ann Able"]
    with time_machine.travel(h.DURING_POLL, tick=False):
        response = _officer_client().get(
            reverse("elections:new_code_voter", args=[e.pk, stranger.pk])
        )
    assert response.status_code == 404


def test_the_election_page_links_to_a_new_code_during_the_poll():
    e, _, _ = _poll()
    with time_machine.travel(h.DURING_POLL, tick=False):
        page = _officer_client().get(reverse("elections:detail", args=[e.pk])).content.decode()
    assert reverse("elections:new_code", args=[e.pk]) in page
