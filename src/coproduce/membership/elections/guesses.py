"""A limit on guessing codes at the vote page: after too many codes not recognised from one
address in a period (ELECTION_CODE_RATE_LIMIT, the project's allauth rate limits kept in the
shared cache), the page takes no more codes from there for a while. Only wrong codes count, so
voters sharing an address (a library, a care home) are not stopped by the right ones.

Nothing here knows any code or ballot: only how many wrong codes came from an address, when."""

import math
import time

from allauth.core import ratelimit
from allauth.core.internal import ratelimit as allauth_ratelimit
from django.core.cache import cache
from django.http import HttpRequest

from coproduce.core.formats import count_of

ACTION = "election_code"
APP = "allauth.account"  # whose RATE_LIMITS allauth reads: settings.ACCOUNT_RATE_LIMITS


def minutes_to_wait(request: HttpRequest) -> int:
    """0 when a code may be tried from this address now; otherwise the whole minutes until
    one may (at least 1). Read without allauth's lock (one cache round trip): its check takes
    a lock for each rate and reads a lock held by another request as "refused", which would
    turn away right codes when voters at one address vote at the same moment."""
    # allauth keeps, for each rate, the times of the wrong codes, newest first: a rate of
    # N per period lets a code in again once the N-th newest is a period old.
    now = time.time()
    rates = {
        allauth_ratelimit.get_cache_key(request, app=APP, action=ACTION, rate=rate): rate
        for rate in allauth_ratelimit.get_rates(app=APP, action=ACTION)
    }
    held = cache.get_many(list(rates))
    blocked, wait = False, 0.0
    for key, rate in rates.items():
        recent = [at for at in held.get(key, []) if at > now - rate.duration]
        if len(recent) >= rate.amount:
            blocked = True
            wait = max(wait, recent[rate.amount - 1] + rate.duration - now)
    return max(1, math.ceil(wait / 60)) if blocked else 0


def count_wrong_code(request: HttpRequest) -> None:
    """Counts one code not recognised against this address."""
    ratelimit.consume(request, action=ACTION)


def wait_in_words(minutes: int) -> str:
    """'1 minute', '25 minutes'; from two hours, in hours ('3 hours')."""
    if minutes >= 120:
        return count_of(math.ceil(minutes / 60), "hour")
    return count_of(minutes, "minute")
