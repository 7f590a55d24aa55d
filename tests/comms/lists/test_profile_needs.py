"""Experts set how they need what we send them (Easy Read, large print, audio, BSL, a carer
copied in) and their carer's details on their own profile, and the team on the staff form;
each change is audited, shown on the profile, in the subject access export, and erased."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from coproduce.audit.models import AuditEvent
from coproduce.comms.lists import personal_data
from coproduce.comms.lists.models import Delivery, Member
from coproduce.core.subject_access import gather
from tests.comms.lists.helpers import consenting, draft, mailing_list
from tests.factories import expert_with_account

pytestmark = pytest.mark.django_db


def _own_form(expert, **changes):
    values = {
        "preferred_name": expert.preferred_name,
        "phone": "07700 900123",
        "preferred_channel": "email",
        "notice_days": "7",
        **changes,
    }
    return {k: v for k, v in values.items() if v is not None}


def test_an_expert_sets_their_needs_and_carer_on_their_profile_and_it_is_audited():
    expert = expert_with_account()
    client = Client()
    client.force_login(expert.user)
    response = client.post(
        reverse("people:my_profile_edit"),
        _own_form(
            expert,
            communication_needs=["easy_read", "carer_copy"],
            carer_name="Sam Helper",
            carer_email="sam@example.net",
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    expert.refresh_from_db()
    assert expert.communication_needs == ["easy_read", "carer_copy"]
    assert (expert.carer_name, expert.carer_email) == ("Sam Helper", "sam@example.net")
    event = AuditEvent.objects.filter(object_id=str(expert.pk)).latest("id")
    before, after = event.changes["communication_needs"]
    assert (before, sorted(after)) == ([], ["carer_copy", "easy_read"])
    page = client.get(reverse("people:my_profile")).content.decode()
    assert "Easy Read, Copy my carer or supporter in" in page
    assert "Sam Helper, sam@example.net" in page


def test_copying_a_carer_in_needs_their_email_address():
    expert = expert_with_account()
    client = Client()
    client.force_login(expert.user)
    response = client.post(
        reverse("people:my_profile_edit"), _own_form(expert, communication_needs=["carer_copy"])
    )
    assert response.status_code == 200
    assert response.context["form"].errors["carer_email"] == [
        "Enter the carer or supporter's email address, or untick copying them in"
    ]


def test_the_team_sets_needs_on_the_staff_form_and_sees_them_on_the_record(coordinator_client):
    expert = consenting(full_name="Len Large")
    form = coordinator_client.get(reverse("people:expert_edit", args=[expert.pk])).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k != "consent_date"}
    data.update(
        locality=expert.locality_id or "",
        communication_needs=["large_print", "bsl"],
        available_days=[],
        available_times=[],
    )
    response = coordinator_client.post(reverse("people:expert_edit", args=[expert.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    expert.refresh_from_db()
    assert expert.communication_needs == ["large_print", "bsl"]
    page = coordinator_client.get(reverse("people:expert_detail", args=[expert.pk]))
    assert "Large print, British Sign Language (BSL)" in page.content.decode()


def test_lists_and_messages_are_in_the_subject_access_export_and_go_on_erasure(
    smtp_server, coordinator, django_capture_on_commit_callbacks
):
    from coproduce.comms.lists import services

    ann = consenting(communication_needs=["carer_copy"], carer_email="sam@example.net")
    made = mailing_list(ann, name="Carers' news")
    message = draft(made)
    with django_capture_on_commit_callbacks(execute=True):
        services.queue_message(actor=coordinator, message=message, revision=message.revision)
    sections = {s.name: s.data for s in gather(ann)}
    assert sections["register"]["profile"]["communication_needs"] == ["carer_copy"]
    assert sections["register"]["profile"]["carer_email"] == "sam@example.net"
    mine = sections["mailing_lists"]
    assert [m["list"] for m in mine["mailing_lists"]] == ["Carers' news"]
    assert {d["to"] for d in mine["messages_sent_to_you"]} == {"you", "your carer or supporter"}
    assert personal_data.erase(ann) == [
        "the mailing lists they were on",
        "the record of messages sent to them",
    ]
    assert not Member.objects.exists() and not Delivery.objects.exists()


def test_erasing_a_person_empties_their_needs_and_carer():
    from coproduce.people.personal_data import erase

    ann = consenting(
        communication_needs=["easy_read"],
        carer_name="Sam",
        carer_email="sam@example.net",
        restricted_at=timezone.now(),
    )
    erase(ann)
    ann.refresh_from_db()
    assert (ann.communication_needs, ann.carer_name, ann.carer_email) == ([], "", "")
