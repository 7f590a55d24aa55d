"""The records of directory (issue 14)."""
