"""Shared fixtures: a signed-in client for each role, and a clean outbox."""

import pytest
from django.test import Client

from coproduce.accounts.roles import Role
from tests.factories import UserFactory, expert_with_account


@pytest.fixture(autouse=True)
def _private_storage(settings, tmp_path):
    """Uploaded files go to a throwaway folder, never the developer's var/."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private")},
        },
    }
    settings.MEDIA_ROOT = tmp_path / "private"
    settings.OUTBOX_DIR = tmp_path / "outbox"


def _client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def coordinator(db):
    return UserFactory(role=Role.COORDINATOR, full_name="Cora Coordinator")


@pytest.fixture
def involvement_lead(db):
    return UserFactory(role=Role.INVOLVEMENT_LEAD, full_name="Lee Lead")


@pytest.fixture
def administrator(db):
    return UserFactory(role=Role.ADMINISTRATOR, full_name="Ada Administrator")


@pytest.fixture
def staff_member(db):
    return UserFactory(role=Role.STAFF, full_name="Sam Staff")


@pytest.fixture
def finance_officer(db):
    return UserFactory(role=Role.FINANCE, full_name="Fin Finance")


@pytest.fixture
def expert(db):
    return expert_with_account(full_name="Eve Expert")


@pytest.fixture
def coordinator_client(coordinator):
    return _client_for(coordinator)


@pytest.fixture
def lead_client(involvement_lead):
    return _client_for(involvement_lead)


@pytest.fixture
def administrator_client(administrator):
    return _client_for(administrator)


@pytest.fixture
def staff_client(staff_member):
    return _client_for(staff_member)


@pytest.fixture
def finance_client(finance_officer):
    return _client_for(finance_officer)


@pytest.fixture
def expert_client(expert):
    return _client_for(expert.user)


@pytest.fixture
def anonymous_client():
    return Client()
