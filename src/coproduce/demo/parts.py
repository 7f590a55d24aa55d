"""The demo modules in the order demo_data runs them: each finds the records of the ones before
it already in place (people finds the staff that accounts made)."""

from types import ModuleType

from coproduce.demo import (
    accounts,
    ambitions,
    concerns,
    declarations,
    elections,
    equality,
    feedback,
    mailing,
    meeting,
    membership,
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
    surveys,
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
    membership,
    # After the members part, if there is one: answers by link are its members'.
    surveys,
    # After the members part, if there is one: the elections' voters are its members.
    elections,
    # Last: counts the attendance every part before has recorded.
    recent_attendance,
)
