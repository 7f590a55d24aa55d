"""The directory of experts: who joins it, who sees it, what it shows, its photos, leaving it,
and the involvement lead hiding an entry."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from coproduce.audit.models import AuditEvent
from coproduce.comms.directory import queries, services
from coproduce.comms.directory.models import DirectoryEntry
from coproduce.people.restriction import restrict_processing
from tests.comms.directory.helpers import in_directory, jpeg, photo_file

pytestmark = pytest.mark.django_db

DIRECTORY = reverse("directory:directory")
MY_ENTRY = reverse("directory:my_entry")


def test_an_expert_not_in_the_directory_sees_what_it_is_and_how_to_join_not_who_is_in_it(
    expert_client,
):
    in_directory(first_name="Priya", interests="Gardening and my dogs")
    response = expert_client.get(DIRECTORY)
    text = response.content.decode()
    assert response.status_code == 200
    assert "Join the directory" in text
    assert "Priya" not in text
    assert "Gardening" not in text


def test_the_join_form_suggests_the_name_they_go_by(expert, expert_client):
    expert.preferred_name = "Evie"
    expert.save()
    response = expert_client.get(MY_ENTRY)
    assert response.context["form"]["first_name"].value() == "Evie"
    expert.preferred_name = ""
    expert.save()
    assert queries.suggested_first_name(expert) == "Eve"


def test_an_expert_who_joins_sees_everyone_in_the_directory_and_nothing_more(expert, expert_client):
    other = in_directory(first_name="Priya", interests="Gardening and my dogs")
    response = expert_client.post(
        MY_ENTRY, {"first_name": "Eve", "photo_choice": "none", "interests": "Walking"}
    )
    assert response.status_code == 302
    text = expert_client.get(DIRECTORY).content.decode()
    assert "Priya" in text and "Gardening and my dogs" in text
    assert "Eve" in text and "Walking" in text
    # Nothing but the first name and the line: not the full name or email.
    assert other.expert.full_name not in text
    assert other.expert.email not in text
    event = AuditEvent.objects.get(
        action=AuditEvent.Action.DIRECTORY_ENTRY_SET, subject_id=str(expert.pk)
    )
    assert event.subject_id == str(expert.pk)
    assert "Walking" not in event.summary and not event.changes


def test_a_line_too_long_and_a_blank_name_are_refused_beside_their_fields(expert_client):
    response = expert_client.post(
        MY_ENTRY, {"first_name": "  ", "photo_choice": "none", "interests": "x" * 151}
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["first_name"] == ["Enter your first name"]
    assert "150 characters or fewer" in errors["interests"][0]
    assert not DirectoryEntry.objects.exists()


def test_choosing_to_upload_without_a_photo_says_so(expert_client):
    response = expert_client.post(MY_ENTRY, {"first_name": "Eve", "photo_choice": "new"})
    assert response.status_code == 400
    assert response.context["form"].errors["photo"] == [
        "Choose a photo to upload, or choose ‘No photo’"
    ]


def test_an_uploaded_photo_is_kept_as_a_square_copy(expert, expert_client):
    upload = SimpleUploadedFile("me.jpg", jpeg(120, 60), content_type="image/jpeg")
    expert_client.post(MY_ENTRY, {"first_name": "Eve", "photo_choice": "new", "photo": upload})
    entry = DirectoryEntry.objects.get(expert=expert)
    with entry.photo.open("rb") as stored, Image.open(stored) as image:
        assert image.size == (services.PHOTO_SIDE, services.PHOTO_SIDE)


def test_the_photo_on_their_profile_is_copied_and_leaving_deletes_only_the_copy(
    expert, expert_client, django_capture_on_commit_callbacks
):
    expert.photo.save("p.jpg", photo_file())
    response = expert_client.get(MY_ENTRY)
    assert "Use the photo on my profile" in response.content.decode()
    expert_client.post(MY_ENTRY, {"first_name": "Eve", "photo_choice": "profile"})
    entry = DirectoryEntry.objects.get(expert=expert)
    copy = Path(entry.photo.path)
    assert copy.exists() and entry.photo.name != expert.photo.name

    with django_capture_on_commit_callbacks(execute=True):
        response = expert_client.post(reverse("directory:leave"))
    assert response.status_code == 302
    assert not DirectoryEntry.objects.filter(expert=expert).exists()
    assert not copy.exists()
    assert Path(expert.photo.path).exists()


def test_photos_are_served_only_to_experts_in_the_directory_and_the_lead(
    client, expert, expert_client, lead_client, coordinator_client, staff_client
):
    other = in_directory(first_name="Priya")
    services.set_entry(
        actor=None,
        expert=other.expert,
        first_name="Priya",
        interests="",
        photo=services.NEW_PHOTO,
        upload=photo_file(),
    )
    url = reverse("directory:photo", kwargs={"pk": other.pk})
    # Not in the directory yourself: nothing, not even that the photo exists.
    assert expert_client.get(url).status_code == 404
    assert coordinator_client.get(url).status_code == 404
    assert staff_client.get(url).status_code == 404
    assert client.get(url).status_code == 302  # to sign in
    assert lead_client.get(url).status_code == 200
    services.set_entry(
        actor=None, expert=expert, first_name="Eve", interests="", photo=services.NO_PHOTO
    )
    response = expert_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "private, max-age=300"
    # The entry outliving its photo's file (an older backup restored): not found, no error.
    other.refresh_from_db()
    other.photo.storage.delete(other.photo.name)
    assert expert_client.get(url).status_code == 404


@pytest.mark.parametrize("status", ["onboarding", "paused", "left"])
def test_only_active_experts_appear_and_may_join(status, expert_client):
    away = in_directory(first_name="Paula")
    away.expert.status = status
    away.expert.save()
    in_directory(first_name="Anna")
    assert [e.first_name for e in queries.listed_entries()] == ["Anna"]
    assert not queries.may_join(away.expert)
    with pytest.raises(services.DirectoryError):
        services.set_entry(
            actor=None, expert=away.expert, first_name="P", interests="", photo="none"
        )


def test_an_expert_whose_processing_is_restricted_disappears(expert, expert_client):
    services.set_entry(actor=None, expert=expert, first_name="Eve", interests="", photo="none")
    gone = in_directory(first_name="Rosa")
    restrict_processing(actor=None, expert=gone.expert, reason="Asked us to stop")
    assert "Rosa" not in expert_client.get(DIRECTORY).content.decode()
    assert queries.listed_entry(gone.pk) is None


def test_the_lead_hides_an_entry_with_a_reason_the_expert_sees(expert, expert_client, lead_client):
    entry = services.set_entry(
        actor=None, expert=expert, first_name="Eve", interests="", photo="none"
    )
    other = in_directory(first_name="Priya")
    response = lead_client.post(reverse("directory:hide", kwargs={"pk": entry.pk}), {})
    assert response.status_code == 400
    assert response.context["form"].errors["reason"] == ["Enter why you are hiding this entry"]
    lead_client.post(
        reverse("directory:hide", kwargs={"pk": entry.pk}),
        {"reason": "Please choose a photo of yourself"},
    )
    text = expert_client.get(DIRECTORY).content.decode()
    assert "Please choose a photo of yourself" in text
    assert "Priya" not in text
    assert [e.pk for e in queries.listed_entries()] == [other.pk]
    lead_client.post(reverse("directory:show", kwargs={"pk": entry.pk}))
    assert "Priya" in expert_client.get(DIRECTORY).content.decode()


def test_the_directory_reads_the_same_number_of_queries_however_many_are_in_it(
    expert, expert_client
):
    services.set_entry(actor=None, expert=expert, first_name="Eve", interests="", photo="none")
    for n in range(3):
        in_directory(first_name=f"Person{n}")
    expert_client.get(DIRECTORY)
    with CaptureQueriesContext(connection) as few:
        expert_client.get(DIRECTORY)
    for n in range(20):
        in_directory(first_name=f"More{n}")
    with CaptureQueriesContext(connection) as many:
        response = expert_client.get(DIRECTORY)
    assert "More19" in response.content.decode()
    assert len(many) == len(few)


def test_joined_at_is_kept_when_the_entry_changes(expert):
    first = services.set_entry(
        actor=None, expert=expert, first_name="Eve", interests="", photo="none"
    )
    later = services.set_entry(
        actor=None, expert=expert, first_name="Evie", interests="Films", photo="none"
    )
    assert later.pk == first.pk and later.joined_at == first.joined_at
    assert later.updated_at <= timezone.now()
