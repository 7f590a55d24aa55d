"""The organisation's own words (core.terms), as the involvement lead sets them: what it calls
its experts, the staff who work beside them, and its slogan. Changing them is audited."""

from dataclasses import asdict

from django import forms
from django.db import transaction

from coproduce.audit import services as audit
from coproduce.audit.models import AuditEvent
from coproduce.core.forms import NHSFormMixin
from coproduce.core.models import OurWords
from coproduce.core.terms import Terms, current_terms, save_terms


class OurWordsForm(NHSFormMixin, forms.Form):
    subjects = {
        "expert": "what you call one expert",
        "experts": "what you call more than one expert",
        "staff": "what you call staff who work beside experts",
        "slogan": "your slogan",
    }

    expert = forms.CharField(
        max_length=60,
        label="What do you call one expert?",
        help_text="For example, Expert by Experience, or Lived Experience Partner",
    )
    experts = forms.CharField(
        max_length=60,
        label="What do you call more than one?",
        help_text="For example, Experts by Experience, or Lived Experience Partners",
    )
    staff = forms.CharField(
        max_length=60,
        label="What do you call staff who work beside experts?",
        help_text="For example, Experts by Occupation",
    )
    slogan = forms.CharField(
        max_length=150,
        required=False,
        label="Your slogan (optional)",
        help_text="Shown on the home page and in the welcome pack. For example, "
        "Nothing about us without us",
    )

    def clean(self):
        data = super().clean()
        for name in ("expert", "experts", "staff", "slogan"):
            if name in data:
                data[name] = " ".join(data[name].split())
        return data


def set_our_words(*, actor, terms: Terms) -> Terms:
    """Saves the organisation's words; every page, email, document and badge uses them
    from now."""
    with transaction.atomic():
        before, after = save_terms(terms)
        changes = audit.diff(asdict(before), asdict(after))
        row = OurWords.objects.order_by("pk").first()
        assert row is not None
        audit.record_change(
            actor=actor,
            instance=row,
            action=AuditEvent.Action.TERMS_CHANGED,
            summary=audit.shortened(f"Our words changed: {after.expert}, {after.experts}", 300),
            changes=changes,
        )
    return after


def words_now() -> Terms:
    return current_terms()
