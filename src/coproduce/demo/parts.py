"""The demo modules in the order demo_data runs them: each finds the records of the ones before
it already in place (people finds the staff that accounts made)."""

from types import ModuleType

from coproduce.demo import accounts, opportunities, payments, people, support_sheets

PARTS: tuple[ModuleType, ...] = (accounts, people, opportunities, payments, support_sheets)
