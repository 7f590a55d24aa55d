"""`make bench`: how fast the pages the involvement team uses most are with a big register.

It fills a throwaway SQLite file (var/bench/) and a throwaway PostgreSQL database with
20,000 demo experts, then times each case in `cases.CASES` through Django's test client,
signed in as a coordinator. Each database runs in its own process (`worker`) with production
settings (DEBUG off), so no developer setting or database is touched. To measure another page,
add a `Case` to `cases.CASES`.
"""
