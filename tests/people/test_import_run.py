"""The import itself: everyone is added with their lists, status history, audit record and
sign-in, in a number of queries that does not grow with the rows, or nobody is added."""

import pytest
from django.contrib.auth import get_user_model

from coproduce.accounts.roles import Role
from coproduce.audit.models import AuditEvent
from coproduce.people import imports
from coproduce.people.models import Expert, ImportBatch, StatusChange
from tests.factories import (
    AccessNeedFactory,
    ExpertFactory,
    LivedExperienceAreaFactory,
    LocalityFactory,
    SkillFactory,
    UserFactory,
)
from tests.people.importing import make_batch, person

pytestmark = pytest.mark.django_db
User = get_user_model()


def run(batch, actor, choices=None):
    if choices:
        imports.choose_duplicates(batch=batch, choices=choices)
    return imports.run_import(batch=batch, actor=actor)


def test_an_import_adds_each_person_with_lists_history_audit_and_sign_in(coordinator):
    ludlow = LocalityFactory(name="Ludlow")
    dementia = LivedExperienceAreaFactory(name="Dementia")
    autism = LivedExperienceAreaFactory(name="Autism")
    panel = SkillFactory(name="Interview panel")
    bsl = AccessNeedFactory(name="BSL interpreter")
    rows = [
        person(
            1,
            **{
                "Full name": "Ann Lee",
                "Locality": "Ludlow",
                "Lived experience": "Dementia; autism",
                "Skills": "Interview panel",
                "Access needs": "BSL interpreter",
                "Payment preference": "Volunteer",
            },
        ),
        person(2, **{"Full name": "Bo Shah", "Email": "", "Status": "Left"}),
    ]
    batch = run(make_batch(coordinator, rows), coordinator)

    assert batch.state == ImportBatch.State.IMPORTED
    assert batch.imported_count == 2
    ann = Expert.objects.get(full_name="Ann Lee")
    assert ann.locality == ludlow
    assert set(ann.lived_experience.all()) == {dementia, autism}
    assert list(ann.skills.all()) == [panel]
    assert list(ann.access_needs.all()) == [bsl]
    assert ann.payment_preference == "volunteer"
    assert ann.status == "active"
    assert ann.preferred_channel == "email"
    assert ann.source == batch.source
    assert ann.user.email == "person1@example.net"
    assert ann.user.role == Role.EXPERT
    assert ann.user.is_active
    assert not ann.user.has_usable_password()

    bo = Expert.objects.get(full_name="Bo Shah")
    assert bo.user is None
    assert bo.preferred_channel == "phone"
    assert bo.status == "left"

    change = StatusChange.objects.get(expert=ann)
    assert (change.from_status, change.to_status, change.by) == ("", "active", coordinator)
    event = AuditEvent.objects.get(subject_model="people.expert", subject_id=str(ann.pk))
    assert event.action == "imported"
    assert event.actor == coordinator
    assert event.changes["full_name"] == [None, "Ann Lee"]
    assert event.changes["lived_experience"] == [None, ["Autism", "Dementia"]]
    assert event.changes["locality"] == [None, "Ludlow"]
    assert event.changes["perspective"] == [None, "Carer"]


def test_a_person_who_has_left_gets_a_sign_in_that_cannot_be_used(coordinator):
    run(make_batch(coordinator, [person(1, Status="left")]), coordinator)
    assert not User.objects.get(email="person1@example.net").is_active


def test_an_email_another_account_uses_gets_no_second_account(coordinator):
    staff = UserFactory(email="person1@example.net", role=Role.STAFF)
    waiting = UserFactory(email="person2@example.net", role=Role.EXPERT)
    rows = [
        person(1),
        person(2),
        person(3, Email="PERSON3@example.net"),
        person(4, Email="person3@example.net"),
    ]
    run(make_batch(coordinator, rows), coordinator, {5: "add"})  # the same email twice

    assert Expert.objects.get(email="person1@example.net").user is None  # a staff account
    assert Expert.objects.get(email="person2@example.net").user == waiting  # linked
    third = Expert.objects.filter(email="person3@example.net").order_by("pk")
    assert third[0].user.email == "person3@example.net"
    assert third[1].user is None  # one expert per sign-in
    assert User.objects.filter(email__iexact="person1@example.net").get() == staff


def test_each_likely_duplicate_is_added_or_left_out_as_the_coordinator_chose(coordinator):
    ExpertFactory(full_name="Ann Lee", email="ann@example.net", phone="+447911200001")
    ExpertFactory(full_name="Bo Shah", email="bo@example.net", phone="+447911200002")
    rows = [
        person(1, Email="ann@example.net"),  # row 2: same email as Ann
        person(2, Email="bo@example.net"),  # row 3: same email as Bo
        person(3),  # row 4: nobody we know
        person(4, Phone="07911 200001"),  # row 5: shares Ann's phone number
        person(5, Phone="07911 200002"),  # row 6: shares Bo's phone number
    ]
    batch = make_batch(coordinator, rows)
    choices = {2: "add", 3: "leave_out", 5: "leave_out", 6: "add"}
    batch = run(batch, coordinator, choices)
    assert (batch.imported_count, batch.skipped_count) == (3, 2)
    added = Expert.objects.filter(source=batch.source).values_list("email", flat=True)
    assert sorted(added) == ["ann@example.net", "person3@example.net", "person5@example.net"]


def test_where_nobody_chose_a_strong_match_is_left_out_and_a_shared_phone_added(coordinator):
    ExpertFactory(full_name="Ann Lee", email="ann@example.net", phone="+447911200001")
    rows = [person(1, Email="ann@example.net"), person(2, Phone="07911 200001")]
    batch = run(make_batch(coordinator, rows), coordinator)
    assert (batch.imported_count, batch.skipped_count) == (1, 1)
    assert Expert.objects.filter(source=batch.source).get().email == "person2@example.net"


def test_a_choice_to_add_a_strong_match_adds_them(coordinator):
    ExpertFactory(full_name="Ann Lee", email="ann@example.net")
    batch = make_batch(coordinator, [person(1, Email="ann@example.net")])
    batch = run(batch, coordinator, {2: "add"})
    assert batch.imported_count == 1
    assert Expert.objects.filter(email="ann@example.net").count() == 2


def test_leaving_out_every_row_adds_nobody(coordinator):
    ExpertFactory(full_name="Ann Lee", email="ann@example.net")
    batch = make_batch(coordinator, [person(1, Email="ann@example.net")])
    with pytest.raises(imports.ImportRejected, match="You chose to leave out every row"):
        run(batch, coordinator, {2: "leave_out"})
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.MAPPED
    assert batch.duplicate_choices == {"2": "leave_out"}
    assert Expert.objects.count() == 1


def test_choices_for_other_rows_are_kept_when_more_are_made(coordinator):
    batch = make_batch(coordinator, [person(1)])
    imports.choose_duplicates(batch=batch, choices={2: "add", 3: "leave_out"})
    imports.choose_duplicates(batch=batch, choices={3: "add"})
    batch.refresh_from_db()
    assert batch.duplicate_choices == {"2": "add", "3": "add"}
    with pytest.raises(ValueError):
        imports.choose_duplicates(batch=batch, choices={2: "maybe"})


def test_a_file_with_problems_adds_nobody(coordinator):
    batch = make_batch(coordinator, [person(1), person(2, Email="bad")])
    with pytest.raises(imports.ImportRejected, match="1 row has problems"):
        run(batch, coordinator)
    assert Expert.objects.count() == 0


def test_rows_are_checked_again_at_import_time(coordinator):
    area = LivedExperienceAreaFactory(name="Dementia")
    batch = make_batch(coordinator, [person(1, **{"Lived experience": "Dementia"})])
    assert imports.preview_import(batch=batch).can_import
    area.active = False
    area.save()
    with pytest.raises(imports.ImportRejected):
        run(batch, coordinator)
    assert Expert.objects.count() == 0


def test_a_failure_part_way_through_adds_nobody(coordinator, monkeypatch):
    SkillFactory(name="Chairing")
    before = (User.objects.count(), AuditEvent.objects.count(), StatusChange.objects.count())
    monkeypatch.setattr(imports, "CHUNK_SIZE", 2)
    real_write = imports._write_chunk
    calls = []

    def fail_on_third_chunk(**kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("the database went away")
        real_write(**kwargs)

    monkeypatch.setattr(imports, "_write_chunk", fail_on_third_chunk)
    batch = make_batch(coordinator, [person(n, Skills="Chairing") for n in range(1, 8)])
    with pytest.raises(RuntimeError):
        run(batch, coordinator)

    assert len(calls) == 3  # two chunks had been written before the failure
    assert Expert.objects.count() == 0
    assert Expert.skills.through.objects.count() == 0
    assert (
        User.objects.count(),
        AuditEvent.objects.count(),
        StatusChange.objects.count(),
    ) == before
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.MAPPED
    assert batch.file.storage.exists(batch.file.name)  # still there to try again


def test_a_batch_is_imported_once_only(coordinator):
    batch = run(make_batch(coordinator, [person(1)]), coordinator)
    with pytest.raises(imports.ImportRejected, match="already been imported"):
        run(batch, coordinator)
    assert Expert.objects.count() == 1


def test_the_uploaded_file_is_deleted_once_imported(
    coordinator, django_capture_on_commit_callbacks
):
    batch = make_batch(coordinator, [person(1)])
    stored, storage = batch.file.name, batch.file.storage
    with django_capture_on_commit_callbacks(execute=True):
        batch = run(batch, coordinator)
    assert not storage.exists(stored)
    assert not batch.file


def test_cancelling_deletes_the_batch_and_the_file(coordinator, django_capture_on_commit_callbacks):
    batch = make_batch(coordinator, [person(1)])
    stored, storage = batch.file.name, batch.file.storage
    assert stored.startswith("imports/") and "experts" not in stored
    with django_capture_on_commit_callbacks(execute=True):
        imports.cancel_import(batch=batch)
    assert not ImportBatch.objects.exists()
    assert not storage.exists(stored)


def _import_rows(actor, count: int) -> None:
    rows = [
        person(
            n,
            Locality="Ludlow",
            Skills="Chairing; Interview panel",
            **{"Lived experience": "Dementia"},
        )
        for n in range(count)
    ]
    batch = make_batch(actor, rows)
    run(batch, actor)
    assert Expert.objects.filter(source=batch.source).count() == count


@pytest.mark.parametrize("count", [20, 200])
def test_the_import_takes_the_same_number_of_queries_for_20_rows_or_200(
    coordinator, count, django_assert_max_num_queries
):
    # SQLite takes at most 999 values in one statement, so Django splits a bulk insert of
    # experts (36 columns) into statements of 27 rows; the bound allows for that, and an
    # N+1 (several queries per row) would pass it by hundreds.
    LocalityFactory(name="Ludlow")
    LivedExperienceAreaFactory(name="Dementia")
    SkillFactory(name="Chairing")
    SkillFactory(name="Interview panel")
    UserFactory(email="person3@example.net", role=Role.EXPERT)
    with django_assert_max_num_queries(43):
        _import_rows(coordinator, count)
