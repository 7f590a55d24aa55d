"""A member asks, from their manage page, to get involved as an Expert by Experience: after a
short confirmation they arrive on the register of experts as an enquiry with the details their
membership holds, through the public form's service (so the team is told the same way), and
the membership is linked to it. Asking twice makes one enquiry; an expert is refused."""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from coproduce.audit.models import AuditEvent
from coproduce.membership.members import involvement, links, services
from coproduce.people.choices import Channel, Status
from coproduce.people.models import Expert
from tests.factories import ExpertFactory
from tests.membership.members.helpers import make_member

pytestmark = pytest.mark.django_db
DETAILS = reverse("members:member_details")
GET_INVOLVED = reverse("members:member_get_involved")
YES = {"perspective": "carer", "consent": "on"}


def _open_link(client, member) -> None:
    url = links.manage_url(member)
    client.get(url[url.index("/members/") :])


def _team_messages() -> list:
    return [m for m in mail.outbox if m.subject.startswith("New enquiry")]


@pytest.fixture
def mo(constituencies):
    return make_member(constituencies["north"], phone="+447700900123")


def test_the_manage_page_has_a_button_to_get_involved(client, mo):
    _open_link(client, mo)

    page = client.get(DETAILS).content.decode()

    assert "I would like to get involved as an Expert by Experience" in page
    assert f'href="{GET_INVOLVED}"' in page


def test_the_confirmation_says_what_happens_next_and_changes_nothing(client, mo):
    _open_link(client, mo)

    page = client.get(GET_INVOLVED)

    assert page.status_code == 200
    assert "What happens next" in page.content.decode()
    assert not Expert.objects.exists()


def test_confirming_makes_an_enquiry_from_the_members_details_and_tells_the_team(
    client, mo, django_capture_on_commit_callbacks
):
    _open_link(client, mo)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(GET_INVOLVED, YES)

    assert response["Location"] == DETAILS
    expert = Expert.objects.get()
    assert (expert.full_name, expert.email, expert.phone) == (
        "Mo Member",
        "mo@example.org",
        "+447700900123",
    )
    assert (expert.address, expert.postcode) == ("1 Street, Leeds", "LS6 2AB")
    assert expert.status == Status.ENQUIRY and expert.perspective == "carer"
    assert expert.preferred_channel == Channel.EMAIL
    assert expert.consent_privacy_notice_version == settings.PRIVACY_NOTICE_VERSION
    mo.refresh_from_db()
    assert mo.expert == expert
    (told,) = _team_messages()
    assert settings.INVOLVEMENT_TEAM_EMAIL in told.to and "Mo Member" in told.body
    assert any(m.to == ["mo@example.org"] for m in mail.outbox if m is not told)
    assert AuditEvent.objects.filter(
        object_id=str(mo.pk), summary="Asked to get involved as an Expert by Experience"
    ).exists()
    after = client.get(DETAILS).content.decode()
    assert "Thank you. We have given your details to the involvement team" in after
    assert f'href="{GET_INVOLVED}"' not in after


def test_asking_twice_makes_one_enquiry_and_says_they_have_already_asked(
    client, mo, django_capture_on_commit_callbacks
):
    _open_link(client, mo)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(GET_INVOLVED, YES)
        again = client.post(GET_INVOLVED, YES)

    assert "You have already asked to get involved" in again.content.decode()
    assert Expert.objects.count() == 1
    assert len(_team_messages()) == 1
    with pytest.raises(involvement.AlreadyAsked):
        involvement.ask_to_get_involved(member=mo, perspective="carer")
    assert Expert.objects.count() == 1


def test_a_member_who_is_already_an_expert_is_refused(client, mo):
    mo.expert = ExpertFactory(status=Status.ACTIVE)
    mo.save()
    _open_link(client, mo)

    page = client.post(GET_INVOLVED, YES).content.decode()

    assert "You are already an Expert by Experience" in page
    assert Expert.objects.count() == 1
    with pytest.raises(services.MembershipError, match="already an Expert by Experience"):
        involvement.ask_to_get_involved(member=mo, perspective="carer")


def test_the_confirmation_needs_an_answer_and_agreement_and_saves_nothing_without(client, mo):
    _open_link(client, mo)

    response = client.post(GET_INVOLVED, {})

    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose which describes you best" in page
    assert "Tick the box to say the involvement team can use your details" in page
    assert not Expert.objects.exists()
    mo.refresh_from_db()
    assert mo.expert is None


def test_a_member_who_hears_by_post_only_is_contacted_by_letter(client, constituencies):
    paper = make_member(
        constituencies["north"], email="", by_email=False, by_post=True, full_name="Pat Post"
    )

    involvement.ask_to_get_involved(member=paper, perspective="service_user")

    assert Expert.objects.get().preferred_channel == Channel.POST


def test_a_member_we_cannot_contact_is_asked_to_add_a_way_first(constituencies):
    nowhere = make_member(constituencies["north"], email="", address="", postcode="")

    with pytest.raises(services.MembershipError, match="Add one to your details first"):
        involvement.ask_to_get_involved(member=nowhere, perspective="carer")

    assert not Expert.objects.exists()


def test_without_the_emailed_link_the_page_refuses(client, mo):
    response = client.post(GET_INVOLVED, YES)

    assert response.status_code == 403
    assert not Expert.objects.exists()
