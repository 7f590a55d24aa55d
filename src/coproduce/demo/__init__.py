"""Demo data: realistic, entirely fictional people and records for a demo or the benchmark,
made by `manage.py demo_data`. Never part of the service itself: nothing outside this package
(bar the benchmark and the tests) imports it.

One module for each app's records, run in this order, each finding what the earlier ones made:
accounts (organisations, teams, staff sign-ins), people (the lists and the register),
opportunities (venues, groups, opportunities and sessions; then history: invitations and
attendance) and payments (policies, budgets, claims and payment runs)."""
