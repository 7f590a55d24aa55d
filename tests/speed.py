"""Time limits in the suite. A limit in a test is there to catch a change that makes something
many times slower: the speed targets themselves are measured by `make bench`, on realistic data,
and reported there (hits and misses). A test shares the machine's cores with the other test
process, the database and whatever else a CI machine runs, and one CI run measured an Expert's
year PDF at 1.08 s of processor time against a 1 s target it meets alone. So a test allows
SLACK times its target: a regression to quadratic work still fails, a busy moment does not."""

import os

SLACK = float(os.environ.get("COPRODUCE_TEST_SPEED_SLACK", "3"))


def limit(target_seconds: float) -> float:
    """The most a test lets a thing take whose target is `target_seconds`."""
    return target_seconds * SLACK
