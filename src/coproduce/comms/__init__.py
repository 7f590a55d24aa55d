"""Keeping in touch (DESIGN.md: comms; issue 14): a folder of small apps side by side, as
impact is (ADR 0013): mailing lists and messages with their delivery, reminders, experts meeting
each other (the directory and events), Working Together stories and the award, and the public
pages that show them."""
