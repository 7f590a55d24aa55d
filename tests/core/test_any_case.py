"""Upgrading a database that holds names differing only in case (let in by older checks, an
import or the admin): the migrations that make names unique in any case rename the later ones
instead of stopping, and stop, naming account numbers only, when two sign-in emails differ
only in case."""

import pytest

from tests.upgrades import database_at, migrate, up_to_date

BEFORE = [
    ("people", "0004_restriction_and_erasure"),
    ("opportunities", "0005_agreed_rate_is_optional"),
    ("accounts", "0001_initial"),
]


@pytest.fixture
def old_database(transactional_db):
    """The database as it was before the constraints; brought up to date again afterwards."""
    yield database_at(BEFORE)
    up_to_date()


def test_names_that_differ_only_in_case_are_told_apart_on_upgrade(old_database):
    Skill = old_database.get_model("people", "Skill")
    for name in ["Anxiety", "anxiety", "ANXIETY", "Anxiety (2)", "Carers", "x" * 100, "X" * 100]:
        Skill.objects.create(name=name)
    Organisation = old_database.get_model("accounts", "Organisation")
    Team = old_database.get_model("accounts", "Team")
    trust = Organisation.objects.create(name="Trust")
    council = Organisation.objects.create(name="Council")
    Team.objects.create(organisation=trust, name="Involvement")
    Team.objects.create(organisation=trust, name="involvement")
    Team.objects.create(organisation=council, name="INVOLVEMENT")  # another organisation's

    new = migrate()

    skills = new.get_model("people", "Skill").objects.order_by("pk")
    assert list(skills.values_list("name", flat=True)) == [
        "Anxiety",
        "anxiety (3)",  # "(2)" is taken, in any case, by a name already there
        "ANXIETY (4)",
        "Anxiety (2)",
        "Carers",
        "x" * 100,
        "X" * 96 + " (2)",  # still fits the field
    ]
    teams = new.get_model("accounts", "Team").objects.order_by("pk")
    assert list(teams.values_list("name", flat=True)) == [
        "Involvement",
        "involvement (2)",
        "INVOLVEMENT",
    ]


def test_emails_that_differ_only_in_case_stop_the_upgrade_saying_which_accounts(old_database):
    User = old_database.get_model("accounts", "User")
    first = User.objects.create(email="sam@example.org", role="staff", password="!")
    second = User.objects.create(email="Sam@Example.org", role="staff", password="!")
    with pytest.raises(RuntimeError) as stopped:
        migrate()
    message = str(stopped.value)
    assert f"account numbers: {first.pk}, {second.pk}" in message
    assert "example.org" not in message.lower()
    User.objects.filter(pk=second.pk).delete()  # what the trust does; then the upgrade runs
