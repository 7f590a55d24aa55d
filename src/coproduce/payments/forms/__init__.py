"""Payments' forms, one module per part."""
