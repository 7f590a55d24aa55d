"""The records of stories (issue 14)."""
