"""Audit actions are a fixed list (AuditEvent.Action): every call site passes a member, the
services refuse anything else, and the history page shows each one by its label."""

import ast
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils.text import capfirst

import coproduce
from coproduce.audit import services as audit
from coproduce.audit.models import AuditEvent
from tests.factories import ExpertFactory

pytestmark = pytest.mark.django_db

SOURCE = Path(coproduce.__file__).parent
# The audit services and the helpers that pass an action on to them.
WRITERS = {"record_change", "record_changes", "record_export", "_audit", "_move"}


def test_an_unknown_action_is_refused_and_nothing_is_written(coordinator):
    expert = ExpertFactory()
    with pytest.raises(ValueError, match="not an audit action"):
        audit.record_change(actor=coordinator, instance=expert, action="claim sent to the moon")
    with pytest.raises(ValueError, match="not an audit action"):
        audit.record_changes(
            actor=coordinator, action="paid twice", changes=[(expert, expert, "x", {})]
        )
    with pytest.raises(ValueError, match="not an audit action"):
        audit.record_export(actor=coordinator, action="leaked", what=expert, summary="x")
    assert not AuditEvent.objects.exists()


def test_an_action_given_as_its_stored_words_is_saved_as_the_member(coordinator):
    event = audit.record_change(actor=coordinator, instance=ExpertFactory(), action="claim paid")
    assert event.action is AuditEvent.Action.CLAIM_PAID


def test_every_action_fits_its_column_and_has_its_own_label():
    longest = AuditEvent._meta.get_field("action").max_length
    assert all(len(action.value) <= longest for action in AuditEvent.Action)
    labels = [str(action.label) for action in AuditEvent.Action]
    assert len(set(labels)) == len(labels)


def test_the_history_page_shows_every_action_by_its_label(coordinator, coordinator_client):
    expert = ExpertFactory()
    for action in AuditEvent.Action:
        audit.record_change(actor=coordinator, instance=expert, action=action)
    page = coordinator_client.get(reverse("people:expert_history", args=[expert.pk]))
    html = page.content.decode()
    missing = [a.label for a in AuditEvent.Action if f"{capfirst(a.label)}" not in html]
    assert missing == []
    # Stored words with underscores ("status_changed") never reach the page.
    assert not [a.value for a in AuditEvent.Action if "_" in a.value and a.value in html]


def _words_given_as_action(call: ast.Call) -> list[str]:
    name = getattr(call.func, "id", None) or getattr(call.func, "attr", None)
    if name not in WRITERS:
        return []
    values = [k.value for k in call.keywords if k.arg == "action"]
    if name == "_move" and len(call.args) >= 3:
        values.append(call.args[2])
    found = []
    for value in values:
        branches = [value.body, value.orelse] if isinstance(value, ast.IfExp) else [value]
        found += [b.value for b in branches if isinstance(b, ast.Constant)]
    return found


def test_no_call_site_writes_an_action_as_words():
    """Every action reaching the audit services is written AuditEvent.Action.X, so a typo is
    an AttributeError where it is made, not an event the history cannot name."""
    offenders = []
    for path in SOURCE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Call):
                offenders += [
                    f"{path.relative_to(SOURCE)}: {w}" for w in _words_given_as_action(node)
                ]
    assert offenders == []


def test_the_check_finds_words_given_as_an_action():
    call = ast.parse('record_change(action="claim paid" if x else "paid")').body[0].value
    assert _words_given_as_action(call) == ["claim paid", "paid"]
