"""The outcome form ("you said, we did", or why nothing changed, with a few plain words for
the experts) and the involvement lead's form for the weeks by which an outcome is due."""

from django import forms

from coproduce.core.forms import NHSFormMixin
from coproduce.impact.outcomes.models import FEWEST_WEEKS, MOST_PAIRS, MOST_WEEKS, Outcome
from coproduce.impact.outcomes.services import Wording

SOMETHING = "yes"
NOTHING = "no"
PAIRS_SHOWN = 3

CHOOSE_CHANGED = "Choose whether something changed because experts took part"
NEED_A_PAIR = "Enter what experts said, and what was done about it"
NEED_SAID = "Enter what experts said, beside what was done about it"
NEED_DID = "Enter what was done about what experts said"
NEED_WHY = "Enter why nothing changed"


def _text(label: str, limit: int, *, rows: int = 3, hint: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=hint,
        required=False,
        max_length=limit,
        strip=True,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class OutcomeForm(NHSFormMixin, forms.Form):
    """Pairs are fields `said_1`/`did_1` to `said_6`/`did_6`; the page shows the first few
    (`shown`) and a button for another. `correcting` adds the choice to tell the experts
    again."""

    changed = forms.ChoiceField(
        label="Did something change because experts took part?",
        choices=[
            (SOMETHING, "Yes, something changed: you said, we did"),
            (NOTHING, "No, nothing changed"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": CHOOSE_CHANGED},
    )
    why_nothing = _text(
        "If nothing changed, why not?",
        2000,
        hint="Say it plainly: experts want to know their time was taken seriously, even when "
        "nothing could change.",
    )
    summary = _text(
        "In plain words, for the experts (optional)",
        1000,
        rows=4,
        hint="A short paragraph in Easy Read style: short sentences and everyday words. "
        "Experts see it first, in their email and their portal.",
    )

    subjects = {
        "changed": "whether something changed",
        "why_nothing": "why nothing changed",
    }

    def __init__(self, data=None, *, outcome: Outcome | None = None, **kwargs):
        super().__init__(data, **kwargs)
        self.correcting = outcome is not None
        for n in range(1, MOST_PAIRS + 1):
            self.fields[f"said_{n}"] = _text(f"What experts said ({n})", 1000, rows=2)
            self.fields[f"did_{n}"] = _text(f"What was done about it ({n})", 1000, rows=2)
        # In the order of the page (and so of the error summary).
        order = [
            "changed",
            *(f"{part}_{n}" for n in range(1, MOST_PAIRS + 1) for part in ("said", "did")),
        ]
        order += ["why_nothing", "summary"]
        self.fields = {name: self.fields[name] for name in order}
        if self.correcting:
            self.fields["tell_experts"] = forms.BooleanField(
                label="Tell the experts who attended about this correction",
                help_text="They are sent the outcome as it now reads. Leave this unticked "
                "for a small fix, such as a spelling mistake.",
                required=False,
            )
        if outcome is not None:
            self.initial.update(
                changed=SOMETHING if outcome.changed else NOTHING,
                why_nothing=outcome.why_nothing,
                summary=outcome.summary,
            )
            for n, pair in enumerate(outcome.pairs[:MOST_PAIRS], start=1):
                self.initial[f"said_{n}"] = pair.get("said", "")
                self.initial[f"did_{n}"] = pair.get("did", "")

    def subject_for(self, name: str) -> str:
        if name.startswith(("said_", "did_")):
            what = "what experts said" if name.startswith("said_") else "what was done"
            return f"{what} ({name.rsplit('_', 1)[1]})"
        return super().subject_for(name)

    def shown(self, at_least: int = 0) -> int:
        """How many pairs the page shows: those filled in and one empty, at least
        PAIRS_SHOWN (or `at_least`, when the person asked for another)."""
        source = self.data if self.is_bound else self.initial
        filled = [
            n
            for n in range(1, MOST_PAIRS + 1)
            if str(source.get(f"said_{n}", "") or "").strip()
            or str(source.get(f"did_{n}", "") or "").strip()
        ]
        last = max(filled, default=0)
        return min(max(PAIRS_SHOWN, last + 1, at_least), MOST_PAIRS)

    def pair_fields(
        self, at_least: int = 0
    ) -> list[tuple[int, forms.BoundField, forms.BoundField]]:
        return [
            (n, self[f"said_{n}"], self[f"did_{n}"]) for n in range(1, self.shown(at_least) + 1)
        ]

    def clean(self):
        cleaned = super().clean()
        changed = cleaned.get("changed")
        if changed == SOMETHING:
            pairs = 0
            for n in range(1, MOST_PAIRS + 1):
                said, did = cleaned.get(f"said_{n}", ""), cleaned.get(f"did_{n}", "")
                if said and not did:
                    self.add_error(f"did_{n}", forms.ValidationError(NEED_DID, code="pair"))
                elif did and not said:
                    self.add_error(f"said_{n}", forms.ValidationError(NEED_SAID, code="pair"))
                elif said and did:
                    pairs += 1
            if not pairs and not self.has_error("said_1") and not self.has_error("did_1"):
                self.add_error("said_1", forms.ValidationError(NEED_A_PAIR, code="no_pairs"))
        elif changed == NOTHING and not cleaned.get("why_nothing"):
            self.add_error("why_nothing", forms.ValidationError(NEED_WHY, code="required"))
        return cleaned

    def wording(self) -> Wording:
        data = self.cleaned_data
        pairs = [
            {"said": data[f"said_{n}"], "did": data[f"did_{n}"]}
            for n in range(1, MOST_PAIRS + 1)
            if data.get(f"said_{n}") and data.get(f"did_{n}")
        ]
        return Wording(
            changed=data["changed"] == SOMETHING,
            pairs=pairs,
            why_nothing=data["why_nothing"],
            summary=data["summary"],
        )


class WeeksForm(NHSFormMixin, forms.Form):
    weeks = forms.IntegerField(
        label="Weeks after the last session",
        help_text="An outcome not recorded by then shows as overdue. We suggest 8 weeks: "
        "long enough for a decision to be made, soon enough for experts to remember taking "
        "part.",
        min_value=FEWEST_WEEKS,
        max_value=MOST_WEEKS,
        error_messages={
            "required": "Enter the number of weeks after the last session",
            "invalid": "Enter the number of weeks as a whole number, like 8",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "data-width": "2"}),
    )
