"""The preview: every row's problems, and the people who may already be on the register."""

import pytest

from coproduce.people.imports import preview_import
from tests.factories import (
    AccessNeedFactory,
    ExpertFactory,
    LivedExperienceAreaFactory,
    LocalityFactory,
    SkillFactory,
)
from tests.people.importing import HEADINGS, make_batch, person

pytestmark = pytest.mark.django_db


def problems_of(batch) -> list[str]:
    return [f"Row {p.row}, {p.column}: {p.message}" for p in preview_import(batch=batch).problems]


def test_a_clean_file_has_no_problems_and_can_be_imported(coordinator):
    LocalityFactory(name="Ludlow")
    LivedExperienceAreaFactory(name="Dementia")
    batch = make_batch(
        coordinator, [person(1, Locality="ludlow", **{"Lived experience": "DEMENTIA"})]
    )
    result = preview_import(batch=batch)
    assert result.problems == []
    assert result.can_import
    row = result.rows[0]
    assert row.values["phone"] == "+447911100001"
    assert row.values["postcode"] == "SY2 6ND"
    assert row.values["perspective"] == "carer"
    assert row.values["email"] == "person1@example.net"


def test_every_kind_of_bad_value_is_reported_by_row_and_column(coordinator):
    LivedExperienceAreaFactory(name="Dementia")
    rows = [
        person(1, Email="ann@"),
        person(2, **{"Full name": ""}),
        person(3, Phone="12345"),
        person(4, Postcode="NOT A CODE"),
        person(5, Locality="Atlantis"),
        person(6, Perspective="Carre"),
        person(7, **{"Lived experience": "Dementa"}),
        person(8, Status="Sleeping"),
        person(9, **{"Payment preference": "Cheque"}),
    ]
    problems = problems_of(make_batch(coordinator, rows))
    assert problems == [
        "Row 2, Email: Enter a valid email address.",
        "Row 3, Full name: The name is missing. Every person needs a name",
        "Row 4, Phone: Enter a phone number, like 01632 960 001 or 07700 900 982",
        "Row 5, Postcode: Enter a real postcode, like SY2 6ND",
        "Row 6, Locality: 'Atlantis' is not a locality on your list",
        "Row 7, Perspective: 'Carre' is not a perspective we know. Use one of: service user, "
        "carer, service user and carer, representative of a user-led group",
        "Row 8, Lived experience: 'Dementa' is not a lived experience area on your list. "
        "Did you mean 'Dementia'?",
        "Row 9, Status: 'Sleeping' is not a status we know. Use one of: enquiry, onboarding, "
        "active, paused, left",
        "Row 10, Payment preference: 'Cheque' is not a payment preference we know. Use one of: "
        "paid for my time, expenses only, volunteer (no payment)",
    ]


def test_a_problem_reads_as_a_sentence_with_its_row_number(coordinator):
    rows = [person(n) for n in range(1, 6)] + [person(6, **{"Lived experience": "Dementa"})]
    problem = preview_import(batch=make_batch(coordinator, rows)).problems[0]
    assert str(problem) == "Row 7: 'Dementa' is not a lived experience area on your list"


def test_a_value_longer_than_the_register_allows_is_a_problem_not_cut_short(coordinator):
    problems = problems_of(make_batch(coordinator, [person(1, **{"Full name": "A" * 151})]))
    assert problems == [
        "Row 2, Full name: This is 151 characters long. It must be 150 characters or fewer"
    ]


def test_lists_are_matched_whatever_the_case_and_separated_by_semicolons_or_commas(coordinator):
    dementia = LivedExperienceAreaFactory(name="Dementia")
    older = LivedExperienceAreaFactory(name="Carer of an older person, 65+")
    panel = SkillFactory(name="Interview panel")
    chairing = SkillFactory(name="Chairing")
    bsl = AccessNeedFactory(name="BSL interpreter")
    row = person(
        1,
        **{
            "Lived experience": "dementia; Carer of an older person, 65+",
            "Skills": "interview panel, CHAIRING, Chairing",
            "Access needs": "BSL Interpreter",
        },
    )
    result = preview_import(batch=make_batch(coordinator, [row]))
    assert result.problems == []
    assert result.rows[0].lists == {
        "lived_experience": [dementia.pk, older.pk],
        "skills": [panel.pk, chairing.pk],
        "access_needs": [bsl.pk],
    }


def test_an_entry_no_longer_in_use_cannot_be_given_to_a_new_person(coordinator):
    SkillFactory(name="Quality visits", active=False)
    problems = problems_of(make_batch(coordinator, [person(1, Skills="Quality visits")]))
    assert problems == [
        "Row 2, Skills: 'Quality visits' is on your list as a skill but is no longer in use"
    ]


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("Service user", "service_user"),
        ("patient", "service_user"),
        ("CARER", "carer"),
        ("Family carer", "carer"),
        ("both", "both"),
        ("Service user and carer", "both"),
        ("group_rep", "group_rep"),
        ("Representative of a user-led group", "group_rep"),
    ],
)
def test_perspective_is_read_from_its_label_value_or_a_common_word(coordinator, written, stored):
    result = preview_import(batch=make_batch(coordinator, [person(1, Perspective=written)]))
    assert result.problems == []
    assert result.rows[0].values["perspective"] == stored


def test_a_blank_perspective_is_a_problem_unless_the_coordinator_chose_a_default(coordinator):
    rows = [person(1, Perspective="")]
    assert problems_of(make_batch(coordinator, rows)) == [
        "Row 2, Perspective: The perspective is missing, for example carer"
    ]
    batch = make_batch(coordinator, rows, default_perspective="service_user")
    assert preview_import(batch=batch).rows[0].values["perspective"] == "service_user"


def test_a_blank_status_takes_the_chosen_default(coordinator):
    batch = make_batch(coordinator, [person(1, Status="")], default_status="onboarding")
    assert preview_import(batch=batch).rows[0].values["status"] == "onboarding"


def test_first_and_last_name_columns_make_the_full_name(coordinator):
    batch = make_batch(
        coordinator,
        [["Ann", "Lee", "carer"], ["", "", "carer"]],
        headings=["First name", "Surname", "Perspective"],
    )
    result = preview_import(batch=batch)
    assert result.rows[0].name == "Ann Lee"
    assert [str(p) for p in result.problems] == [
        "Row 3: The name is missing. Every person needs a name"
    ]


def test_a_row_with_more_cells_than_headings_is_a_problem(coordinator):
    batch = make_batch(
        coordinator,
        [["Ann Lee", "carer", "stray, value"]],
        headings=["Full name", "Perspective"],
    )
    assert [p.column for p in preview_import(batch=batch).problems] == ["Whole row"]


def test_ignored_columns_are_not_checked(coordinator):
    row = person(1, Email="not an email")
    mapping = ["full_name", "", "phone", "", "", "perspective", "", "", "", "", ""]
    assert len(mapping) == len(HEADINGS)
    batch = make_batch(coordinator, [row], mapping=mapping)
    result = preview_import(batch=batch)
    assert result.problems == []
    assert result.rows[0].values["email"] == ""


def test_an_xlsx_file_is_checked_the_same_way(coordinator):
    batch = make_batch(coordinator, [person(1, Email="ann@")], file_format="xlsx")
    assert problems_of(batch) == ["Row 2, Email: Enter a valid email address."]


# Likely duplicates


def duplicates_of(batch) -> list[tuple]:
    return [
        (d.row, d.reason, d.expert_name or f"row {d.other_row}")
        for d in preview_import(batch=batch).duplicates
    ]


def test_same_email_whatever_the_case_is_a_likely_duplicate(coordinator):
    ExpertFactory(full_name="Ann Lee", email="ann.lee@example.net")
    batch = make_batch(coordinator, [person(1, Email="ANN.LEE@example.net")])
    assert duplicates_of(batch) == [(2, "email", "Ann Lee")]


def test_same_phone_written_differently_is_a_likely_duplicate(coordinator):
    ExpertFactory(full_name="Bo Shah", email="", phone="+447911123456")
    rows = [person(1, Phone="07911 123 456"), person(2, Phone="+44 (0)7911-123456")]
    batch = make_batch(coordinator, rows)
    assert duplicates_of(batch) == [
        (2, "phone", "Bo Shah"),
        (3, "phone", "Bo Shah"),
        (3, "phone", "row 2"),
    ]


@pytest.mark.parametrize("written", ["Jon Smith", "John Smyth", "Smith, John", "Mr John Smith"])
def test_a_close_name_is_a_likely_duplicate(coordinator, written):
    ExpertFactory(full_name="John Smith", email="", phone="")
    batch = make_batch(coordinator, [person(1, **{"Full name": written})])
    assert duplicates_of(batch) == [(2, "name", "John Smith")]


@pytest.mark.parametrize("written", ["Jane Smith", "John Smithson-Barnes", "Joan Simms"])
def test_a_different_name_is_not_a_duplicate(coordinator, written):
    ExpertFactory(full_name="John Smith", email="", phone="")
    batch = make_batch(coordinator, [person(1, **{"Full name": written})])
    assert duplicates_of(batch) == []


def test_one_register_match_is_shown_once_with_the_strongest_reason(coordinator):
    ExpertFactory(full_name="Ann Lee", email="ann@example.net", phone="+447911100001")
    row = person(1, **{"Full name": "Ann Lee", "Email": "ann@example.net"})
    assert duplicates_of(make_batch(coordinator, [row])) == [(2, "email", "Ann Lee")]


def test_a_person_twice_in_the_same_file_is_a_likely_duplicate(coordinator):
    rows = [
        person(1, **{"Full name": "Ann Lee"}),
        person(2, **{"Full name": "Bo Shah"}),
        person(3, **{"Full name": "Cy Twin", "Email": "person1@example.net"}),
        person(4, **{"Full name": "Di Other", "Phone": "07911100002"}),
        person(5, **{"Full name": "Anne Lee"}),
    ]
    assert duplicates_of(make_batch(coordinator, rows)) == [
        (4, "email", "row 2"),
        (5, "phone", "row 3"),
        (6, "name", "row 2"),
    ]


def test_counts_are_exact(coordinator):
    ExpertFactory(full_name="Ann Lee", email="ann@example.net")
    rows = [person(n) for n in range(1, 8)]
    rows += [person(8, Email="ann@example.net"), person(9, Email="bad"), person(10, Postcode="x")]
    rows += [person(11, Email="worse", Postcode="y")]
    result = preview_import(batch=make_batch(coordinator, rows))
    assert len(result.rows) == 11
    assert result.rows_with_problems == 3
    assert len(result.problems) == 4
    assert result.duplicate_rows == {9}
    assert not result.can_import


def likely_of(batch) -> list[tuple]:
    return [
        (d.row, [m.reason_text for m in d.matches], d.default_choice)
        for d in preview_import(batch=batch).likely_duplicates
    ]


def test_a_row_like_two_people_is_one_likely_duplicate_with_both_matches(coordinator):
    ExpertFactory(full_name="Bo Shah", email="", phone="+447911123456")
    rows = [person(1, Phone="07911 123 456"), person(2, Phone="+44 (0)7911-123456")]
    assert likely_of(make_batch(coordinator, rows)) == [
        (2, ["Same phone number"], "add"),
        (3, ["Same phone number", "Same phone number"], "add"),
    ]


def test_every_reason_a_row_shares_with_someone_is_given(coordinator):
    ExpertFactory(full_name="Ann Lee", email="ann@example.net", phone="+447911100001")
    ExpertFactory(full_name="Cy Moss", email="cy@example.net", phone="+447911100002")
    rows = [
        person(1, **{"Full name": "Ann Lee", "Email": "ann@example.net"}),
        person(2, **{"Full name": "Cy Moss", "Email": "other@example.net"}),
        person(3, **{"Full name": "Di Ray", "Email": "ann@example.net", "Phone": "07911100001"}),
    ]
    assert likely_of(make_batch(coordinator, rows)) == [
        (2, ["Same email, same phone number and similar name"], "leave_out"),
        (3, ["Same phone number and similar name"], "leave_out"),
        (4, ["Same email and same phone number", "Same email and same phone number"], "leave_out"),
    ]


def test_only_a_shared_phone_or_a_similar_name_is_set_to_be_added(coordinator):
    ExpertFactory(full_name="John Smith", email="js@example.net", phone="+447911100009")
    rows = [person(1, **{"Full name": "Jon Smith"}), person(2, Phone="07911100009")]
    assert likely_of(make_batch(coordinator, rows)) == [
        (2, ["Similar name"], "add"),
        (3, ["Same phone number"], "add"),
    ]


def test_rows_left_out_follow_the_choices_then_the_defaults(coordinator):
    ExpertFactory(full_name="Ann Lee", email="ann@example.net", phone="+447911200001")
    rows = [person(1, Email="ann@example.net"), person(2, Phone="07911200001"), person(3)]
    result = preview_import(batch=make_batch(coordinator, rows))
    assert result.left_out({}) == {2}
    assert result.left_out({"2": "add", "3": "leave_out", "4": "leave_out"}) == {3}
