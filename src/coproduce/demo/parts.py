"""The demo modules in the order demo_data runs them: each finds the records of the ones before
it already in place (people finds the staff that accounts made)."""

from types import ModuleType

from coproduce.demo import (
    accounts,
    ambitions,
    concerns,
    declarations,
    equality,
    feedback,
    mailing,
    meeting,
    onboarding,
    opportunities,
    outcomes,
    parking,
    payments,
    people,
    recent_attendance,
    report,
    stories,
    support_sheets,
    training,
    welcome,
)

PARTS: tuple[ModuleType, ...] = (
    accounts,
    people,
    training,
    onboarding,
    opportunities,
    parking,
    payments,
    support_sheets,
    welcome,
    concerns,
    outcomes,
    feedback,
    declarations,
    ambitions,
    equality,
    report,
    meeting,
    mailing,
    stories,
    # Last: counts the attendance every part before has recorded.
    recent_attendance,
)
