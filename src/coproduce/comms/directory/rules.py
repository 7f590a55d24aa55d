"""Who may do what in directory (issue 14)."""

import rules  # noqa: F401
