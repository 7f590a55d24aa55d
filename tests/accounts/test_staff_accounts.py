"""An administrator adds and changes staff accounts; every change goes in the audit trail."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from coproduce.accounts.models import User
from coproduce.accounts.roles import Role
from coproduce.audit.models import AuditEvent
from tests.accounts.helpers import link_in
from tests.factories import TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


def staff_data(**overrides) -> dict:
    data = {
        "full_name": "Nia New",
        "email": "nia@example.org",
        "role": Role.COORDINATOR.value,
        "team": "",
        "is_active": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_adding_a_staff_account_emails_them_a_link_to_choose_a_password(
    administrator, administrator_client
):
    response = administrator_client.post(
        reverse("accounts:staff_add"), staff_data(email="Nia@Example.org")
    )

    assert response["Location"] == reverse("accounts:staff_list")
    user = User.objects.get(email="nia@example.org")
    assert user.role == Role.COORDINATOR
    assert not user.has_usable_password()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nia@example.org"]
    assert message.subject == "[Coproduce Partnership] Choose a password for your account"
    assert "made a Coproduce Partnership staff account for you" in message.body
    assert "/accounts/password/reset/key/" in message.body
    event = AuditEvent.objects.get(model="accounts.user", object_id=str(user.pk))
    assert event.action == "created"
    assert event.actor == administrator


def test_a_new_staff_member_chooses_a_password_then_must_set_up_an_authenticator(
    administrator_client,
):
    administrator_client.post(reverse("accounts:staff_add"), staff_data())
    client = Client()
    form_url = client.get(link_in(mail.outbox[0]))["Location"]
    password = "violet kettle mountain drizzle"
    client.post(form_url, {"password1": password, "password2": password})
    client.post(reverse("account_login"), {"login": "nia@example.org", "password": password})

    assert client.get(reverse("people:register"))["Location"] == reverse("mfa_activate_totp")


def test_an_email_already_in_use_is_refused(administrator_client):
    UserFactory(email="taken@example.org")

    response = administrator_client.post(
        reverse("accounts:staff_add"), staff_data(email="TAKEN@example.org")
    )

    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        "There is already an account with this email address"
    ]
    assert User.objects.filter(email__iexact="taken@example.org").count() == 1
    assert mail.outbox == []


def test_a_staff_member_needs_a_team(administrator_client):
    response = administrator_client.post(
        reverse("accounts:staff_add"), staff_data(role=Role.STAFF.value)
    )

    assert response.status_code == 200
    assert response.context["form"].errors["team"] == [
        "Choose the team this staff member belongs to"
    ]
    assert not User.objects.filter(email="nia@example.org").exists()


def test_editing_keeps_what_was_typed_and_shows_the_error_beside_the_field(
    administrator_client,
):
    person = UserFactory(role=Role.FINANCE, full_name="Fin Finance", email="fin@example.org")

    response = administrator_client.post(
        reverse("accounts:staff_edit", args=[person.pk]),
        staff_data(full_name="Fiona Finance", email="not an email", role=Role.FINANCE.value),
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Fiona Finance"' in html
    assert 'value="not an email"' in html
    assert 'id="id_email-error"' in html
    assert "<title>Error: " in html
    person.refresh_from_db()
    assert person.full_name == "Fin Finance"


def test_an_administrator_cannot_stop_themselves_signing_in(administrator, administrator_client):
    response = administrator_client.post(
        reverse("accounts:staff_edit", args=[administrator.pk]),
        staff_data(
            full_name=administrator.full_name,
            email=administrator.email,
            role=Role.ADMINISTRATOR.value,
            is_active=None,
        ),
    )

    assert response.status_code == 200
    assert response.context["form"].errors["is_active"] == ["You cannot stop yourself signing in"]
    administrator.refresh_from_db()
    assert administrator.is_active


def test_an_administrator_cannot_take_away_their_own_administrator_role(
    administrator, administrator_client
):
    response = administrator_client.post(
        reverse("accounts:staff_edit", args=[administrator.pk]),
        staff_data(
            full_name=administrator.full_name,
            email=administrator.email,
            role=Role.COORDINATOR.value,
        ),
    )

    assert response.context["form"].errors["role"] == [
        "You cannot take away your own administrator role"
    ]
    administrator.refresh_from_db()
    assert administrator.role == Role.ADMINISTRATOR
    assert not AuditEvent.objects.filter(action="updated").exists()


def test_changes_to_a_staff_account_are_audited_with_old_and_new_values(
    administrator, administrator_client
):
    team = TeamFactory()
    person = UserFactory(role=Role.COORDINATOR, full_name="Cora", email="cora@example.org")

    response = administrator_client.post(
        reverse("accounts:staff_edit", args=[person.pk]),
        staff_data(full_name="Cora", email="cora@example.org", role=Role.STAFF.value, team=team.pk),
    )

    assert response["Location"] == reverse("accounts:staff_list")
    event = AuditEvent.objects.get(model="accounts.user", action="updated")
    assert event.actor == administrator
    assert event.changes["role"] == ["Involvement coordinator", "Staff member"]
    assert set(event.changes) == {"role", "team"}


def test_an_administrator_can_stop_someone_else_signing_in(administrator_client):
    person = UserFactory(role=Role.COORDINATOR, full_name="Cora", email="cora@example.org")
    persons_browser = Client()
    persons_browser.force_login(person)

    administrator_client.post(
        reverse("accounts:staff_edit", args=[person.pk]),
        staff_data(full_name="Cora", email="cora@example.org", is_active=None),
    )

    person.refresh_from_db()
    assert not person.is_active
    event = AuditEvent.objects.get(model="accounts.user", action="updated")
    assert event.changes["is_active"] == [True, False]
    # Their browser is signed out on its next page.
    response = persons_browser.get(reverse("people:register"))
    assert response["Location"].startswith(reverse("account_login"))
