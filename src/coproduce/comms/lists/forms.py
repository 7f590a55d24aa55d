"""The involvement team's forms for mailing lists: a list (name, team or topic, description,
and whether it also goes to Foundation Trust members), finding experts to add, and a message
with its Easy Read and text versions."""

from django import forms

from coproduce.accounts.models import Team
from coproduce.comms.lists import documents
from coproduce.comms.lists.models import (
    BODY_LENGTH,
    SUBJECT_LENGTH,
    TEXT_LENGTH,
    MailingList,
)
from coproduce.core.forms import NHSFormMixin
from coproduce.membership.members import queries as members_queries

NEED_TEAM_OR_TOPIC = "Choose the team the list is for, or enter its topic"
NAME_TAKEN = "There is already a list with this name. Choose another name"


class TeamChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.organisation.name})"


class ListForm(NHSFormMixin, forms.Form):
    name = forms.CharField(
        max_length=120,
        label="Name of the list",
        help_text="Experts see this name, so use plain words, such as ‘Carers' news’",
    )
    team = TeamChoiceField(
        queryset=Team.objects.none(),
        required=False,
        label="Team (optional)",
        help_text="For a list of experts who work with one team",
        empty_label="Not for one team",
    )
    topic = forms.CharField(
        max_length=120,
        required=False,
        label="Topic (optional)",
        help_text="For example, ‘Mental health services’",
    )
    description = forms.CharField(
        max_length=1000,
        required=False,
        label="What the list is for (optional)",
        help_text="Experts see this when they choose lists to join",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    open_to_join = forms.BooleanField(
        required=False,
        initial=True,
        label="Experts may join this list themselves in their portal",
    )
    members = forms.ChoiceField(
        label="Also send to Foundation Trust members?",
        help_text="Only members who asked for the trust's news by email get it. Members who "
        "left, or asked for no news, never do",
        required=False,
        initial="no",
        choices=[],
        widget=forms.RadioSelect(attrs={"data-label-class": "nhsuk-fieldset__legend--s"}),
    )

    def __init__(self, *args, mailing_list: MailingList | None = None, **kwargs):
        if mailing_list is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "name": mailing_list.name,
                "team": mailing_list.team_id,
                "topic": mailing_list.topic,
                "description": mailing_list.description,
                "open_to_join": mailing_list.open_to_join,
                "members": _members_value(mailing_list),
            }
        super().__init__(*args, **kwargs)
        self.mailing_list = mailing_list
        self.constituencies = {str(c.pk): c for c in members_queries.constituencies()}
        self.fields["members"].choices = [  # type: ignore[attr-defined]
            (NO_MEMBERS, "No, only the experts on the list"),
            (ALL_MEMBERS, "Yes, all members"),
            *((pk, f"Yes, members of {c.name}") for pk, c in self.constituencies.items()),
        ]
        teams = Team.objects.filter(active=True).select_related("organisation")
        if mailing_list is not None and mailing_list.team_id:
            teams = Team.objects.filter(pk=mailing_list.team_id) | teams
        self.fields["team"].queryset = teams.select_related("organisation")  # type: ignore[attr-defined]

    def clean_name(self) -> str:
        name = self.cleaned_data.get("name", "").strip()
        taken = MailingList.objects.filter(name__iexact=name)
        if self.mailing_list is not None:
            taken = taken.exclude(pk=self.mailing_list.pk)
        if taken.exists():
            raise forms.ValidationError(NAME_TAKEN)
        return name

    def clean(self):
        data = super().clean()
        if not data.get("team") and not (data.get("topic") or "").strip():
            if "topic" not in self.errors:
                self.add_error("topic", NEED_TEAM_OR_TOPIC)
        chosen = data.get("members") or NO_MEMBERS
        data["to_members"] = chosen != NO_MEMBERS
        data["members_constituency"] = self.constituencies.get(chosen)
        return data


NO_MEMBERS = "no"
ALL_MEMBERS = "all"


def _members_value(mailing_list: MailingList) -> str:
    if not mailing_list.to_members:
        return NO_MEMBERS
    return str(mailing_list.members_constituency_id or ALL_MEMBERS)


class FindExpertsForm(NHSFormMixin, forms.Form):
    q = forms.CharField(
        max_length=100,
        label="Find experts to add",
        help_text="Part of their name, their email address or phone number",
    )
    subjects = {"q": "part of a name, an email address or a phone number"}


class MessageForm(NHSFormMixin, forms.Form):
    subject = forms.CharField(
        max_length=SUBJECT_LENGTH,
        label="Subject",
        help_text="What the message is about, in a few words",
    )
    body = forms.CharField(
        max_length=BODY_LENGTH,
        label="Message",
        help_text="Plain words and short paragraphs. Leave a blank line between paragraphs. "
        "People who need large print get these words in large type",
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    easy_read_body = forms.CharField(
        max_length=BODY_LENGTH,
        required=False,
        label="Easy Read version (optional)",
        help_text="Short sentences, one idea each. People who need Easy Read get this version, "
        "in large type. Without one, they get the message above",
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    text_body = forms.CharField(
        max_length=TEXT_LENGTH,
        required=False,
        label="Text message version (optional)",
        help_text=f"Up to {TEXT_LENGTH} characters. People who prefer texts get this, with a "
        "link to leave the list. Without one, they do not get the message",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    document = forms.FileField(
        required=False,
        label="A document to send with it (optional)",
        help_text=f"A PDF, smaller than {documents.MAX_BYTES // (1024 * 1024)} MB. Everyone who "
        "gets the message by email gets it attached. People who get a text do not",
    )
    easy_read_document = forms.FileField(
        required=False,
        label="Easy Read version of the document (optional)",
        help_text="A PDF. People who need Easy Read get this instead of the document",
    )
    large_print_document = forms.FileField(
        required=False,
        label="Large-print version of the document (optional)",
        help_text="A PDF. People who need large print get this instead of the document",
    )
    subjects = {
        "body": "the message",
        "subject": "a subject",
        "document": "the document",
        "easy_read_document": "the Easy Read version",
        "large_print_document": "the large-print version",
    }

    def __init__(self, *args, message=None, **kwargs):
        if message is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                name: getattr(message, name)
                for name in ("subject", "body", "easy_read_body", "text_body")
            }
        super().__init__(*args, **kwargs)
        self.checked: dict[str, documents.CheckedDocument] = {}
        # A draft's documents so far: each kept unless a new one is chosen or it is removed.
        self.kept = {
            field: documents.display_name(getattr(message, field).name)
            for field in documents.WHICH
            if message is not None and getattr(message, field)
        }
        for field, name in self.kept.items():
            self.fields[f"remove_{field}"] = forms.BooleanField(
                required=False, label=f"Remove {name}"
            )
            self.fields[
                field
            ].help_text = f"Sent now: {name}. Choose another PDF to send that instead"

    def _check_document(self, field: str):
        upload = self.cleaned_data.get(field)
        if upload:
            self.checked[field] = documents.check(upload, field)
        return upload

    def clean_document(self):
        return self._check_document("document")

    def clean_easy_read_document(self):
        return self._check_document("easy_read_document")

    def clean_large_print_document(self):
        return self._check_document("large_print_document")

    def clean(self):
        data = super().clean()
        will_have = {
            field
            for field in documents.WHICH
            if field in self.checked or (field in self.kept and not data.get(f"remove_{field}"))
        }
        if "document" not in will_have and not self.has_error("document"):
            for version in ("easy_read_document", "large_print_document"):
                if version in will_have:
                    self.add_error(
                        version,
                        "Add the document too: this version goes to some people, the "
                        "document to everyone else",
                    )
        return data

    def documents_chosen(self) -> dict:
        """What to do with each document: a checked new one, None to remove it, or absent to
        keep it as it is."""
        chosen: dict[str, documents.CheckedDocument | None] = dict(self.checked)
        for field in self.kept:
            if field not in chosen and self.cleaned_data.get(f"remove_{field}"):
                chosen[field] = None
        return chosen

    def clean_body(self) -> str:
        body = self.cleaned_data.get("body", "").strip()
        if not body:
            raise forms.ValidationError("Enter the message")
        return body

    def clean_subject(self) -> str:
        subject = self.cleaned_data.get("subject", "").strip()
        if not subject:
            raise forms.ValidationError("Enter a subject")
        return subject
