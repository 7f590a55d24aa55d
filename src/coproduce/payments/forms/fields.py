"""Amounts of money as people type them: one field for every form, kept in core so that the
register's earnings limit reads the same as a claim."""

from coproduce.core.forms import PoundsField

__all__ = ["PoundsField"]
