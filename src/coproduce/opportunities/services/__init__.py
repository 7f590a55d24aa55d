"""Everything that changes opportunities, sessions, groups and invitations, one module per part
of the work. Each function is one transaction and writes its audit record; the caller has
already checked permission."""
