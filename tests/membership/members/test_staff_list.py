"""Enrolling staff from the staff list: all or nothing with each row's problem, staff already
on the register left alone, and an email to each new member saying how to opt out."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coproduce.audit.models import AuditEvent
from coproduce.membership.members.choices import JoinedBy, MemberStatus
from coproduce.membership.members.models import Member
from tests.membership.members.helpers import make_member

pytestmark = pytest.mark.django_db
URL = reverse("members:staff_list")


def _upload(client, text: str):
    return client.post(URL, {"file": SimpleUploadedFile("staff.csv", text.encode())})


def test_staff_on_the_list_become_members_and_are_told_how_to_opt_out(
    office_client, constituencies, mailoutbox, django_capture_on_commit_callbacks
):
    make_member(constituencies["staff"], full_name="Old Hand", staff_number="S1", email="o@x.org")
    make_member(
        constituencies["staff"],
        full_name="Opted Out",
        staff_number="S2",
        email="out@example.org",
        status=MemberStatus.LEFT,
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(
            office_client,
            "Staff number,Name,Email,Date of birth\n"
            "S1,Old Hand,o@x.org,01/01/1970\n"
            "S2,Opted Out,out@example.org,1980-02-02\n"
            "S3,New Starter,new@example.org,27/03/1990\n"
            "S4,No Email,,1991-04-05\n",
        )
    assert response["Location"] == reverse("members:member_list")
    new = Member.objects.get(staff_number="S3")
    assert new.constituency == constituencies["staff"]
    assert new.joined_by == JoinedBy.STAFF_LIST
    assert new.date_of_birth == date(1990, 3, 27)
    assert Member.objects.get(staff_number="S2").status == MemberStatus.LEFT
    assert Member.objects.get(staff_number="S4").by_post
    assert [m.to for m in mailoutbox] == [["new@example.org"]]
    assert "opt out" in mailoutbox[0].body
    assert AuditEvent.objects.filter(action=AuditEvent.Action.IMPORTED).count() == 2


def test_one_bad_row_enrols_nobody_and_names_each_problem(office_client, constituencies):
    response = _upload(
        office_client,
        "Staff number,Name,Email,Date of birth\n"
        "S3,Good Row,good@example.org,27/03/1990\n"
        ",No Number,bad-email,31/02/1990\n"
        "S3,Twice,,1990-01-01\n",
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert (
        "Row 3: the staff number is missing; ‘bad-email’ is not an email address; the date of birth is missing or not a date"
        in page
    )
    assert "Row 4: staff number S3 is also on row 2" in page
    assert "Nobody was enrolled" in page
    assert not Member.objects.exists()


def test_someone_too_young_stops_the_list(office_client, constituencies):
    response = _upload(
        office_client,
        "Staff number,Name,Email,Date of birth\nS9,Young Apprentice,,2020-01-01\n",
    )
    assert response.status_code == 400
    assert "younger than 16" in response.content.decode()
    assert not Member.objects.exists()


def test_a_list_without_a_column_says_which(office_client, constituencies):
    response = _upload(office_client, "Staff number,Name,Email\nS1,A,a@example.org\n")
    assert (
        response.context["form"]
        .errors["file"][0]
        .startswith("The file needs a column headed ‘Date of birth’")
    )
