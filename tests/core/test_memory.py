"""The cycle collector is paused only for the block, and restored however the block ends."""

import gc

import pytest

from coproduce.core.memory import cycle_collection_paused


def test_the_collector_is_paused_inside_and_running_again_after():
    assert gc.isenabled()
    with cycle_collection_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_an_error_inside_still_restarts_the_collector():
    with pytest.raises(ValueError), cycle_collection_paused():
        raise ValueError("boom")
    assert gc.isenabled()


def test_a_collector_already_paused_stays_paused():
    gc.disable()
    try:
        with cycle_collection_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
