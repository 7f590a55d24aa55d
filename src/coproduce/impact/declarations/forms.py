"""The declaration's forms (what it is about, one entry at a time), the co-production board's
meeting and review (with a fixed set of follow-up rows, so no JavaScript is needed), and the
involvement team's filters."""

from datetime import date

from django import forms
from django.utils import timezone

from coproduce.core.dates import DateInputField
from coproduce.core.forms import NHSFormMixin
from coproduce.impact.declarations import queries
from coproduce.impact.declarations.models import DECISIONS, MOST_FOLLOW_UPS, Entry, Status
from coproduce.impact.declarations.services import About, EntryWords, FollowUpWords
from coproduce.opportunities.choices import Rung, Stage
from coproduce.opportunities.models import Opportunity

HAPPENED = "happened"
PLANNED = "planned"

NEED_EFFECT = "Enter what effect it had: it has happened, so the board wants to know"
NOT_YET = "The date is in the future: if it has not happened yet, choose ‘No, it is planned’"
NEED_FOLLOW_UP = "Enter at least one follow-up, as the board agreed it with follow-ups"
NEED_COMMENTS = "Enter what more the board would like to see, so the programme manager knows"
NEED_WHAT = "Enter what the follow-up is"
NEED_WHO = "Enter who will do the follow-up"
NEED_DUE = "Enter the date the follow-up is due by"


class TeamChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.organisation.name})"


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.display_name


class AboutForm(NHSFormMixin, forms.Form):
    """The programme or project: its name, team and a few words. With `for_someone`, the
    involvement team also chooses the programme manager it belongs to."""

    name = forms.CharField(
        label="Name of the programme or project",
        help_text="For example, ‘Community mental health transformation’",
        max_length=200,
    )
    team = TeamChoiceField(
        label="Team",
        queryset=queries.teams(),
        empty_label="Choose a team",
    )
    description = forms.CharField(
        label="Describe the programme or project in a few sentences",
        help_text="What it is for and who it is for. The co-production board reads this first.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    subjects = {
        "description": "a few sentences about the programme or project",
        "owner": "the programme manager",
        "team": "the team",
    }

    def __init__(self, data=None, *, for_someone: bool = False, **kwargs):
        super().__init__(data, **kwargs)
        if for_someone:
            self.fields["owner"] = PersonChoiceField(
                label="Programme manager",
                help_text="The member of staff this declaration belongs to. They will see it "
                "under ‘Your declarations’.",
                queryset=queries.programme_managers(),
                empty_label="Choose a member of staff",
            )

    def about(self) -> About:
        data = self.cleaned_data
        return About(name=data["name"], team=data["team"], description=data["description"])


class EntryForm(NHSFormMixin, forms.Form):
    where = forms.CharField(
        label="Where did co-production take place, or where will it?",
        help_text="In plain words. For example, ‘Designing the new crisis line with people who "
        "have used it’.",
        max_length=300,
    )
    happened = forms.ChoiceField(
        label="Has it happened yet?",
        choices=[(HAPPENED, "Yes, it has happened"), (PLANNED, "No, it is planned")],
        widget=forms.RadioSelect,
    )
    on = DateInputField(
        label="When did it happen, or when is it planned?",
        help_text="For example, 15 3 2026. If it took place over a while, give when it began.",
        required_message="Enter when it happened, or when it is planned",
        subject="The date",
    )
    stage = forms.ChoiceField(
        label="Which stage of the decision did it feed?",
        choices=Stage.choices,
        widget=forms.RadioSelect,
    )
    rung = forms.TypedChoiceField(
        label="Which rung of the ladder of co-production was it?",
        help_text="Co-design and co-production are ‘doing with’ people; the rungs below are "
        "‘doing for’ or ‘doing to’.",
        choices=[(r.value, r.label) for r in reversed(Rung)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    with_whom = forms.CharField(
        label="Which groups of people took part, or will?",
        help_text="For example, ‘carers of people with dementia, and two peer support workers’.",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    groups = forms.ModelMultipleChoiceField(
        label="Standing groups that took part (optional)",
        queryset=queries.standing_groups(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    opportunities = forms.ModelMultipleChoiceField(
        label="Involvement work it was part of (optional)",
        help_text="Your team's most recent pieces of work.",
        queryset=Opportunity.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    effect = forms.CharField(
        label="What effect did it have? If it is planned, what effect do you hope for?",
        help_text="What changed because people took part: a decision, a service, a leaflet, "
        "how the team works.",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    subjects = {
        "where": "where co-production took place, or will",
        "happened": "whether it has happened yet",
        "stage": "the stage of the decision it fed",
        "rung": "the rung of the ladder of co-production",
        "with_whom": "which groups of people took part",
        "effect": "what effect it had",
    }

    def __init__(self, data=None, *, work=None, entry: Entry | None = None, **kwargs):
        super().__init__(data, **kwargs)
        if work is not None:
            self.fields["opportunities"].queryset = work  # type: ignore[attr-defined]
        if entry is not None and not self.is_bound:
            self.initial.update(
                where=entry.where,
                happened=HAPPENED if entry.happened else PLANNED,
                on=entry.on,
                stage=entry.stage,
                rung=entry.rung,
                with_whom=entry.with_whom,
                groups=[g.pk for g in entry.groups.all()],
                opportunities=[o.pk for o in entry.opportunities.all()],
                effect=entry.effect,
            )

    @property
    def has_work(self) -> bool:
        return bool(self.fields["opportunities"].choices)  # type: ignore[attr-defined]

    def clean(self):
        cleaned = super().clean()
        on = cleaned.get("on")
        if cleaned.get("happened") == HAPPENED and on and on > timezone.localdate():
            self.add_error("on", forms.ValidationError(NOT_YET, code="future"))
        if cleaned.get("happened") == HAPPENED and not cleaned.get("effect"):
            if not self.has_error("effect"):
                self.add_error("effect", forms.ValidationError(NEED_EFFECT, code="required"))
        return cleaned

    def words(self) -> EntryWords:
        data = self.cleaned_data
        return EntryWords(
            where=data["where"],
            happened=data["happened"] == HAPPENED,
            on=data["on"],
            stage=data["stage"],
            rung=data["rung"],
            with_whom=data["with_whom"],
            effect=data["effect"],
            groups=list(data["groups"]),
            opportunities=list(data["opportunities"]),
        )


class MeetingForm(NHSFormMixin, forms.Form):
    held_on = DateInputField(
        label="Date of the meeting",
        help_text="For example, 21 5 2026",
        required_message="Enter the date of the meeting",
        subject="The date of the meeting",
    )
    group = forms.ModelChoiceField(
        label="Which board? (optional)",
        queryset=queries.board_groups(),
        required=False,
        empty_label="The co-production board",
    )

    subjects = {"group": "which board"}


class ReviewForm(NHSFormMixin, forms.Form):
    """What the board decided, its comments, and up to MOST_FOLLOW_UPS follow-ups, each a row
    of what, who and by when (`what_1`, `who_1`, `due_1` ...)."""

    decision = forms.ChoiceField(
        label="What did the board decide?",
        choices=[(d.value, d.label) for d in DECISIONS],
        widget=forms.RadioSelect,
    )
    comments = forms.CharField(
        label="The board's comments",
        help_text="The programme manager sees these on their declaration. Needed when it needs "
        "more work.",
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    subjects = {"decision": "what the board decided"}

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        for n in range(1, MOST_FOLLOW_UPS + 1):
            self.fields[f"what_{n}"] = forms.CharField(
                label=f"What is to be done ({n})",
                max_length=1000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"who_{n}"] = forms.CharField(
                label=f"Who will do it ({n})",
                help_text="A name or a team",
                max_length=200,
                required=False,
            )
            self.fields[f"due_{n}"] = DateInputField(
                label=f"By when ({n})",
                help_text="For example, 30 6 2026",
                required=False,
                subject="The date",
            )

    def subject_for(self, name: str) -> str:
        if name.startswith(("what_", "who_", "due_")):
            part, n = name.rsplit("_", 1)
            words = {"what": "what is to be done", "who": "who will do it", "due": "by when"}
            return f"{words[part]} ({n})"
        return super().subject_for(name)

    def rows(self) -> list[tuple[int, forms.BoundField, forms.BoundField, forms.BoundField]]:
        return [
            (n, self[f"what_{n}"], self[f"who_{n}"], self[f"due_{n}"])
            for n in range(1, MOST_FOLLOW_UPS + 1)
        ]

    def clean(self):
        cleaned = super().clean()
        given = 0
        for n in range(1, MOST_FOLLOW_UPS + 1):
            names = (f"what_{n}", f"who_{n}", f"due_{n}")
            if any(self.has_error(name) for name in names):
                given += 1
                continue
            what, who, due = (cleaned.get(name) for name in names)
            if not (what or who or due):
                continue
            given += 1
            for name, value, message in zip(
                names, (what, who, due), (NEED_WHAT, NEED_WHO, NEED_DUE), strict=True
            ):
                if not value:
                    self.add_error(name, forms.ValidationError(message, code="required"))
        decision = cleaned.get("decision")
        if decision == Status.FOLLOW_UPS and not given:
            self.add_error("what_1", forms.ValidationError(NEED_FOLLOW_UP, code="required"))
        if decision == Status.NEEDS_WORK and not cleaned.get("comments"):
            if not self.has_error("comments"):
                self.add_error("comments", forms.ValidationError(NEED_COMMENTS, code="required"))
        return cleaned

    def follow_ups(self) -> list[FollowUpWords]:
        data = self.cleaned_data
        found = []
        for n in range(1, MOST_FOLLOW_UPS + 1):
            what, who, due = data.get(f"what_{n}"), data.get(f"who_{n}"), data.get(f"due_{n}")
            if what and who and isinstance(due, date):
                found.append(FollowUpWords(what=what, who=who, due_on=due))
        return found


class FilterForm(NHSFormMixin, forms.Form):
    status = forms.ChoiceField(
        label="Status",
        choices=[("", "Any status"), *Status.choices],
        required=False,
    )
    team = TeamChoiceField(
        label="Team",
        queryset=queries.teams(),
        required=False,
        empty_label="Any team",
    )
