"""Who may do what in lists (issue 14)."""

import rules  # noqa: F401
