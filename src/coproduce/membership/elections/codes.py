"""One-time voting codes: three groups of four letters and digits, from an alphabet without
look-alikes (no 0/O, 1/I/L, 5/S, 2/Z, 8/B), so a code read from a letter is typed right.
25 characters to the power of 12 is about 6 x 10^16 codes: guessing one is hopeless, so the code
alone is the permission to vote. Only the SHA-256 of a code is stored."""

import hashlib
import re
import secrets

ALPHABET = "3467ACDEFGHJKMNPQRTUVWXY9"
GROUPS = 3
GROUP_LENGTH = 4


def new_code() -> str:
    """A fresh random code, as printed: "7KQM-3XRT-AC9D"."""
    groups = ("".join(secrets.choice(ALPHABET) for _ in range(GROUP_LENGTH)) for _ in range(GROUPS))
    return "-".join(groups)


def normalise(typed: str) -> str:
    """What the person typed, as the code it means: spaces and dashes dropped, capitals."""
    return re.sub(r"[\s\-–]", "", typed).upper()


def looks_like_a_code(typed: str) -> bool:
    return len(normalise(typed)) == GROUPS * GROUP_LENGTH


def code_hash(typed: str) -> str:
    return hashlib.sha256(normalise(typed).encode()).hexdigest()
