"""Names the pages check for clashes in any case (teams, organisations, sign-in emails,
groups, the lists of skills and the like) are unique in the database too, in any case: two
people saving the same name at once get the page's own error, never a crash (issue 11,
item 3)."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from coproduce.accounts import services as account_services
from coproduce.accounts.models import Organisation, Team, User
from coproduce.opportunities.models import Group
from coproduce.opportunities.services import groups as group_services
from coproduce.people import services as people_services
from coproduce.people.models import AccessNeed, LivedExperienceArea, Locality, Skill
from tests.factories import GroupFactory, OrganisationFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


def refused(make) -> bool:
    try:
        with transaction.atomic():
            make()
    except IntegrityError:
        return True
    return False


def test_an_organisation_cannot_have_two_teams_of_one_name_in_any_case():
    team = TeamFactory(name="Adult Social Care")
    assert refused(
        lambda: Team.objects.create(name="adult social care", organisation=team.organisation)
    )
    other = OrganisationFactory(name="Shropshire Community Health")
    assert not refused(lambda: Team.objects.create(name="Adult Social Care", organisation=other))


def test_two_organisations_cannot_share_a_name_in_any_case():
    OrganisationFactory(name="Shropshire Council")
    assert refused(lambda: Organisation.objects.create(name="SHROPSHIRE COUNCIL"))


def test_two_accounts_cannot_share_an_email_address_in_any_case():
    UserFactory(email="sam@example.org")
    assert refused(lambda: User.objects.create(email="Sam@Example.org", full_name="Sam"))


def test_two_groups_cannot_share_a_name_in_any_case():
    GroupFactory(name="Carers' Panel")
    assert refused(lambda: Group.objects.create(name="carers' panel", kind="expert_panel"))


@pytest.mark.parametrize("model", [LivedExperienceArea, Skill, AccessNeed, Locality])
def test_a_list_cannot_have_two_entries_of_one_name_in_any_case(model):
    model.objects.create(name="Public speaking")
    assert refused(lambda: model.objects.create(name="PUBLIC SPEAKING"))


def test_the_same_name_in_two_lists_is_fine():
    Skill.objects.create(name="Carers")
    assert not refused(lambda: LivedExperienceArea.objects.create(name="Carers"))


def test_a_team_added_in_another_case_of_its_organisations_name_joins_that_organisation(
    coordinator,
):
    team = TeamFactory(name="Adult Social Care", organisation__name="Shropshire Council")
    added = account_services.add_team(
        actor=coordinator, name="Public Health", organisation_name="shropshire council"
    )
    assert added.organisation == team.organisation
    with pytest.raises(account_services.TeamNameTaken):
        account_services.add_team(
            actor=coordinator, name="public health", organisation_name="SHROPSHIRE COUNCIL"
        )


def test_a_group_saved_at_the_same_time_as_another_of_its_name_gets_the_forms_error(
    coordinator_client, monkeypatch
):
    """The form checks first; the database catches the race the form cannot see."""
    GroupFactory(name="Carers' Panel")
    monkeypatch.setattr(
        "coproduce.opportunities.forms.groups.GroupForm.clean_name",
        lambda form: form.cleaned_data["name"],
    )
    response = coordinator_client.post(
        reverse("opportunities:group_new"), {"name": "carers' panel", "kind": "expert_panel"}
    )
    assert response.status_code in (200, 400)
    assert "There is already a group with that name" in response.content.decode()
    assert Group.objects.count() == 1


def test_a_group_renamed_to_anothers_name_in_a_race_is_refused_by_the_service(coordinator):
    GroupFactory(name="Carers' Panel")
    group = GroupFactory(name="Young People's Board")
    with pytest.raises(group_services.GroupNameTaken):
        group_services.update_group(
            actor=coordinator, group=group, values={"name": "CARERS' PANEL"}
        )
    group.refresh_from_db()
    assert group.name == "Young People's Board"


def test_a_list_entry_added_at_the_same_time_as_another_of_its_name_gets_the_pages_error(
    coordinator_client, monkeypatch
):
    Skill.objects.create(name="Public speaking")
    monkeypatch.setattr(people_services, "_name_is_free", lambda *args, **kwargs: None)
    response = coordinator_client.post(
        reverse("people:list_entries", kwargs={"kind": "skills"}),
        {"name": "public speaking", "active": "on"},
    )
    assert "There is already a skill with that name" in response.content.decode()
    assert Skill.objects.count() == 1


def test_a_staff_account_added_at_the_same_time_as_another_of_its_email_gets_the_forms_error(
    administrator_client, monkeypatch
):
    UserFactory(email="sam@example.org")
    monkeypatch.setattr(
        "coproduce.accounts.forms.StaffForm.clean_email",
        lambda form: form.cleaned_data["email"],
    )
    response = administrator_client.post(
        reverse("accounts:staff_add"),
        {"full_name": "Sam Smith", "email": "SAM@example.org", "role": "administrator"},
    )
    assert "There is already an account with this email address" in response.content.decode()
    assert User.objects.filter(email__iexact="sam@example.org").count() == 1
