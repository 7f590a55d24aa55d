"""Markup a Jinja macro makes from its parameters alone, made once a process and remembered:
`{{ remembered(header, {...}) }}` in a template. For the layout's NHS.UK header, which took a
sixth of a list page's time to make and is the same for everyone with the same role, on the
same page. Only for macros whose output depends on their parameters and nothing else (no
`request`, no time, no database): the parameters are the key."""

from collections.abc import Mapping
from typing import Any

from jinja2 import pass_environment
from jinja2.environment import Environment
from markupsafe import Markup

# Made markup by (macro name, parameters). Cleared when full: the headers of a few roles on a
# few hundred pages, a few kilobytes each.
MOST = 256
_made: dict[tuple, Markup] = {}


def _key(value: Any) -> Any:
    """Parameters as something hashable that tells apart everything the macro could: a dict's
    keys in order, and each value with its type (text and Markup, "" and undefined differ)."""
    if isinstance(value, Mapping):
        return ("{", tuple(sorted((str(k), _key(v)) for k, v in value.items())))
    if isinstance(value, list | tuple):
        return ("[", tuple(_key(v) for v in value))
    if isinstance(value, str | int | float | bool) or value is None:
        return (type(value).__name__, value)
    # Undefined and anything else: by type and text.
    return (type(value).__name__, str(value))


@pass_environment
def remembered(environment: Environment, macro: Any, params: Mapping) -> Markup:
    """The macro's output for these parameters; made afresh while templates reload (DEBUG),
    so that a changed template shows at once."""
    if environment.auto_reload:
        return macro(params)
    key = (macro.name, _key(params))
    made = _made.get(key)
    if made is None:
        made = macro(params)
        if len(_made) >= MOST:
            _made.clear()
        _made[key] = made
    return made
