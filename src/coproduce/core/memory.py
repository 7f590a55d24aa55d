"""Pausing Python's cycle collector around reads that build many short-lived rows.

A page such as the shortlist reads tens of thousands of small tuples. Each is freed by
reference counting as soon as it is done with, but making them sets off the cycle collector,
which walks every object the process holds (all of Django and the app) several times per
request: about a third of the shortlist's time on a web server. None of these rows form
cycles, so nothing is kept longer by pausing it; the collector runs as usual afterwards."""

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cycle_collection_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
