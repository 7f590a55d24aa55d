"""A member of the public asks to get involved: they arrive as an enquiry and the team is told."""

import pytest
from django.core import mail
from django.urls import reverse

from coproduce.audit.models import AuditEvent
from coproduce.people.models import Expert
from tests.factories import ExpertFactory, LivedExperienceAreaFactory

pytestmark = pytest.mark.django_db


def sign_up_data(**overrides) -> dict:
    data = {
        "full_name": "Grace Adeyemi",
        "email": "grace@example.net",
        "phone": "",
        "preferred_channel": "email",
        "perspective": "carer",
        "postcode": "",
        "consent": "on",
    }
    data.update(overrides)
    return data


def team_messages() -> list:
    return [m for m in mail.outbox if m.subject.startswith("New enquiry")]


def test_a_member_of_the_public_arrives_as_an_enquiry_and_the_team_is_told(
    anonymous_client, coordinator, settings, django_capture_on_commit_callbacks
):
    area = LivedExperienceAreaFactory(name="Carer of an older person")

    with django_capture_on_commit_callbacks(execute=True):
        response = anonymous_client.post(
            reverse("get_involved"), sign_up_data(lived_experience=[area.pk])
        )

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("get_involved_done"))
    expert = Expert.objects.get(email="grace@example.net")
    assert expert.status == "enquiry"
    assert expert.source == "get involved form"
    assert expert.consent_given_at is not None
    assert expert.consent_privacy_notice_version == settings.PRIVACY_NOTICE_VERSION
    assert list(expert.lived_experience.all()) == [area]
    assert AuditEvent.objects.filter(object_id=str(expert.pk), action="created").exists()
    (message,) = team_messages()
    assert set(message.to) >= {settings.INVOLVEMENT_TEAM_EMAIL, coordinator.email}
    assert "Grace Adeyemi" in message.body
    assert reverse("people:expert_detail", args=[expert.pk]) in message.body
    # No needs or health details travel by email.
    assert "Carer of an older person" not in message.body


def test_the_answer_is_the_same_when_the_email_is_already_known(
    anonymous_client, django_capture_on_commit_callbacks
):
    ExpertFactory(email="grace@example.net")
    with django_capture_on_commit_callbacks(execute=True):
        response = anonymous_client.post(reverse("get_involved"), sign_up_data())
    assert response["Location"].startswith(reverse("get_involved_done"))
    assert "already on the register" in team_messages()[0].body


def test_consent_is_required_and_what_was_typed_is_kept(anonymous_client):
    response = anonymous_client.post(reverse("get_involved"), sign_up_data(consent=""))
    html = response.content.decode()
    assert "Tick the box to say we can keep your details" in html
    assert 'value="Grace Adeyemi"' in html
    assert Expert.objects.count() == 0


def test_someone_must_leave_a_way_to_contact_them(anonymous_client):
    response = anonymous_client.post(
        reverse("get_involved"), sign_up_data(email="", phone="", preferred_channel="phone")
    )
    assert "Enter an email address or a phone number" in response.content.decode()
    assert Expert.objects.count() == 0


def test_someone_who_chose_letter_arrives_on_the_register_with_their_address(
    anonymous_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = anonymous_client.post(
            reverse("get_involved"),
            sign_up_data(
                email="",
                preferred_channel="post",
                address="12 Abbey Foregate\nShrewsbury",
                postcode="sy2 6nd",
            ),
        )

    assert response.status_code == 302
    expert = Expert.objects.get(full_name="Grace Adeyemi")
    assert expert.preferred_channel == "post"
    assert expert.address == "12 Abbey Foregate\nShrewsbury"
    assert expert.postcode == "SY2 6ND"
    # The team hears; nobody else is emailed, as there is no address to email.
    assert [m.subject for m in mail.outbox] == ["New enquiry: someone wants to get involved"]


def test_choosing_letter_without_an_address_asks_for_it_beside_the_fields(anonymous_client):
    response = anonymous_client.post(
        reverse("get_involved"),
        sign_up_data(email="", phone="07700 900123", preferred_channel="post"),
    )

    form = response.context["form"]
    assert form.errors["address"] == [
        "Enter your address so we can write to you, or choose another way"
    ]
    assert form.errors["postcode"] == [
        "Enter your postcode so we can write to you, or choose another way"
    ]
    assert "preferred_channel" not in form.errors
    html = response.content.decode()
    assert "We cannot write to you" not in html
    assert 'value="07700 900123"' in html
    assert Expert.objects.count() == 0


def test_the_address_is_revealed_under_letter_and_says_when_it_is_needed(anonymous_client):
    html = anonymous_client.get(reverse("get_involved")).content.decode()

    letter = html.index('value="post"')
    reveal = html.index('id="conditional-id_preferred_channel-4"')
    assert 'data-app-reveal="conditional-id_preferred_channel-4"' in html[letter - 200 : reveal]
    revealed = html[reveal : html.index("</fieldset>", reveal)]
    assert 'name="address"' in revealed
    assert 'name="postcode"' in revealed
    assert revealed.count("Only if you chose letter") == 2


def test_the_person_who_applies_is_sent_a_plain_confirmation_with_nothing_they_told_us(
    anonymous_client, settings, django_capture_on_commit_callbacks
):
    area = LivedExperienceAreaFactory(name="Carer of an older person")
    with django_capture_on_commit_callbacks(execute=True):
        anonymous_client.post(
            reverse("get_involved"),
            sign_up_data(
                email="Grace@Example.net", phone="07700 900123", lived_experience=[area.pk]
            ),
        )

    (message,) = [m for m in mail.outbox if m.to == ["grace@example.net"]]
    assert message.subject == "We have your details: getting involved"
    assert "contact you by email within 10 working days" in message.body
    assert settings.INVOLVEMENT_TEAM_EMAIL in message.body
    ((html, kind),) = message.alternatives
    assert kind == "text/html"
    assert "What happens next" in html
    assert f'href="mailto:{settings.INVOLVEMENT_TEAM_EMAIL}"' in html
    assert "font-size:19px" in html
    for private in ("Grace", "Adeyemi", "Carer of an older person", "7700", "900123"):
        assert private not in message.body
        assert private not in html


def test_the_confirmation_says_how_we_will_contact_them_when_that_is_not_email(
    anonymous_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        anonymous_client.post(
            reverse("get_involved"),
            sign_up_data(phone="07700 900123", preferred_channel="text"),
        )

    (message,) = [m for m in mail.outbox if m.to == ["grace@example.net"]]
    assert "contact you by text message within 10 working days" in message.body


@pytest.mark.parametrize(
    ("overrides", "expected", "not_expected"),
    [
        pytest.param(
            {
                "email": "",
                "preferred_channel": "post",
                "address": "1 High St",
                "postcode": "SY2 6ND",
            },
            ["contact you by letter", "We will not send you an email"],
            ["We have sent you an email"],
            id="letter without email",
        ),
        pytest.param(
            {"email": "", "phone": "07700 900123", "preferred_channel": "text"},
            ["contact you by text message", "We will not send you an email"],
            ["We have sent you an email"],
            id="text without email",
        ),
        pytest.param(
            {"preferred_channel": "email"},
            ["contact you by email", "We have sent you an email"],
            ["We will not send you an email"],
            id="email",
        ),
    ],
)
def test_the_thank_you_page_says_how_they_will_hear(
    anonymous_client, overrides, expected, not_expected
):
    response = anonymous_client.post(
        reverse("get_involved"), sign_up_data(**overrides), follow=True
    )

    html = response.content.decode()
    for words in expected:
        assert words in html
    for words in not_expected:
        assert words not in html
    # Nothing the person typed travels in the thank-you page's address.
    final_url = response.redirect_chain[-1][0]
    assert "grace" not in final_url.lower()


def test_the_error_summary_lists_the_address_in_the_order_of_the_page(anonymous_client):
    response = anonymous_client.post(
        reverse("get_involved"),
        sign_up_data(full_name="", email="", preferred_channel="post", perspective=""),
    )

    links = [item["href"] for item in response.context["form"].error_list()]
    assert links == ["#id_full_name", "#id_address", "#id_postcode", "#id_perspective"]


def test_a_sending_that_fills_in_the_robots_trap_is_thanked_and_kept_nowhere(anonymous_client):
    page = anonymous_client.get(reverse("get_involved")).content.decode()
    # Hidden from people and screen readers, and out of the tab order.
    assert '<div class="nhsuk-u-visually-hidden" aria-hidden="true">' in page
    assert 'name="website" tabindex="-1" autocomplete="off"' in page

    response = anonymous_client.post(
        reverse("get_involved"), sign_up_data(website="https://spam.example")
    )

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("get_involved_done"))
    assert not Expert.objects.exists()
    assert team_messages() == []


def test_many_sendings_from_one_address_are_refused_saying_why(anonymous_client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "get_involved": "2/h/ip"}
    for n in range(2):
        response = anonymous_client.post(
            reverse("get_involved"), sign_up_data(email=f"person{n}@example.net")
        )
        assert response.status_code == 302

    response = anonymous_client.post(
        reverse("get_involved"), sign_up_data(email="person3@example.net", full_name="Third")
    )

    assert response.status_code == 429
    page = response.content.decode()
    assert "This form has been sent many times from here" in page
    assert 'value="Third"' in page  # what was typed is kept
    assert Expert.objects.count() == 2


def test_mistakes_do_not_count_towards_the_limit(anonymous_client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "get_involved": "1/h/ip"}
    for _ in range(3):
        anonymous_client.post(reverse("get_involved"), sign_up_data(consent=""))
    response = anonymous_client.post(reverse("get_involved"), sign_up_data())
    assert response.status_code == 302
    assert Expert.objects.count() == 1
