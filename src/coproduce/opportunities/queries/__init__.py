"""Reads of opportunities, sessions and groups, each in a fixed number of queries."""
