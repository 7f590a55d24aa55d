"""The records of reminders (issue 14)."""
