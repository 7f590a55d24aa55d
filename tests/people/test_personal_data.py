"""A subject access request: the involvement lead downloads everything held about one expert,
from every part of the product, and nothing about anyone else; the download is recorded."""

import io
import json
import zipfile
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from coproduce.audit.models import RecordView
from coproduce.payments.models import ClaimLine
from tests.factories import ExpertFactory, GroupFactory, SkillFactory
from tests.payments.helpers import accepted_place, attend, make_policy

pytestmark = pytest.mark.django_db


@pytest.fixture
def png_bytes() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(out, format="PNG")
    return out.getvalue()


def download(client, expert) -> tuple[dict, zipfile.ZipFile]:
    response = client.post(reverse("people:expert_data", args=[expert.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "no-store" in response["Cache-Control"]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    return json.loads(archive.read("data.json")), archive


def test_the_lead_downloads_everything_held_about_the_expert(lead_client, png_bytes):
    make_policy(hourly=Decimal("15.00"))
    expert = ExpertFactory(
        full_name="Priya Patel", payee_reference="EBE123", skills=[SkillFactory(name="Chairing")]
    )
    expert.photo.save("p.jpg", ContentFile(png_bytes))
    GroupFactory(name="Carers' panel").memberships.create(expert=expert, joined_on="2026-01-05")
    place = attend(accepted_place(expert=expert), hours="2")
    line = ClaimLine.objects.get(claim__invitation=place)
    line.receipt.save("r.png", ContentFile(png_bytes))
    someone_else = ExpertFactory(full_name="Other Person")
    attend(accepted_place(expert=someone_else), hours="1")

    data, archive = download(lead_client, expert)

    assert data["register"]["profile"]["full_name"] == "Priya Patel"
    assert data["register"]["profile"]["skills"] == ["Chairing"]
    assert data["involvement"]["invitations"][0]["hours"] == "2.00"
    assert data["involvement"]["groups"][0]["group"] == "Carers' panel"
    (claim,) = data["payments"]["claims"]
    assert claim["total"] == "30.00" and data["payments"]["payee_reference"] == "EBE123"
    assert claim["lines"][0]["receipt"].startswith("files/receipt-")
    assert any(event["action"] == "attendance recorded" for event in data["audit"]["changes"])
    names = archive.namelist()
    assert "files/photo.jpg" in names
    assert claim["lines"][0]["receipt"] in names
    assert "Other Person" not in archive.read("data.json").decode()


def test_the_download_is_recorded_and_the_page_explains_it(lead_client):
    expert = ExpertFactory()
    page = lead_client.get(reverse("people:expert_data", args=[expert.pk]))
    assert "subject access request" in page.content.decode()
    assert not RecordView.objects.filter(what__contains="downloaded").exists()
    download(lead_client, expert)
    assert RecordView.objects.filter(
        subject_id=str(expert.pk), what="all their data, downloaded"
    ).exists()


def test_coordinators_cannot_download_and_do_not_see_the_link(coordinator_client, lead_client):
    expert = ExpertFactory()
    url = reverse("people:expert_data", args=[expert.pk])
    assert coordinator_client.post(url).status_code == 403
    profile = reverse("people:expert_detail", args=[expert.pk])
    assert url not in coordinator_client.get(profile).content.decode()
    assert url in lead_client.get(profile).content.decode()
