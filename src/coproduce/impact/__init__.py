"""Impact (DESIGN.md): what involvement changes, and telling the experts. A folder of small apps
side by side (ADR 0013): feedback after sessions, outcomes ("you said, we did"), concerns."""
