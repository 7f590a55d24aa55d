"""Who may do what in stories (issue 14)."""

import rules  # noqa: F401
