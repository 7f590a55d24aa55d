"""Writing, publishing and withdrawing Working Together stories: a photo is saved only with
the consent of everyone in it (and a clear message beside the box when not), its metadata is
stripped, it is private until the story is published and again once withdrawn, and every move
is audited."""

import io

import pytest
from django.urls import reverse
from PIL import Image

from coproduce.audit.models import AuditEvent
from coproduce.comms.stories import services
from coproduce.comms.stories.forms import NEED_CONSENT, NEED_CONSENT_HOW
from coproduce.comms.stories.models import Story, StoryPhoto, StoryStatus
from tests.comms.stories.helpers import add_photo, story, upload

pytestmark = pytest.mark.django_db

WORDS = {
    "title": "Experts rewrote the discharge letter",
    "what_was_done": "We read the letter together and rewrote it.",
    "who_took_part": "Six experts and the ward team",
    "what_changed": "The letter is one page, in plain English.",
    "opportunity": "",
}


def _photo_post(**changes):
    data = {
        "photo": upload(exif=True),
        "alt_text": "Four people reading the new letter",
        "everyone_consented": "on",
        "consent_how": "All four, on the consent form",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_an_expert_writes_a_story_adds_a_consented_photo_and_sends_it(expert_client, expert):
    response = expert_client.post(reverse("stories:new"), WORDS)
    written = Story.objects.get()
    assert response.status_code == 302
    assert written.submitted_by == expert.user and written.status == StoryStatus.DRAFT

    response = expert_client.post(reverse("stories:add_photo", args=[written.pk]), _photo_post())
    assert response.status_code == 302
    photo = StoryPhoto.objects.get()
    assert photo.consent_how == "All four, on the consent form"
    with photo.image.open("rb") as stored, Image.open(io.BytesIO(stored.read())) as image:
        assert image.format == "JPEG"
        assert not image.getexif(), "the camera's metadata must be stripped"

    expert_client.post(reverse("stories:submit", args=[written.pk]))
    written.refresh_from_db()
    assert written.status == StoryStatus.SUBMITTED and written.submitted_at is not None
    page = expert_client.get(reverse("stories:mine")).content.decode()
    assert "Waiting for the involvement lead" in page
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert AuditEvent.Action.STORY_SUBMITTED in actions


def test_a_photo_without_everyones_consent_is_refused_with_a_message_beside_the_box(
    expert_client, expert
):
    draft = story(by=expert.user)
    response = expert_client.post(
        reverse("stories:add_photo", args=[draft.pk]),
        _photo_post(everyone_consented=None, consent_how=""),
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert NEED_CONSENT in page and NEED_CONSENT_HOW in page
    assert 'id="everyone_consented-error"' in page or "everyone_consented" in page
    assert not StoryPhoto.objects.exists()


def test_a_photo_needs_its_description_and_must_be_an_image(expert_client, expert):
    draft = story(by=expert.user)
    response = expert_client.post(
        reverse("stories:add_photo", args=[draft.pk]),
        _photo_post(alt_text="", photo=io.BytesIO(b"not an image")),
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Enter a description of the photo" in page
    assert not StoryPhoto.objects.exists()


def test_the_service_refuses_a_photo_without_consent_even_if_a_form_let_it_through(expert):
    draft = story(by=expert.user)
    from django.core.files.base import ContentFile

    with pytest.raises(services.StoryError, match="everyone in it must have agreed"):
        services.add_photo(
            actor=expert.user,
            story=draft,
            image=ContentFile(b"x"),
            alt_text="A photo",
            consented=False,
            consent_how="",
        )
    assert not StoryPhoto.objects.exists()


def test_a_sent_story_cannot_be_changed_by_its_writer(expert_client, expert):
    sent = story(by=expert.user, status=StoryStatus.SUBMITTED)
    assert expert_client.get(reverse("stories:change", args=[sent.pk])).status_code == 403
    assert expert_client.get(reverse("stories:add_photo", args=[sent.pk])).status_code == 403


def test_photos_are_public_only_while_the_story_is_published(lead_client, involvement_lead, client):
    sent = story(status=StoryStatus.SUBMITTED)
    photo = add_photo(sent)
    public = reverse("stories:working_together_photo", args=[photo.pk])
    assert client.get(public).status_code == 404
    assert client.get(reverse("stories:working_together_story", args=[sent.pk])).status_code == 404
    # The lead sees it privately, to decide.
    assert lead_client.get(reverse("stories:private_photo", args=[photo.pk])).status_code == 200

    lead_client.post(reverse("stories:publish", args=[sent.pk]))
    response = client.get(public)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    story_page = client.get(reverse("stories:working_together_story", args=[sent.pk]))
    assert "Four people" not in story_page.content.decode()  # its own alt text is shown
    assert photo.alt_text in story_page.content.decode()
    # A record whose file has gone (an older backup restored): not found, never an error.
    photo.image.storage.delete(photo.image.name)
    assert client.get(public).status_code == 404
    assert lead_client.get(reverse("stories:private_photo", args=[photo.pk])).status_code == 404

    response = lead_client.post(reverse("stories:withdraw", args=[sent.pk]), {"reason": ""})
    assert response.status_code == 400
    assert "Enter why, so the writer knows what to do" in response.content.decode()
    lead_client.post(reverse("stories:withdraw", args=[sent.pk]), {"reason": "Consent withdrawn"})
    sent.refresh_from_db()
    assert sent.status == StoryStatus.WITHDRAWN
    assert client.get(public).status_code == 404
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert AuditEvent.Action.STORY_PUBLISHED in actions
    assert AuditEvent.Action.STORY_WITHDRAWN in actions


def test_the_lead_sends_a_story_back_and_its_writer_sees_why(lead_client, expert_client, expert):
    sent = story(by=expert.user, status=StoryStatus.SUBMITTED)
    lead_client.post(reverse("stories:send_back", args=[sent.pk]), {"reason": "Add what changed"})
    sent.refresh_from_db()
    assert sent.status == StoryStatus.SENT_BACK
    page = expert_client.get(reverse("stories:mine_detail", args=[sent.pk])).content.decode()
    assert "Add what changed" in page
    # Sent back, it can be changed and sent again.
    assert expert_client.get(reverse("stories:change", args=[sent.pk])).status_code == 200
    expert_client.post(reverse("stories:submit", args=[sent.pk]))
    sent.refresh_from_db()
    assert sent.status == StoryStatus.SUBMITTED


def test_moves_the_machine_does_not_allow_are_refused(involvement_lead):
    draft = story()
    with pytest.raises(services.StoryError, match="cannot become"):
        services.publish_story(actor=involvement_lead, story=draft)
    published = story(status=StoryStatus.PUBLISHED)
    with pytest.raises(services.StoryError):
        services.send_back(actor=involvement_lead, story=published, reason="x")
    draft.refresh_from_db()
    assert draft.status == StoryStatus.DRAFT


def test_a_story_has_at_most_four_photos(expert):
    draft = story(by=expert.user, photos=4)
    from coproduce.core.images import clean_photo

    with pytest.raises(services.StoryError, match="at most 4 photos"):
        services.add_photo(
            actor=expert.user,
            story=draft,
            image=clean_photo(upload()),
            alt_text="One more",
            consented=True,
            consent_how="All of them",
        )


def test_the_writer_chooses_only_work_they_took_part_in_and_never_confidential_work(
    staff_member, client
):
    from coproduce.comms.stories.queries import work_choices
    from tests.factories import OpportunityFactory

    mine = OpportunityFactory(requested_by=staff_member, title="Our leaflet")
    OpportunityFactory(requested_by=staff_member, title="An investigation", confidential=True)
    OpportunityFactory(title="Someone else's work")
    assert [title for _, title in work_choices(staff_member)] == [mine.title]
