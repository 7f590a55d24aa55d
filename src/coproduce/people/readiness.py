"""Whether a new expert is ready to be made active: asked of the onboarding app through this
one door.

Apps depend one way (DESIGN.md): onboarding sits above people, so people never imports it.
Instead onboarding hands over the function that answers when Django starts
(OnboardingConfig.ready), as payments does for opportunities (coproduce.opportunities.pay)."""

from collections.abc import Callable
from typing import Any

# `missing(expert)` gives the required onboarding checklist items the expert has not done,
# each in words ("Confidentiality agreement signed"); none means they are ready.
Missing = Callable[[Any], list[str]]

_missing: Missing | None = None


def provide(missing: Missing) -> None:
    """Called once by the onboarding app as Django starts."""
    global _missing  # noqa: PLW0603 (set once, at start-up)
    _missing = missing


def missing_for_active(expert) -> list[str]:
    if _missing is None:
        raise RuntimeError("The onboarding app has not started: it knows what is still to do")
    return _missing(expert)
