"""The concerns app's records."""
