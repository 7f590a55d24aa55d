"""A standing group's details, and adding a member."""

from django import forms
from django.utils import timezone

from coproduce.accounts.models import Team
from coproduce.core.forms import NHSFormMixin
from coproduce.opportunities.choices import GroupKind
from coproduce.opportunities.forms.fields import date_field
from coproduce.opportunities.models import Group
from coproduce.people.choices import Status
from coproduce.people.models import Expert


class GroupForm(NHSFormMixin, forms.Form):
    subjects = {"kind": "what kind of group it is"}
    NAME_TAKEN = "There is already a group with that name"

    name = forms.CharField(max_length=200, label="Name of the group")
    kind = forms.ChoiceField(
        choices=GroupKind.choices, widget=forms.RadioSelect, label="What kind of group is it?"
    )
    team = forms.ModelChoiceField(
        queryset=Team.objects.all(),
        required=False,
        label="Team (optional)",
        empty_label="No team",
    )
    description = forms.CharField(
        max_length=2000,
        required=False,
        label="What the group does (optional)",
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, group: Group | None = None, **kwargs):
        if group is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "name": group.name,
                "kind": group.kind,
                "team": group.team_id,
                "description": group.description,
            }
        super().__init__(*args, **kwargs)
        self.group = group

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        clash = Group.objects.filter(name__iexact=name)
        if self.group is not None:
            clash = clash.exclude(pk=self.group.pk)
        if clash.exists():
            raise forms.ValidationError(self.NAME_TAKEN)
        return name


class MemberSearchForm(NHSFormMixin, forms.Form):
    q = forms.CharField(
        max_length=100,
        required=False,
        label="Find an expert by name",
        help_text="Only active experts are shown",
    )


class AddMemberForm(NHSFormMixin, forms.Form):
    subjects = {"expert": "who joins the group"}

    expert = forms.ModelChoiceField(
        queryset=Expert.objects.processable().filter(status=Status.ACTIVE),
        widget=forms.RadioSelect,
        label="Who joins the group?",
    )
    role = forms.CharField(
        max_length=100,
        required=False,
        label="Role in the group (optional)",
        help_text="For example, chair or vice-chair",
    )
    joined_on = date_field("Date they joined", required_message="Enter the date they joined")

    def __init__(self, *args, choices=None, **kwargs):
        kwargs.setdefault("initial", {"joined_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        if choices is not None:
            # Offer the people found; on POST, any active expert may be chosen.
            self.fields["expert"].choices = [(e.pk, self._label(e)) for e in choices]

    @staticmethod
    def _label(expert: Expert) -> str:
        where = f" ({expert.locality.name})" if expert.locality else ""
        return f"{expert.full_name}{where}"
