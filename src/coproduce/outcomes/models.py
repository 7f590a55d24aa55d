"""The outcomes app's records."""
