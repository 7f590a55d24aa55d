"""Subject access and erasure for a member who is not an Expert by Experience (a member who is
one is reached through the expert's record: personal_data.py). The membership office downloads
what we hold about the member as one JSON file, in the shape of the experts' `data.json`
(core.subject_access): an "about" part, then one part per section.

Elections and surveys sit above members (pyproject's import layers: they read the members, never
the other way), and so do the mailing lists (comms) that send members the trust's news, so their
tables are read here through Django's app registry by name, the way
audit.personal_data finds a person's records without importing the apps that hold them. The
tests pin the fields read, so a renamed field fails there rather than in a request."""

import json
from typing import Any

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from coproduce.audit.personal_data import collect as audit_collect
from coproduce.core.subject_access import Section
from coproduce.membership.members.models import Member
from coproduce.membership.members.personal_data import details_of

# What is kept when a member's data is erased, and why: shown before erasing and recorded with
# the erasure.
KEPT = [
    "The membership itself, marked as left, with the constituency, the dates they joined and "
    "left, and the year they were born, under the name “Erased member”: counts of members "
    "over time and by age stay correct.",
    "Their place on the list of voters of past elections, without their details: the list "
    "is an election document, kept for a year after the result and then deleted as the other "
    "election documents are. How anyone voted was never linked to them.",
    "Their nominations as a candidate, now under the name “Erased member”, and a declared "
    "result as it was declared, with the candidates' names: the result of an election is a "
    "public record the trust's election rules require it to keep. A nomination's statement and "
    "declared interests are election documents: they are deleted with the list of voters, a "
    "year after the result.",
    "Their answers to members' surveys, linked only to the erased membership, so that the "
    "results stay correct.",
    "The record of each copy of the trust's news sent to them, under the erased name: a copy "
    "holds no address, only the list, the message and whether it was sent. Why a copy could "
    "not be delivered is deleted: a mail server's reason can quote the address.",
    "Who did what in the audit trail and when, without their details.",
]

# Elections that are over: a nomination in any other blocks erasure (see erase_blockers).
_FINISHED_ELECTIONS = {"uncontested", "declared"}
_STANDING = {"submitted", "accepted"}
_PREFERENCES = {"By email", "By post", "Wants news"}


def _model(label: str) -> Any:
    """The model, typed loosely: members cannot import it to name its type."""
    app_label, _, name = label.partition(".")
    try:
        return apps.get_model(app_label, name)
    except LookupError:  # that part of membership is not installed
        return None


def _nominations(member: Member) -> list[dict]:
    nomination = _model("elections.Nomination")
    if nomination is None:
        return []
    found = nomination._default_manager.filter(member=member).select_related("election")
    return [
        {
            "election": n.election.title,
            "submitted_at": n.submitted_at,
            "statement": n.statement,
            "declares_eligible": n.declares_eligible,
            "interests": n.interests,
            "status": n.get_status_display(),
            "reason": n.reason,
            "decided_at": n.decided_at,
        }
        for n in found.order_by("submitted_at", "pk")
    ]


def _lists_of_voters(member: Member) -> list[dict]:
    voter = _model("elections.Voter")
    if voter is None:
        return []
    found = voter._default_manager.filter(member=member).select_related("election", "has_voted")
    return [
        {
            "election": v.election.title,
            "poll_opened": v.election.poll_opens,
            "poll_closed": v.election.poll_closes,
            "code_sent_by": v.get_delivery_display(),
            "code_sent_at": v.code_sent_at,
            # Whether they voted is held (one member, one vote); how they voted is not: a
            # ballot has no link to any voter.
            "voted": hasattr(v, "has_voted"),
        }
        for v in found.order_by("election__poll_opens", "pk")
    ]


def _survey_answers(member: Member) -> list[dict]:
    response = _model("surveys.Response")
    if response is None:
        return []
    found = (
        response._default_manager.filter(member=member)
        .select_related("survey")
        .prefetch_related("answers__question")
        .order_by("answered_at", "pk")
    )
    return [
        {
            "survey": r.survey.title,
            "answered_at": r.answered_at,
            "answers": [
                {"question": a.question.text, "answer": a.text or a.value}
                for a in sorted(r.answers.all(), key=lambda a: (a.question.order, a.question_id))
            ],
        }
        for r in found
    ]


def _news_by_email(member: Member) -> list[dict]:
    """The copies of the trust's news (a mailing list that goes to members) emailed to them,
    each with whether it was sent. A copy holds no address, only that it was theirs."""
    delivery = _model("mailing.Delivery")
    if delivery is None:
        return []
    found = (
        delivery._default_manager.filter(member=member)
        .select_related("message__mailing_list")
        .order_by("message__queued_at", "pk")
    )
    return [
        {
            "list": d.message.mailing_list.name,
            "subject": d.message.subject,
            "status": d.get_status_display(),
            "problem": d.error,
            "sent_at": d.sent_at,
        }
        for d in found
    ]


def _consent_and_preferences(member: Member, changes: list[dict]) -> dict:
    """How they agreed to us holding their details and how they want to hear from us, now and
    each time that changed (from the audit trail)."""
    return {
        "consent_given_at": member.consent_at,
        "privacy_notice_version": member.privacy_notice_version,
        "by_email": member.by_email,
        "by_post": member.by_post,
        "wants_news": member.wants_news,
        "changes": [
            {
                "at": change["at"],
                "by": change["by"],
                "changes": {k: v for k, v in change["changes"].items() if k in _PREFERENCES},
            }
            for change in changes
            if isinstance(change["changes"], dict) and _PREFERENCES & change["changes"].keys()
        ],
    }


def collect(member: Member) -> list[Section]:
    """Everything held about the member, section by section (a fixed number of queries)."""
    audit = audit_collect(member)
    assert isinstance(audit.data, dict)
    return [
        Section("foundation_trust_membership", {"member": details_of(member)}),
        Section("consent_and_preferences", _consent_and_preferences(member, audit.data["changes"])),
        Section(
            "governor_elections",
            {
                "nominations": _nominations(member),
                "lists_of_voters": _lists_of_voters(member),
                "how_they_voted": "Not held: ballots are not linked to voters.",
            },
        ),
        Section("news_by_email", {"copies_sent": _news_by_email(member)}),
        Section(
            "members_surveys",
            {
                "answers": _survey_answers(member),
                "paper_forms": "Not included: answers on paper are not linked to anyone.",
            },
        ),
        audit,
    ]


def as_json(member: Member) -> bytes:
    """The JSON file the membership office downloads for a subject access request."""
    document = {
        "about": {
            "what": "Everything Coproduce holds about this member",
            "member_id": member.pk,
            "made_at": timezone.now(),
        },
        **{section.name: section.data for section in collect(member)},
    }
    return json.dumps(document, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False).encode()


def erase_blockers(member: Member) -> list[str]:
    """What must happen before the member's data can be erased, in words. A candidate in an
    election that is not over must keep their name: it is on the notice and the ballot, and
    erasing it would change the election under way. Once the returning officer has recorded
    their withdrawal (or rejected the nomination), or the result is declared, they can be
    erased. Being on a list of voters does not wait: the list keeps its row, and the code
    already sent still works or expires as it would."""
    nomination = _model("elections.Nomination")
    if nomination is None:
        return []
    standing = (
        nomination._default_manager.filter(member=member, status__in=_STANDING)
        .exclude(election__status__in=_FINISHED_ELECTIONS)
        .select_related("election")
    )
    return [
        f"They are standing as a candidate in “{n.election.title}”, which is not over. Ask the "
        "returning officer: their data can be erased once their withdrawal is recorded or the "
        "result is declared."
        for n in standing
    ]
