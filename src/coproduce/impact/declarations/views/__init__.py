"""The declarations pages: a programme manager's declarations (declarations.py) and the
co-production board's meetings and reviews (board.py)."""
