import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clean_cache():
    """allauth keeps its rate limits and its record of used authenticator codes in the cache,
    which outlives a test's database."""
    cache.clear()
    yield
    cache.clear()
