"""Making mailing lists, members and messages for the tests."""

from django.utils import timezone

from coproduce.comms.lists import services
from coproduce.comms.lists.models import MailingList
from tests.factories import ExpertFactory, UserFactory


def consenting(**kwargs):
    """An expert we may email: active, consent recorded, an email address."""
    kwargs.setdefault("consent_given_at", timezone.now())
    return ExpertFactory(**kwargs)


def mailing_list(*experts, name: str = "Carers' news", actor=None, **values) -> MailingList:
    actor = actor or UserFactory(role="coordinator")
    made = services.save_list(
        actor=actor, values={"name": name, "topic": values.pop("topic", "Carers"), **values}
    )
    if experts:
        services.add_members(actor=actor, mailing_list=made, experts=list(experts))
    return made


def draft(mailing_list, *, actor=None, **values):
    actor = actor or UserFactory(role="coordinator")
    words = {
        "subject": "Carers' café is back",
        "body": "Hello.\n\nThe carers' café meets again on Tuesday.",
        "easy_read_body": "",
        "text_body": "",
        **values,
    }
    return services.save_message(actor=actor, mailing_list=mailing_list, values=words)
