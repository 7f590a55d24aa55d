"""The Jinja environment: our app templates first, then the NHS.UK frontend macros."""

from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.template.defaultfilters import pluralize
from django.templatetags.static import static
from django.urls import reverse
from jinja2 import ChainableUndefined, ChoiceLoader, Environment, PackageLoader

from coproduce.accounts.nav import navigation_for
from coproduce.accounts.social import provider_enabled
from coproduce.core import formats
from coproduce.core.csp import csp_nonce
from coproduce.core.forms import field_items, widget_kind
from coproduce.core.remembered import remembered
from coproduce.core.terms import terms_for_templates


def url(name: str, *args: Any, **kwargs: Any) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def work_title(opportunity: Any) -> str:
    """{{ session.opportunity | work_title }}: the title, or "Confidential work" for
    confidential work (on staff pages such as finance's claims, where the reader may not be
    one of its named staff). See opportunities.queries.confidential."""
    return "Confidential work" if getattr(opportunity, "confidential", False) else opportunity.title


def environment(**options: Any) -> Environment:
    app_loader = options.pop("loader")
    options["undefined"] = ChainableUndefined
    options["loader"] = ChoiceLoader([app_loader, PackageLoader("nhsuk_frontend_jinja")])
    options.setdefault("extensions", []).append("jinja2.ext.do")
    env = Environment(**options)  # noqa: S701 - Django's backend sets autoescape  # nosec B701
    env.globals.update(
        {
            "url": url,
            "csp_nonce": csp_nonce,
            "static": static,
            "settings": settings,
            "get_messages": get_messages,
            "organisation_name": settings.ORGANISATION_NAME,
            "field_kind": widget_kind,
            "navigation_for": navigation_for,
            "field_items": field_items,
            # {{ remembered(header, {...}) }}: a macro's markup made once for its parameters.
            "remembered": remembered,
            "nhs_sign_in_enabled": provider_enabled,
            # The organisation's own words: {{ terms.expert }}, {{ terms.experts }},
            # {{ terms.staff }}, {{ terms.slogan }} (core/terms.py; cached, no query a page).
            "terms": terms_for_templates,
        }
    )
    env.filters.update(
        {
            "long_date": formats.long_date,
            "short_date": formats.short_date,
            "time": formats.time_of_day,
            "date_time": formats.date_time,
            "money": formats.money,
            "hours": formats.hours,
            # {{ n | count_of("hour") }}: "1 hour", "2.5 hours"
            "count_of": formats.count_of,
            # Django's: {{ n | pluralize }} is "" or "s"; {{ n | pluralize("is,are") }}
            "pluralize": pluralize,
            "work_title": work_title,
        }
    )
    return env
