"""The register's search and filter form, read from the query string."""

from typing import cast

from django import forms

from coproduce.core.forms import NHSFormMixin
from coproduce.people.choices import PaymentPreference, Perspective, Status
from coproduce.people.queries import SORTS, RegisterFilters, filter_entries

SORT_CHOICES = [
    ("name", "Name (A to Z)"),
    ("-name", "Name (Z to A)"),
    ("status", "Status"),
    ("locality", "Locality"),
    ("-added", "Newest first"),
    ("added", "Oldest first"),
]


def _multi(label):
    """One of the team's lists (queries.FILTER_LISTS): its entries are given by the form, all
    four lists in one query, and a chosen entry is its id."""
    return forms.TypedMultipleChoiceField(
        coerce=int, required=False, label=label, widget=forms.CheckboxSelectMultiple
    )


class RegisterFilterForm(NHSFormMixin, forms.Form):
    q = forms.CharField(required=False, max_length=100, label="Name, email or phone number")
    status = forms.MultipleChoiceField(
        choices=Status.choices, required=False, label="Status", widget=forms.CheckboxSelectMultiple
    )
    perspective = forms.MultipleChoiceField(
        choices=Perspective.choices,
        required=False,
        label="Perspective",
        widget=forms.CheckboxSelectMultiple,
    )
    area = _multi("Lived experience")
    skill = _multi("Skills")
    locality = _multi("Locality")
    payment = forms.MultipleChoiceField(
        choices=PaymentPreference.choices,
        required=False,
        label="Payment preference",
        widget=forms.CheckboxSelectMultiple,
    )
    need = _multi("Access needs")
    sort = forms.ChoiceField(choices=SORT_CHOICES, required=False, label="Sort by")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, entries in filter_entries().items():
            cast(forms.ChoiceField, self.fields[name]).choices = entries

    def filters(self) -> RegisterFilters:
        if not self.is_valid():
            return RegisterFilters()
        data = self.cleaned_data
        sort = data.get("sort") or "name"
        return RegisterFilters(
            text=data.get("q") or "",
            statuses=data.get("status") or [],
            perspectives=data.get("perspective") or [],
            areas=data.get("area") or [],
            skills=data.get("skill") or [],
            localities=data.get("locality") or [],
            payment_preferences=data.get("payment") or [],
            access_needs=data.get("need") or [],
            sort=sort if sort in SORTS else "name",
        )

    def is_filtered(self) -> bool:
        return self.is_valid() and any(v for k, v in self.cleaned_data.items() if k != "sort")
