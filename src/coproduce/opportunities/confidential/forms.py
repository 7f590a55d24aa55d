"""Forms for confidential work: the questions on the request and edit forms (is it
confidential, who may see it), changing the named staff, adding a paper, and recording a
check-in."""

import re
from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet

from coproduce.accounts.models import User
from coproduce.accounts.roles import Role
from coproduce.core.forms import NHSFormMixin
from coproduce.opportunities.confidential.files import TYPES_IN_WORDS, check_paper
from coproduce.opportunities.models import CheckIn, Opportunity

TEAM_ROLES = (Role.COORDINATOR, Role.INVOLVEMENT_LEAD)
STAFF_ROLES = (Role.STAFF, Role.COORDINATOR, Role.INVOLVEMENT_LEAD)
YES_NO = [("yes", "Yes"), ("no", "No")]
MOST_DAYS = 90


def _team_choices() -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        queryset=User.objects.filter(role__in=TEAM_ROLES, is_active=True).order_by("full_name"),
        required=False,
        label="Who in the involvement team may see it?",
        help_text="Name at least one, to find and support the experts. Only the people you "
        "name will see this work: the rest of the team will not.",
        widget=forms.CheckboxSelectMultiple,
    )


def _others_field() -> forms.CharField:
    return forms.CharField(
        required=False,
        label="Other staff who may see it (optional)",
        help_text="Their work email addresses, one on each line. Whoever asked for the work "
        "is always named.",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


def _days(label: str, initial: int) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        initial=initial,
        min_value=0,
        max_value=MOST_DAYS,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "data-width": "2"}),
    )


class NamedStaffMixin(forms.Form):
    """Choosing the named staff: the involvement team by ticking, other staff by email. The
    person who asked for the work leads it and is always named (services.change_named_staff),
    so they are not offered to untick: the field says so instead."""

    subjects = {
        "named_team": "who in the involvement team may see it",
        "named_others": "the other staff",
    }
    lead: User | None = None

    def leave_out_lead(self, lead: User) -> None:
        """The lead is named whatever is ticked: not listed, and the hint says why."""
        self.lead = lead
        if lead.role not in TEAM_ROLES:
            return  # not in the list; the other staff's hint says whoever asked is named
        team = cast(forms.ModelMultipleChoiceField, self.fields["named_team"])
        team.queryset = cast(QuerySet[User], team.queryset).exclude(pk=lead.pk)
        team.help_text = (
            f"{lead.display_name} leads this work, so they are always named and not listed "
            "here. " + str(team.help_text)
        )

    def _named_initial(self, opportunity: Opportunity) -> dict:
        named = list(opportunity.named_staff.all())
        return {
            "named_team": [
                u for u in named if u.role in TEAM_ROLES and u.pk != opportunity.requested_by_id
            ],
            "named_others": "\n".join(
                u.email
                for u in named
                if u.role not in TEAM_ROLES and u.pk != opportunity.requested_by_id
            ),
        }

    def clean_named_others(self) -> list[User]:
        typed = self.cleaned_data.get("named_others") or ""
        emails = [e.strip().lower() for e in re.split(r"[\s,;]+", typed) if e.strip()]
        if not emails:
            return []
        any_of = Q()
        for email in emails:
            any_of |= Q(email__iexact=email)
        found = {
            u.email.lower(): u
            for u in User.objects.filter(any_of, role__in=STAFF_ROLES, is_active=True)
        }
        unknown = [e for e in emails if e not in found]
        if unknown:
            raise ValidationError(
                "We could not find a member of staff with the email address "
                + ", ".join(unknown)
                + ". Check it, or ask them to sign in once first."
            )
        return list(found.values())

    def named_staff(self) -> list[User]:
        team = list(self.cleaned_data.get("named_team") or [])
        return team + list(self.cleaned_data.get("named_others") or [])

    def check_team_named(self) -> None:
        if "named_team" in self.errors:
            return
        lead_is_team = self.lead is not None and self.lead.role in TEAM_ROLES
        if not self.cleaned_data.get("named_team") and not lead_is_team:
            self.add_error(
                "named_team",
                "Name at least one person from the involvement team, so someone can find "
                "experts for this work and support them",
            )


class ConfidentialFields(NamedStaffMixin):
    """On the request form and the edit form: is the work confidential, and who may see it.
    Work that is confidential stays so: the question is not asked again."""

    confidential = forms.TypedChoiceField(
        label="Is this confidential work, such as a serious incident or patient safety "
        "investigation?",
        help_text="If yes, only the staff you name and the experts invited will see it: not "
        "the calendar, not other experts. Experts will need a signed confidentiality "
        "agreement and investigation training.",
        choices=YES_NO,
        coerce=lambda v: v == "yes",
        initial="no",
        widget=forms.RadioSelect,
        required=False,
    )
    named_team = _team_choices()
    named_others = _others_field()
    debrief_after_days = _days("Offer each expert a debrief this many days after a session", 2)
    wellbeing_after_days = _days(
        "Offer each expert a wellbeing check-in this many days after a session", 14
    )

    def setup_confidential(self, opportunity: Opportunity | None) -> None:
        if opportunity is not None:
            self.leave_out_lead(opportunity.requested_by)
        if opportunity is not None and opportunity.confidential:
            del self.fields["confidential"]
            self.initial.update(self._named_initial(opportunity))
            self.initial["debrief_after_days"] = opportunity.debrief_after_days
            self.initial["wellbeing_after_days"] = opportunity.wellbeing_after_days

    @property
    def is_confidential(self) -> bool:
        if "confidential" not in self.fields:
            return True
        return bool(getattr(self, "cleaned_data", {}).get("confidential"))

    def clean_confidential_fields(self) -> None:
        if not self.is_confidential:
            for name in (
                "named_team",
                "named_others",
                "debrief_after_days",
                "wellbeing_after_days",
            ):
                self.errors.pop(name, None)
            return
        self.check_team_named()
        for name in ("debrief_after_days", "wellbeing_after_days"):
            if self.cleaned_data.get(name) is None and name not in self.errors:
                self.add_error(name, "Enter a number of days, like 2")

    def confidential_values(self) -> dict:
        if not self.is_confidential:
            return {"confidential": False}
        return {
            "confidential": True,
            "named_staff": self.named_staff(),
            "debrief_after_days": self.cleaned_data.get("debrief_after_days"),
            "wellbeing_after_days": self.cleaned_data.get("wellbeing_after_days"),
        }


class NamedStaffForm(NHSFormMixin, NamedStaffMixin):
    named_team = _team_choices()
    named_others = _others_field()

    def __init__(self, *args, opportunity: Opportunity, **kwargs):
        super().__init__(*args, **kwargs)
        self.opportunity = opportunity
        self.leave_out_lead(opportunity.requested_by)
        if not self.is_bound:
            self.initial.update(self._named_initial(opportunity))

    def clean(self):
        data = super().clean()
        self.check_team_named()
        return data


class PaperForm(NHSFormMixin, forms.Form):
    subjects = {"title": "what the paper is called", "file": "the paper"}

    title = forms.CharField(
        label="What is the paper called?",
        help_text="For example, Timeline of events. Everyone who may open it will see this.",
        max_length=200,
    )
    file = forms.FileField(
        label="Choose the paper",
        help_text=f"It must be {TYPES_IN_WORDS}, smaller than 10 MB.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.checked = check_paper(upload)
        return upload


class CheckInForm(NHSFormMixin, forms.Form):
    subjects = {"outcome": "what happened"}

    outcome = forms.ChoiceField(
        label="What happened?",
        help_text="Record only what happened. Do not write down what was said.",
        choices=[c for c in CheckIn.Outcome.choices if c[0]],
        widget=forms.RadioSelect,
    )
