"""A limit on guessing codes at the vote page: after too many codes not recognised from one
address in a period (ELECTION_CODE_RATE_LIMIT), the page takes no code from there, right or
wrong, until the wait is over, and says how long. Only wrong codes count, so voters sharing an
address are not stopped by the right ones; nothing about any ballot is said."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings as project_settings
from django.test import Client
from django.urls import reverse

from coproduce.membership.elections import guesses
from coproduce.membership.elections.models import Ballot, HasVoted
from tests.membership.elections import helpers_elections as h

pytestmark = pytest.mark.django_db

WRONG = "AAAA-AAAA-AAAA"  # well formed, and nobody's
TOO_MANY = "Too many wrong codes have been tried from here"


@pytest.fixture
def three_an_hour(settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "election_code": "3/h/ip"}


def _try(client, e, code, step="code", **data):
    return client.post(
        reverse("elections:election_vote", args=[e.pk]), {"step": step, "code": code, **data}
    )


def test_after_too_many_wrong_codes_even_a_right_one_waits_and_the_page_says_how_long(
    three_an_hour,
):
    e, (ann, *_), codes = h.poll()
    client = Client()
    for minutes in (0, 10, 20):
        with time_machine.travel(h.DURING_POLL + timedelta(minutes=minutes), tick=False):
            assert "We do not recognise that code" in _try(client, e, WRONG).content.decode()
    with time_machine.travel(h.DURING_POLL + timedelta(minutes=20), tick=False):
        refused = _try(client, e, codes[0], step="cast", chosen=[ann.pk])
    page = refused.content.decode()
    assert refused.status_code == 429
    # The first wrong code is an hour old at 60 minutes past: 40 minutes from now.
    assert (
        "Too many wrong codes have been tried from here. Try again in 40 minutes, or ask the "
        "returning officer for help." in page
    )
    assert "<title>Error:" in page
    assert "Ann Able" not in page  # nothing of the ballot
    assert not HasVoted.objects.exists() and not Ballot.objects.exists()


def test_once_the_wait_is_over_codes_are_taken_again(three_an_hour):
    e, (ann, *_), codes = h.poll()
    client = Client()
    with time_machine.travel(h.DURING_POLL, tick=False):
        for _ in range(3):
            _try(client, e, WRONG)
        assert _try(client, e, codes[0]).status_code == 429
    with time_machine.travel(h.DURING_POLL + timedelta(minutes=61), tick=False):
        done = _try(client, e, codes[0], step="cast", chosen=[ann.pk])
    assert done.status_code == 302
    assert Ballot.objects.count() == 1


def test_right_codes_from_a_shared_address_do_not_count(three_an_hour):
    e, (ann, *_), codes = h.poll(voters=6)
    library = Client()
    with time_machine.travel(h.DURING_POLL, tick=False):
        for code in codes:  # nine voters at the library's computer, each with a right code
            assert _try(library, e, code).status_code == 200
            assert _try(library, e, code, step="cast", chosen=[ann.pk]).status_code == 302
        # A code already used is a right code mistyped by nobody: not counted either.
        for _ in range(4):
            assert "already been used" in _try(library, e, codes[0]).content.decode()
        assert _try(library, e, WRONG).status_code == 400
    assert Ballot.objects.count() == len(codes)


def test_a_code_typed_in_the_wrong_shape_is_not_counted(three_an_hour):
    e, _, codes = h.poll()
    client = Client()
    with time_machine.travel(h.DURING_POLL, tick=False):
        for _ in range(5):
            response = _try(client, e, "7KQM")
            assert "12 letters and numbers" in response.content.decode()
        assert _try(client, e, codes[0]).status_code == 200


def test_wrong_codes_at_the_last_step_count_too(three_an_hour):
    e, (ann, *_), codes = h.poll()
    client = Client()
    with time_machine.travel(h.DURING_POLL, tick=False):
        for _ in range(3):
            _try(client, e, WRONG, step="cast", chosen=[ann.pk])
        assert TOO_MANY in _try(client, e, codes[0]).content.decode()


def test_another_address_is_not_stopped(three_an_hour):
    e, _, codes = h.poll()
    guesser, voter = Client(REMOTE_ADDR="203.0.113.7"), Client(REMOTE_ADDR="198.51.100.20")
    with time_machine.travel(h.DURING_POLL, tick=False):
        for _ in range(3):
            _try(guesser, e, WRONG)
        assert _try(guesser, e, codes[0]).status_code == 429
        assert _try(voter, e, codes[0]).status_code == 200


def test_a_wait_of_hours_is_said_in_hours(settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "election_code": "2/d/ip"}
    e, _, codes = h.poll()
    client = Client()
    with time_machine.travel(h.DURING_POLL, tick=False):
        _try(client, e, WRONG)
        _try(client, e, WRONG)
        assert "Try again in 24 hours" in _try(client, e, codes[0]).content.decode()


def test_the_limit_is_a_setting_with_a_default_like_the_others():
    assert project_settings.ACCOUNT_RATE_LIMITS["election_code"] == "10/h/ip,30/d/ip"


@pytest.mark.parametrize(
    ("minutes", "words"),
    [
        (1, "1 minute"),
        (25, "25 minutes"),
        (119, "119 minutes"),
        (120, "2 hours"),
        (1440, "24 hours"),
    ],
)
def test_the_wait_in_words(minutes, words):
    assert guesses.wait_in_words(minutes) == words


def test_a_right_code_is_not_turned_away_or_kept_waiting_while_another_vote_holds_the_lock():
    """allauth's own check takes a lock on the address's count and reads a lock held by
    another request as "refused": at a polling station's shared address, votes at the same
    moment would wait, then be refused. The check reads the count without it."""
    import time

    from allauth.core.internal import ratelimit as allauth_ratelimit
    from django.core.cache import cache
    from django.test import RequestFactory

    e, (ann, *_), codes = h.poll()
    request = RequestFactory().post("/", REMOTE_ADDR="127.0.0.1")
    for rate in allauth_ratelimit.get_rates(app=guesses.APP, action=guesses.ACTION):
        key = allauth_ratelimit.get_cache_key(
            request, app=guesses.APP, action=guesses.ACTION, rate=rate
        )
        cache.set(f"{key}:lock", True, timeout=60)  # another vote, mid-check
    started = time.monotonic()
    with time_machine.travel(h.DURING_POLL, tick=False):
        done = _try(Client(), e, codes[0], step="cast", chosen=[ann.pk])
    assert done.status_code == 302
    assert time.monotonic() - started < 3  # allauth's lock waits 5 s
    assert Ballot.objects.count() == 1
