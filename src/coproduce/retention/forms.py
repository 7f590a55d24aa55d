"""The involvement lead's form for how long each kind of record is kept: a whole number of
months (days for spreadsheet uploads) for each kind in kinds.KINDS, never less than the law
allows, saying why beside the field."""

from django import forms

from coproduce.core.forms import NHSFormMixin
from coproduce.retention.kinds import KINDS, MONTHS, Kind, period_words
from coproduce.retention.models import RetentionPeriods


def _field(kind: Kind) -> forms.IntegerField:
    unit = "months" if kind.unit == MONTHS else "days"
    subject = f"the {unit} to keep {kind.name.lower()}"
    example = kind.default
    if kind.least_why:
        too_few = (
            f"{kind.name} must be kept for at least {kind.least} {unit} "
            f"({period_words(kind, kind.least)}): {kind.least_why}"
        )
    else:
        too_few = f"Enter at least {kind.least} for {subject}"
    return forms.IntegerField(
        label=f"{kind.name}, in {unit}",
        help_text=f"Counted {kind.counted_from}. {kind.what_happens} "
        f"We suggest {period_words(kind, kind.default)}. {kind.why}",
        min_value=kind.least,
        max_value=kind.most,
        error_messages={
            "required": f"Enter {subject}",
            "invalid": f"Enter {subject} as a whole number, like {example}",
            "min_value": too_few,
            "max_value": f"Enter {kind.most:,} or fewer for {subject}",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "data-width": "4"}),
    )


class RetentionForm(NHSFormMixin, forms.Form):
    """One field for each kind, named as its RetentionPeriods field, prefilled from
    `current`."""

    def __init__(self, data=None, *, current: RetentionPeriods | None = None, **kwargs):
        super().__init__(data, **kwargs)
        current = current or RetentionPeriods()
        for kind in KINDS:
            self.fields[kind.field] = _field(kind)
            self.initial.setdefault(kind.field, getattr(current, kind.field))

    def values(self) -> dict[str, int]:
        return {kind.field: self.cleaned_data[kind.field] for kind in KINDS}
