"""factory-boy factories for every app, in one place so every test builds data the same way."""

from datetime import date, timedelta
from decimal import Decimal

import factory
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone

from coproduce.accounts.models import Organisation, Team, User
from coproduce.accounts.roles import Role
from coproduce.opportunities.services import session_tallies
from coproduce.people.choices import Perspective, Status
from coproduce.people.models import AccessNeed, Expert, LivedExperienceArea, Locality, Skill


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = "Shropshire Council"


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"Adult Social Care {n}")
    organisation = factory.SubFactory(OrganisationFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name", locale="en_GB")
    role = Role.COORDINATOR
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")

    @factory.post_generation
    def with_totp(self, create, extracted, **kwargs):
        """Staff have a TOTP authenticator unless a test says otherwise (with_totp=False)."""
        if create and extracted is not False and self.role != Role.EXPERT:
            self.totp_secret = generate_totp_secret()
            TOTP.activate(self, self.totp_secret)
        if create:
            self.save()


class LivedExperienceAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LivedExperienceArea
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Lived experience {n}")


class SkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Skill
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Skill {n}")


class AccessNeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AccessNeed
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Access need {n}")


class LocalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Locality
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Locality {n}")


class ExpertFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Expert
        skip_postgeneration_save = True

    full_name = factory.Faker("name", locale="en_GB")
    email = factory.Sequence(lambda n: f"expert{n}@example.net")
    phone = "+447700900123"
    postcode = "SY2 6ND"
    perspective = Perspective.SERVICE_USER
    status = Status.ACTIVE
    locality = factory.SubFactory(LocalityFactory)

    @factory.post_generation
    def lived_experience(self, create, extracted, **kwargs):
        if create and extracted:
            self.lived_experience.set(extracted)

    @factory.post_generation
    def skills(self, create, extracted, **kwargs):
        if create and extracted:
            self.skills.set(extracted)

    @factory.post_generation
    def access_needs(self, create, extracted, **kwargs):
        if create and extracted:
            self.access_needs.set(extracted)


def expert_with_account(**kwargs) -> Expert:
    """An expert who can sign in to the portal."""
    expert = ExpertFactory(**kwargs)
    expert.user = UserFactory(email=expert.email, full_name=expert.full_name, role=Role.EXPERT)
    expert.save()
    return expert


# Opportunities -----------------------------------------------------------------------------


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "opportunities.Venue"

    name = factory.Sequence(lambda n: f"Shirehall Room {n}")
    address = "Abbey Foregate, Shrewsbury"
    postcode = "SY2 6ND"


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "opportunities.Group"

    name = factory.Sequence(lambda n: f"Expert Panel {n}")
    kind = "expert_panel"


class OpportunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "opportunities.Opportunity"
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Redesigning the carers' assessment {n}")
    description = "We are changing how carers are assessed and want carers to shape it."
    team = factory.SubFactory(TeamFactory)
    requested_by = factory.SubFactory(
        UserFactory, role=Role.STAFF, team=factory.SelfAttribute("..team")
    )
    kind = "workshop"
    stage = "plan"
    rung = 6
    format = "in_person"
    venue = factory.SubFactory(VenueFactory)
    places = 4
    status = "published"

    @factory.post_generation
    def wanted_experience(self, create, extracted, **kwargs):
        if create and extracted:
            self.wanted_experience.set(extracted)

    @factory.post_generation
    def wanted_skills(self, create, extracted, **kwargs):
        if create and extracted:
            self.wanted_skills.set(extracted)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "opportunities.Session"

    opportunity = factory.SubFactory(OpportunityFactory)
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + timedelta(days=14)).replace(
            hour=10, minute=0, second=0, microsecond=0
        )
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=2))
    venue = factory.SelfAttribute("opportunity.venue")


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "opportunities.Invitation"

    session = factory.SubFactory(SessionFactory)
    expert = factory.SubFactory(ExpertFactory)
    status = "invited"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """An attended place is counted in its session's tally, as recording attendance
        does (opportunities.services.session_tallies)."""
        invitation = super()._create(model_class, *args, **kwargs)
        if invitation.attendance == "attended":
            session_tallies.recount([invitation.session_id])
        return invitation


# Payments ----------------------------------------------------------------------------------
# The standard policy, set through the service as the policy page sets it, is the `policy`
# fixture (tests/conftest.py, by tests.payments.helpers.make_policy); these build rows directly,
# for tests that need a policy the page could not make or the service would refuse.


class PolicyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "payments.Policy"

    effective_from = date(2020, 4, 1)
    mileage_rate = Decimal("0.45")
    summary = "Our rates"


class RateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "payments.Rate"

    policy = factory.SubFactory(PolicyFactory)
    kind = "workshop"
    unit = "hour"
    amount = Decimal("15.00")
