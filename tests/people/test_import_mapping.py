"""Matching a spreadsheet's columns to the register's fields: the guesses, and the rules."""

import pytest

from coproduce.people.imports import mapping_problems, suggest_mapping


@pytest.mark.parametrize(
    ("heading", "field"),
    [
        ("Name", "full_name"),
        ("Full name", "full_name"),
        ("FULL NAME", "full_name"),
        ("Preferred name", "preferred_name"),
        ("Known as", "preferred_name"),
        ("E-mail", "email"),
        ("Email address", "email"),
        ("Mobile", "phone"),
        ("Telephone number", "phone"),
        ("Post code", "postcode"),
        ("Address", "address"),
        ("Area", "locality"),
        ("Locality", "locality"),
        ("Lived experience", "lived_experience"),
        ("Lived experience areas", "lived_experience"),
        ("Skills", "skills"),
        ("Needs", "access_needs"),
        ("Access & communication needs", "access_needs"),
        ("Status", "status"),
        ("Perspective", "perspective"),
        ("Payment", "payment_preference"),
        ("Bio", "biography"),
        ("Notes", "internal_notes"),
        ("Favourite colour", ""),
    ],
)
def test_a_common_heading_is_matched_to_its_field(heading, field):
    assert suggest_mapping([heading]) == [field]


def test_each_field_is_suggested_once_for_the_first_column_that_names_it():
    assert suggest_mapping(["Email", "E-mail", "Name"]) == ["email", "", "full_name"]


def test_first_name_and_surname_columns_are_suggested_when_there_is_no_full_name():
    assert suggest_mapping(["First name", "Surname"]) == ["first_name", "last_name"]
    assert suggest_mapping(["Name", "First name", "Surname"]) == ["full_name", "", ""]


def test_the_register_export_headings_are_recognised():
    from coproduce.people.exports import COLUMNS

    mapping = dict(zip(COLUMNS, suggest_mapping(COLUMNS), strict=True))
    assert mapping["Full name"] == "full_name"
    assert mapping["Access needs"] == "access_needs"
    assert mapping["Payment preference"] == "payment_preference"


def test_choosing_the_same_field_twice_is_a_problem_beside_the_second_column():
    problems = mapping_problems(
        headers=["Name", "Email", "Work email"], mapping=["full_name", "email", "email"]
    )
    assert problems == {
        2: "Email is already chosen for column B (Email). Choose a different field, "
        "or do not import this column"
    }


def test_not_choosing_a_name_column_is_a_problem():
    problems = mapping_problems(headers=["Email", "Phone"], mapping=["email", "phone"])
    assert problems == {
        0: "No column is set to Full name. Choose the column that has each person's name"
    }


def test_a_full_name_and_a_first_name_column_together_are_a_problem():
    problems = mapping_problems(
        headers=["Name", "First", "Last"], mapping=["full_name", "first_name", "last_name"]
    )
    assert list(problems) == [1]


def test_first_and_last_name_columns_are_enough():
    assert mapping_problems(headers=["First", "Last"], mapping=["first_name", "last_name"]) == {}
