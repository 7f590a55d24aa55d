"""Who may do what in public (issue 14)."""

import rules  # noqa: F401
