"""The records of public (issue 14)."""
