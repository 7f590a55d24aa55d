from allauth.account import forms as account_forms
from allauth.account.adapter import get_adapter as get_account_adapter
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.recovery_codes import forms as recovery_codes_forms
from allauth.mfa.totp import forms as totp_forms
from django import forms

from coproduce.accounts.models import Team, User
from coproduce.accounts.roles import Role
from coproduce.core.forms import NHSFormMixin
from coproduce.core.terms import current_terms

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

    EMAIL_TAKEN = "There is already an account with this email address"

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
            raise forms.ValidationError(self.EMAIL_TAKEN)
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


# django-allauth's forms (ACCOUNT_FORMS and MFA_FORMS in settings), drawn as NHS.UK components
# in plain English. allauth's placeholders go (NHS.UK uses labels and hints, never placeholder
# text), and so does its HTML help text, which our hints would show as raw tags.
NEW_PASSWORD_HINT = (
    "Use at least 12 characters. Three or four random words together make a strong password "
    "that is easy to remember. You can paste one from a password manager."
)
CODE_FROM_APP = "Code from your authenticator app"
# What to say when a box is left empty, in words that fit each box.
REQUIRED = {
    "login": "Enter your email address",
    "email": "Enter your email address",
    "password": "Enter your password",
    "oldpassword": "Enter your current password",
    "password1": "Enter a new password",
    "password2": "Type your new password again",
    "code": "Enter the code from your authenticator app",
}


class AllauthFormMixin(NHSFormMixin):
    labels: dict[str, str] = {}
    hints: dict[str, str] = {}
    required: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.widget.attrs.pop("placeholder", None)
            field.label = self.labels.get(name, field.label)
            field.help_text = self.hints.get(name, "")
            message = self.required.get(name) or REQUIRED.get(name)
            if message:
                field.error_messages["required"] = message
            if isinstance(field.widget, forms.PasswordInput):
                # The NHS.UK password input: a "Show" button, pasting allowed, no length cap.
                field.template_name = "accounts/fields/password.jinja"
            if isinstance(field, forms.EmailField):
                field.widget.attrs.update(spellcheck=False, autocomplete="email")

    def error_list(self) -> list[dict]:
        # "The email address or password is not right" belongs to the whole form: link it to
        # the first box, where the person starts putting it right.
        items = super().error_list()
        first = next(iter(self.visible_fields()), None)
        for item in items:
            if "href" not in item and first is not None:
                item["href"] = f"#{first.auto_id}"
        return items


class CodeFieldMixin(AllauthFormMixin):
    """A code typed from an email, an authenticator app or a list of recovery codes: all of
    them digits, so phones show a number pad."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        attrs = self.fields["code"].widget.attrs
        attrs.update(autocomplete="one-time-code", inputmode="numeric", spellcheck=False)
        attrs["data-width"] = "10"


class LoginForm(AllauthFormMixin, account_forms.LoginForm):
    labels = {"login": "Email address", "password": "Password"}

    def clean(self):
        data = super().clean()
        if self.user is not None and self.user.is_expert:
            # Experts have no password to lose or have guessed: they sign in with a code.
            raise forms.ValidationError(
                f"{current_terms().experts} sign in with a code sent to their email, not a password"
            )
        return data


class RequestLoginCodeForm(AllauthFormMixin, account_forms.RequestLoginCodeForm):
    labels = {"email": "Email address"}
    hints = {"email": "The email address the involvement team has for you"}


class ConfirmLoginCodeForm(CodeFieldMixin, account_forms.ConfirmLoginCodeForm):
    labels = {"code": "Sign-in code"}
    required = {"code": "Enter the sign-in code from the email we sent you"}
    hints = {"code": "The 6-digit code in the email we sent you, for example 123456"}


class ReauthenticateForm(AllauthFormMixin, account_forms.ReauthenticateForm):
    labels = {"password": "Password"}


class ResetPasswordForm(AllauthFormMixin, account_forms.ResetPasswordForm):
    labels = {"email": "Email address"}
    hints = {"email": "The email address you sign in with"}
    users: list[User]  # set by allauth's clean_email: the accounts with this email
    experts: list[User]

    def clean_email(self) -> str:
        email = super().clean_email()
        # Experts have no password: instead of a reset link they get told how to sign in.
        self.experts = [user for user in self.users if user.is_expert]
        self.users = [user for user in self.users if not user.is_expert]
        return email

    def save(self, request, **kwargs) -> str:
        if not self.experts:
            return super().save(request, **kwargs)
        email = self.cleaned_data["email"]
        get_account_adapter(request).send_mail("account/email/no_password", email, {})
        return email


class ResetPasswordKeyForm(AllauthFormMixin, account_forms.ResetPasswordKeyForm):
    labels = {"password1": "New password", "password2": "Type your new password again"}
    hints = {"password1": NEW_PASSWORD_HINT}


class ChangePasswordForm(AllauthFormMixin, account_forms.ChangePasswordForm):
    labels = {
        "oldpassword": "Current password",
        "password1": "New password",
        "password2": "Type your new password again",
    }
    hints = {"password1": NEW_PASSWORD_HINT}


class SetPasswordForm(AllauthFormMixin, account_forms.SetPasswordForm):
    labels = {"password1": "Password", "password2": "Type your password again"}
    hints = {"password1": NEW_PASSWORD_HINT}
    required = {"password1": "Enter a password", "password2": "Type your password again"}


class SignupForm(AllauthFormMixin, account_forms.SignupForm):
    labels = {"email": "Email address", "password1": "Password"}
    hints = {"password1": NEW_PASSWORD_HINT}


class AuthenticateForm(CodeFieldMixin, mfa_forms.AuthenticateForm):
    labels = {"code": CODE_FROM_APP}
    hints = {"code": "If you cannot use the app, enter one of your recovery codes instead"}


class MFAReauthenticateForm(CodeFieldMixin, mfa_forms.ReauthenticateForm):
    labels = AuthenticateForm.labels
    hints = AuthenticateForm.hints


class ActivateTOTPForm(CodeFieldMixin, totp_forms.ActivateTOTPForm):
    labels = {"code": CODE_FROM_APP}
    hints = {"code": "The 6-digit code the app shows for this account, for example 123456"}


class DeactivateTOTPForm(AllauthFormMixin, totp_forms.DeactivateTOTPForm):
    pass


class GenerateRecoveryCodesForm(AllauthFormMixin, recovery_codes_forms.GenerateRecoveryCodesForm):
    pass
