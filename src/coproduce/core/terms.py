"""The organisation's own words for its experts, for the staff who work beside them, and its
slogan: `terms.expert`, `terms.experts`, `terms.staff`, `terms.slogan` in every template, and
`current_terms()` in Python (emails, documents, badges).

They are read on every page, so they are kept in the cache (the project's Django cache:
Redis where there is one) and read from the database only when the cache has none: after a
restart, or after the lead changes them (`save_terms` puts the new words in at once). The
cache entry lasts a few minutes at most, so a web process with its own memory cache (no Redis)
sees another process's change within that time."""

from dataclasses import asdict, dataclass

from django.conf import settings
from django.core.cache import cache

CACHE_KEY = "coproduce:our-words:v1"
CACHE_SECONDS = 300


@dataclass(frozen=True)
class Terms:
    expert: str
    experts: str
    staff: str
    slogan: str


def default_terms() -> Terms:
    """The words before the lead changes them. The singular comes from the
    COPRODUCE_EXPERT_TERM setting, as badges always used it."""
    expert = settings.COPRODUCE_EXPERT_TERM
    experts = "Experts by Experience" if expert == "Expert by Experience" else f"{expert}s"
    return Terms(
        expert=expert,
        experts=experts,
        staff="Experts by Occupation",
        slogan="Working together with the people who use our services",
    )


# What the cache holds: the saved row's words, or NOT_SAVED when the lead has never changed
# them (the defaults are then worked out from settings each time, so a change of setting
# applies at once).
NOT_SAVED = "not saved"


def _saved() -> Terms | None:
    from coproduce.core.models import OurWords

    row = OurWords.objects.order_by("pk").first()
    if row is None:
        return None
    return Terms(expert=row.expert, experts=row.experts, staff=row.staff, slogan=row.slogan)


def current_terms() -> Terms:
    """The organisation's words now: from the cache, else the database (one query)."""
    found = cache.get(CACHE_KEY)
    if isinstance(found, Terms):
        return found
    if found == NOT_SAVED:
        return default_terms()
    saved = _saved()
    remember(saved)
    return saved or default_terms()


def remember(saved: Terms | None) -> None:
    """Puts these words in the cache as the current ones (None: the lead has not set any)."""
    cache.set(CACHE_KEY, saved or NOT_SAVED, CACHE_SECONDS)


def save_terms(terms: Terms) -> tuple[Terms, Terms]:
    """Saves the organisation's words (the one row) and puts them in the cache once the
    change is committed; returns (before, after). The caller records who changed them
    (accounts.services.set_our_words), in the same transaction."""
    from django.db import transaction

    from coproduce.core.models import OurWords

    row = OurWords.objects.select_for_update().order_by("pk").first()
    before = (
        Terms(expert=row.expert, experts=row.experts, staff=row.staff, slogan=row.slogan)
        if row
        else default_terms()
    )
    row = row or OurWords()
    for name, value in asdict(terms).items():
        setattr(row, name, value)
    row.save()
    cache.delete(CACHE_KEY)
    transaction.on_commit(lambda: remember(terms))
    return before, terms


class TermsForTemplates:
    """`terms` in templates: each attribute is read from current_terms() when used, so a
    page rendered after a change shows the new words."""

    def __getattr__(self, name: str) -> str:
        return getattr(current_terms(), name)


terms_for_templates = TermsForTemplates()
