"""What the register asks of the onboarding app, through this one door: whether a new expert
is ready to be made active, and which version of the privacy notice is current.

Apps depend one way (DESIGN.md): onboarding sits above people, so people never imports it.
Instead onboarding hands over the functions that answer when Django starts
(OnboardingConfig.ready), as payments does for opportunities (coproduce.opportunities.pay).
(Onboarding tells the register when someone signs the privacy notice the other way, by
coproduce.people.signals.privacy_notice_signed.)"""

from collections.abc import Callable
from typing import Any

from django.conf import settings

# `missing(expert)` gives the required onboarding checklist items the expert has not done,
# each in words ("Confidentiality agreement signed"); none means they are ready.
Missing = Callable[[Any], list[str]]
# `current()` gives the number of the privacy notice version published now ("3"), or None when
# the organisation has not published one under Agreements.
CurrentVersion = Callable[[], str | None]

_missing: Missing | None = None
_privacy_notice: CurrentVersion | None = None


def provide(missing: Missing, privacy_notice: CurrentVersion | None = None) -> None:
    """Called once by the onboarding app as Django starts."""
    global _missing, _privacy_notice  # noqa: PLW0603 (set once, at start-up)
    _missing = missing
    _privacy_notice = privacy_notice


def missing_for_active(expert) -> list[str]:
    """Every way to make someone active asks this (people.services: the status form, the
    one-step "make active", adding someone as active)."""
    if _missing is None:
        raise RuntimeError("The onboarding app has not started: it knows what is still to do")
    return _missing(expert)


def current_privacy_notice_version() -> str:
    """The privacy notice in force: the version published under Agreements, or, until one is,
    the one the website shows (settings.PRIVACY_NOTICE_VERSION, which the get-involved form
    records). One query."""
    published = _privacy_notice() if _privacy_notice is not None else None
    return published or settings.PRIVACY_NOTICE_VERSION
