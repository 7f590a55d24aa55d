"""Upgrading a database that holds the old `Completion` rows: a signed confidentiality
agreement becomes a signature of version 1 of a confidentiality agreement made for the
purpose, and safeguarding training a training record of a safeguarding course; going back
makes the rows again, and going forward again copies nothing twice."""

from datetime import date

import pytest

from tests.upgrades import database_at, migrate, up_to_date

# People as it was then too: experts are made from the models of the time, without the
# columns added since (which have no default in the database).
BEFORE = [
    ("onboarding", "0005_agreements_and_checklist"),
    ("training", "0001_courses"),
    ("people", "0007_status_change_time_indexes"),
]


@pytest.fixture
def old_database(transactional_db):
    """The database with Completion still there; brought up to date again afterwards."""
    yield database_at(BEFORE)
    up_to_date()


def _expert(apps, name: str):
    Expert = apps.get_model("people", "Expert")
    return Expert.objects.create(full_name=name, status="active", postcode="SY2 6ND")


def test_completions_become_signatures_and_training_records(old_database):
    Completion = old_database.get_model("onboarding", "Completion")
    ann = _expert(old_database, "Ann Agreed")
    ben = _expert(old_database, "Ben Both")
    Completion.objects.create(
        expert=ann, prerequisite="confidentiality", completed_on=date(2025, 5, 1), version="2024"
    )
    Completion.objects.create(
        expert=ben, prerequisite="confidentiality", completed_on=date(2025, 6, 1)
    )
    Completion.objects.create(
        expert=ben,
        prerequisite="safeguarding",
        completed_on=date(2025, 6, 2),
        expires_on=date(2028, 6, 2),
    )

    new = migrate()

    Signature = new.get_model("onboarding", "Signature")
    signatures = list(Signature.objects.select_related("version__agreement").order_by("expert_id"))
    assert [(s.expert_id, s.version.number, s.typed_name) for s in signatures] == [
        (ann.pk, 1, "Ann Agreed"),
        (ben.pk, 1, "Ben Both"),
    ]
    agreement = signatures[0].version.agreement
    assert (agreement.kind, agreement.title) == ("confidentiality", "Confidentiality agreement")
    assert signatures[0].version.easy_read  # an Easy Read version, however short
    assert signatures[0].signed_at.date() == date(2025, 5, 1)
    TrainingRecord = new.get_model("training", "TrainingRecord")
    record = TrainingRecord.objects.select_related("course").get()
    assert (record.expert_id, record.course.kind, record.course.name) == (
        ben.pk,
        "safeguarding",
        "Safeguarding",
    )
    assert (record.completed_on, record.expires_on) == (date(2025, 6, 2), date(2028, 6, 2))
    assert not any(m.__name__ == "Completion" for m in new.get_models())

    old = migrate(BEFORE)
    rows = old.get_model("onboarding", "Completion").objects.order_by("expert_id", "prerequisite")
    assert [(r.expert_id, r.prerequisite, r.completed_on) for r in rows] == [
        (ann.pk, "confidentiality", date(2025, 5, 1)),
        (ben.pk, "confidentiality", date(2025, 6, 1)),
        (ben.pk, "safeguarding", date(2025, 6, 2)),
    ]
    # Forward again: what is already there is not copied twice.
    again = migrate()
    assert again.get_model("onboarding", "Signature").objects.count() == 2
    assert again.get_model("training", "TrainingRecord").objects.count() == 1


def test_an_empty_database_upgrades_without_making_anything(old_database):
    new = migrate()
    assert not new.get_model("onboarding", "Agreement").objects.exists()
    assert not new.get_model("training", "Course").objects.exists()
