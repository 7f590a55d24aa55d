"""The records of lists (issue 14)."""
