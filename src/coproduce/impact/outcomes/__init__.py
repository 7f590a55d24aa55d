"""Outcomes: what changed because experts took part ("you said, we did"), told back to the experts involved, and the outcomes overdue by team (issue 13)."""
