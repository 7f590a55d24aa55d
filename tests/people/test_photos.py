"""Photos: JPEG or PNG only, at most 5 MB and 4096 × 4096, re-encoded (location data gone),
stored under a random name, and served only to people allowed to see the expert."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from tests.factories import ExpertFactory, expert_with_account
from tests.people.helpers import expert_form_data

pytestmark = pytest.mark.django_db


def image_bytes(fmt: str = "PNG", size=(40, 30), exif: bool = False) -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", size, "teal")
    if exif:
        info = Image.Exif()
        info[0x8825] = {1: "N", 2: (52.0, 42.0, 0.0)}  # GPS latitude
        info[0x010F] = "SpyCam"  # camera maker
        image.save(out, format=fmt, exif=info)
    else:
        image.save(out, format=fmt)
    return out.getvalue()


def post_photo(client, expert, upload):
    data = expert_form_data(full_name=expert.full_name, email=expert.email, photo=upload)
    return client.post(reverse("people:expert_edit", args=[expert.pk]), data)


def test_a_jpeg_with_location_data_is_stored_re_encoded_without_it(coordinator_client):
    expert = ExpertFactory()
    upload = SimpleUploadedFile("home-address.jpg", image_bytes("JPEG", exif=True), "image/jpeg")

    response = post_photo(coordinator_client, expert, upload)

    assert response.status_code == 302
    expert.refresh_from_db()
    assert "home-address" not in expert.photo.name
    with Image.open(expert.photo.open("rb")) as stored:
        assert stored.format == "JPEG"
        assert stored.size == (40, 30)
        assert not stored.getexif()


def test_a_png_is_accepted(coordinator_client):
    expert = ExpertFactory()
    post_photo(coordinator_client, expert, SimpleUploadedFile("me.png", image_bytes("PNG")))
    expert.refresh_from_db()
    assert expert.photo


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("cv.pdf", b"%PDF-1.4 not an image"), "must be a JPEG or PNG"),
        (SimpleUploadedFile("anim.gif", image_bytes("GIF")), "must be a JPEG or PNG"),
        (
            SimpleUploadedFile("big.png", image_bytes("PNG", size=(4097, 10))),
            "at most 4096 by 4096",
        ),
    ],
)
def test_a_bad_photo_is_refused_and_nothing_is_saved(coordinator_client, upload, message):
    expert = ExpertFactory(pronouns="they/them")
    response = post_photo(coordinator_client, expert, upload)
    assert response.status_code == 200
    assert message in response.content.decode()
    expert.refresh_from_db()
    assert not expert.photo
    assert expert.pronouns == "they/them"


def test_a_photo_over_5_mb_is_refused(coordinator_client, settings):
    settings.PHOTO_MAX_BYTES = 50
    expert = ExpertFactory()
    response = post_photo(coordinator_client, expert, SimpleUploadedFile("x.png", image_bytes()))
    assert "smaller than 5 MB" in response.content.decode()


def test_photos_are_served_to_the_team_and_the_expert_but_no_one_else(
    coordinator_client, staff_client
):
    owner = expert_with_account()
    owner.photo.save("p.jpg", SimpleUploadedFile("p.jpg", image_bytes("JPEG")))
    url = reverse("people:expert_photo", args=[owner.pk])
    assert coordinator_client.get(url).status_code == 200
    assert coordinator_client.get(url)["Content-Type"] == "image/jpeg"

    from django.test import Client

    own = Client()
    own.force_login(owner.user)
    assert own.get(url).status_code == 200
    other = Client()
    other.force_login(expert_with_account().user)
    assert other.get(url).status_code == 404
    assert staff_client.get(url).status_code == 404
