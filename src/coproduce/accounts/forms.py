from django import forms

from coproduce.accounts.models import Team, User
from coproduce.accounts.roles import Role
from coproduce.core.forms import NHSFormMixin

STAFF_ROLE_CHOICES = [(r.value, r.label) for r in Role.staff_roles()]


class StaffForm(NHSFormMixin, forms.Form):
    full_name = forms.CharField(max_length=200, label="Full name")
    email = forms.EmailField(
        max_length=254,
        label="Work email address",
        widget=forms.EmailInput(attrs={"spellcheck": False}),
    )
    role = forms.ChoiceField(choices=STAFF_ROLE_CHOICES, widget=forms.RadioSelect, label="Role")
    team = forms.ModelChoiceField(
        queryset=Team.objects.select_related("organisation").filter(active=True),
        required=False,
        label="Team",
        empty_label="No team",
        help_text="Staff members need a team: it is who their requests for involvement come from",
    )
    is_active = forms.BooleanField(
        required=False,
        initial=True,
        label="Can sign in",
        help_text="Untick to stop this person signing in",
    )

    def __init__(self, *args, user: User | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user is None:
            del self.fields["is_active"]

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].lower()
        clash = User.objects.filter(email__iexact=email)
        if self.user is not None:
            clash = clash.exclude(pk=self.user.pk)
        if clash.exists():
            raise forms.ValidationError("There is already an account with this email address")
        return email

    def clean(self):
        data = super().clean()
        if data.get("role") == Role.STAFF and not data.get("team") and "team" not in self.errors:
            self.add_error("team", "Choose the team this staff member belongs to")
        return data


class TeamForm(NHSFormMixin, forms.Form):
    name = forms.CharField(max_length=200, label="Team name")
    organisation_name = forms.CharField(
        max_length=200,
        label="Organisation",
        help_text="For example, the council or NHS trust the team belongs to",
    )
