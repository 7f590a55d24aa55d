"""Concerns in each state, made through the services as the pages make them."""

from coproduce.accounts.roles import Role
from coproduce.impact.concerns import services
from coproduce.impact.concerns.models import Concern
from tests.factories import UserFactory, expert_with_account


def team_member(**kwargs):
    return UserFactory(role=Role.COORDINATOR, **kwargs)


def raised(expert=None, *, safeguarding=False, about=Concern.About.OTHER, **kwargs) -> Concern:
    expert = expert or expert_with_account()
    return services.raise_concern(
        actor=expert.user,
        expert=expert,
        about=about,
        what_happened=kwargs.pop("what_happened", "The room was up two flights of stairs."),
        safeguarding=safeguarding,
        **kwargs,
    )


def triaged(concern=None, *, by=None, safeguarding=False) -> Concern:
    concern = concern or raised()
    by = by or team_member()
    return services.triage(
        actor=by,
        concern=concern,
        category=Concern.Category.ACCESS,
        handler=by,
        safeguarding=safeguarding,
    )


def closed(concern=None, *, by=None) -> Concern:
    concern = concern or triaged()
    return services.close(
        actor=by or team_member(), concern=concern, note="We moved the meeting downstairs."
    )


def name_contacts(*users, team_email: str = "", by=None):
    return services.set_settings(
        actor=by or UserFactory(role=Role.INVOLVEMENT_LEAD),
        contacts=list(users),
        team_email=team_email,
        reply_days=10,
    )
