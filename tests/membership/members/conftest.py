import pytest

from coproduce.accounts.roles import Role
from tests.factories import UserFactory
from tests.membership.members.helpers import make_constituencies


@pytest.fixture
def constituencies(db):
    return make_constituencies()


@pytest.fixture
def office_user(db):
    return UserFactory(role=Role.MEMBERSHIP_OFFICE, full_name="Olu Office")


@pytest.fixture
def office_client(client, office_user):
    client.force_login(office_user)
    return client
