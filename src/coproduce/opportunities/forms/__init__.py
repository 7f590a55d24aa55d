"""Forms for requests, opportunities, sessions and groups. Each keeps what was typed when it
comes back with errors, with the message beside the field."""
