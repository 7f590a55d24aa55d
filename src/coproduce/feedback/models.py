"""The feedback app's records."""
