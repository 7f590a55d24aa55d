"""A macro's markup remembered for its parameters (core/remembered.py): made once for the
same parameters, afresh for any that differ, and always afresh while templates reload."""

import pytest
from django.template import engines
from jinja2 import ChainableUndefined
from markupsafe import Markup

from coproduce.core import remembered as module
from coproduce.core.remembered import remembered


class Macro:
    """Stands in for a Jinja macro: counts how often it is made."""

    name = "greeting"

    def __init__(self):
        self.made = 0

    def __call__(self, params):
        self.made += 1
        return Markup("<p>{}</p>").format(params.get("text"))


@pytest.fixture
def env():
    environment = engines["jinja2"].env
    module._made.clear()
    saved = environment.auto_reload
    environment.auto_reload = False
    yield environment
    environment.auto_reload = saved
    module._made.clear()


def test_the_same_parameters_are_made_once(env):
    macro = Macro()
    first = remembered(env, macro, {"text": "Hello", "items": [{"href": "/a", "current": True}]})
    again = remembered(env, macro, {"items": [{"current": True, "href": "/a"}], "text": "Hello"})
    assert first == again == Markup("<p>Hello</p>")
    assert macro.made == 1


@pytest.mark.parametrize(
    "other",
    [
        {"text": "Hello", "items": [{"href": "/a", "current": False}]},
        {"text": Markup("Hello"), "items": [{"href": "/a", "current": True}]},
        {"text": "Hello", "items": [{"href": "/b", "current": True}]},
        {"text": "Hello", "items": []},
    ],
)
def test_any_difference_is_made_afresh(env, other):
    macro = Macro()
    remembered(env, macro, {"text": "Hello", "items": [{"href": "/a", "current": True}]})
    remembered(env, macro, other)
    assert macro.made == 2


def test_undefined_and_empty_text_differ(env):
    macro = Macro()
    remembered(env, macro, {"text": ""})
    remembered(env, macro, {"text": ChainableUndefined()})
    assert macro.made == 2


def test_made_afresh_while_templates_reload(env):
    env.auto_reload = True
    macro = Macro()
    remembered(env, macro, {"text": "Hello"})
    remembered(env, macro, {"text": "Hello"})
    assert macro.made == 2


def test_the_store_is_emptied_when_full(env, monkeypatch):
    monkeypatch.setattr(module, "MOST", 3)
    macro = Macro()
    for n in range(4):
        remembered(env, macro, {"text": str(n)})
    assert len(module._made) == 1


def test_the_header_shows_the_page_the_person_is_on(coordinator_client, env):
    from django.urls import reverse

    for _ in range(2):  # made, then remembered: the same each time
        for name in ("people:register", "people:dashboard"):
            page = coordinator_client.get(reverse(name)).content.decode()
            header = page.split("</header>")[0]
            assert header.count('aria-current="page"') == 1
            assert f'href="{reverse(name)}" aria-current="page"' in header
