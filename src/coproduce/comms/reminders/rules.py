"""Who may do what in reminders (issue 14)."""

import rules  # noqa: F401
