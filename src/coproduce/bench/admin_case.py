"""The register beside Django admin's generic changelist of the same experts. The register is a
page built for the job, so it should take at most ADMIN_RATIO_TARGET of the admin's time. The
app does not list experts in its admin, so the bench adds a plain ModelAdmin for its run only,
searching the same fields as the register's search, and signs in a superuser of its own."""

import importlib
import sys
from contextlib import contextmanager

from coproduce.bench.cases import Case

ADMIN_RATIO_TARGET = 0.5
ADMIN_EMAIL = "bench-admin@bench.invalid"
_CHANGELIST = "/django-admin/people/expert/"
# The register's row each admin case is compared with, by name.
ADMIN_CASES = {
    "register, first page": Case("Django admin's experts, first page", None, lambda f: _CHANGELIST),
    "register, filtered search": Case(
        "Django admin's experts, search", None, lambda f: _CHANGELIST + "?q=smi"
    ),
}


@contextmanager
def expert_admin():
    """Experts listed in Django's admin while measuring, then taken out again."""
    from django.contrib import admin

    from coproduce.people.models import Expert

    class ExpertAdmin(admin.ModelAdmin):
        search_fields = ("full_name", "preferred_name", "email")

    admin.site.register(Expert, ExpertAdmin)
    _reload_urls()
    try:
        yield
    finally:
        admin.site.unregister(Expert)
        _reload_urls()


def _reload_urls() -> None:
    """The admin's URLs are read when the URLconf is first loaded: load it afresh."""
    from django.conf import settings
    from django.urls import clear_url_caches

    if settings.ROOT_URLCONF in sys.modules:
        importlib.reload(sys.modules[settings.ROOT_URLCONF])
    clear_url_caches()


def admin_user():
    """A superuser for the bench: no demo account may use Django's admin."""
    from coproduce.accounts.models import User

    user = User.objects.filter(email=ADMIN_EMAIL).first()
    return user or User.objects.create_superuser(ADMIN_EMAIL, full_name="Bench administrator")


def admin_rows(database: str, register: dict, admin: dict | None) -> list:
    """The admin's time, and the register's as a share of it, under the register's row."""
    from coproduce.bench.report import Row, milliseconds

    case = ADMIN_CASES.get(register["name"])
    if case is None:
        return []
    timed = Row(f"  {case.name}", database, "-", "-", "-", None)
    ratio = Row("  register ÷ admin", database, f"<= {ADMIN_RATIO_TARGET}x", "-", "-", None)
    if admin is None or admin["error"] or register["error"]:
        error = (admin or {}).get("error") or register["error"] or "no admin measurement"
        timed.note = ratio.note = f"not measured: {error}"
        return [timed, ratio]
    timed.median = milliseconds(admin["median_ms"])
    timed.queries = str(admin["queries"])
    share = register["median_ms"] / admin["median_ms"]
    ratio.median = f"{share:.2f}x"
    ratio.met = share <= ADMIN_RATIO_TARGET
    return [timed, ratio]
