"""A subject access download also covers the account (sign-ins, second factor, open sessions)
without a single secret, and holds a readable, tagged PDF made from the same data as
data.json."""

import io
import json
import zipfile
from datetime import UTC, datetime
from decimal import Decimal

import pikepdf
import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from axes.models import AccessAttempt, AccessLog
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coproduce.core import subject_access_pdf
from tests.core.pdf_helpers import page_texts
from tests.factories import ExpertFactory, expert_with_account
from tests.payments.helpers import make_policy
from tests.payments.mine_helpers import involvement_claim

pytestmark = pytest.mark.django_db

TOTP_SECRET = "JBSWY3DPEHPK3PXPCANARYSECRET234"
SIGNED_IN_AT = datetime(2026, 3, 3, 14, 30, tzinfo=UTC)


def download(client, expert) -> zipfile.ZipFile:
    response = client.post(reverse("people:expert_data", args=[expert.pk]))
    assert response.status_code == 200
    return zipfile.ZipFile(io.BytesIO(response.content))


def signed_in(expert, *, at=SIGNED_IN_AT, address="203.0.113.7") -> None:
    log = AccessLog.objects.create(
        username=expert.user.email,
        ip_address=address,
        user_agent="CanaryPhone/1.0",
        session_hash="f" * 64,
        path_info="/accounts/login/",
    )
    AccessLog.objects.filter(pk=log.pk).update(attempt_time=at)


@pytest.fixture
def account_holder():
    expert = expert_with_account(full_name="Priya Patel")
    TOTP.activate(expert.user, TOTP_SECRET)
    codes = RecoveryCodes.activate(expert.user).get_unused_codes()
    signed_in(expert)
    AccessAttempt.objects.create(
        username=expert.user.email,
        ip_address="198.51.100.9",
        user_agent="Guesser/2.0",
        failures_since_start=2,
        get_data="",
        post_data="password=********",
        path_info="/accounts/login/",
    )
    phone = Client()
    phone.force_login(expert.user)
    expert.refresh_from_db()
    return expert, codes, phone.session.session_key


def test_the_account_part_says_how_they_sign_in_and_gives_no_secret(lead_client, account_holder):
    expert, codes, session_key = account_holder

    archive = download(lead_client, expert)
    account = json.loads(archive.read("data.json"))["account"]

    assert account["sign_in_email"] == expert.user.email
    assert account["can_sign_in"] is True
    assert account["account_made_at"] and account["last_signed_in_at"]
    # The lead's own session is open too, but it is not theirs.
    assert account["open_sessions"] == 1 and account["sessions"][0]["ends_at"]
    assert {f["kind"] for f in account["second_factor"]} == {
        "Authenticator app",
        "Recovery codes",
    }
    planted = [s for s in account["sign_ins"] if s["address"] == "203.0.113.7"]
    assert planted and planted[0]["browser"] == "CanaryPhone/1.0"
    assert account["failed_sign_ins"][0]["failed_tries"] == 2
    everything = b"".join(archive.read(name) for name in archive.namelist())
    stored = [
        value
        for authenticator in Authenticator.objects.filter(user=expert.user)
        for value in authenticator.data.values()
        if isinstance(value, str) and len(value) > 8
    ]
    assert stored, "the authenticators should keep their secrets"
    for secret in [
        TOTP_SECRET,
        *stored,
        *codes,
        session_key,
        expert.user.password,
        "f" * 64,
        "password=",
    ]:
        assert secret.encode() not in everything, f"{secret!r} is in the download"


def test_an_expert_without_an_account_is_said_to_have_none(lead_client):
    expert = ExpertFactory(full_name="Sam Nobody")
    archive = download(lead_client, expert)
    assert json.loads(archive.read("data.json"))["account"] == {"has_an_account": False}
    assert "your-data.pdf" in archive.namelist()


def test_the_pdf_is_readable_tagged_and_says_what_data_json_says(
    lead_client, account_holder, monkeypatch
):
    expert, _, _ = account_holder
    make_policy(hourly=Decimal("15.00"))
    involvement_claim(expert, hours="2")
    pages_made = []
    real = subject_access_pdf.render_pdf

    def keep_html(template_name, context, **kwargs):
        from django.template.loader import render_to_string

        pages_made.append(render_to_string(template_name, context))
        return real(template_name, context, **kwargs)

    monkeypatch.setattr(subject_access_pdf, "render_pdf", keep_html)

    archive = download(lead_client, expert)

    pdf_bytes = archive.read("your-data.pdf")
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        assert len(pdf.pages) >= 1
        # Tagged, for screen readers, with its language and a title naming the person.
        assert bool(pdf.Root.MarkInfo.Marked) and "/StructTreeRoot" in pdf.Root
        assert str(pdf.Root.Lang) == "en-GB"
        assert "Priya Patel" in str(pdf.docinfo.Title)
    (html,) = pages_made
    from coproduce.core.pdf import render_document

    text = " ".join(page_texts(render_document(html)))
    data = json.loads(archive.read("data.json"))
    assert data["payments"]["claims"][0]["total"] == "30.00"
    for words in (
        "The data we hold about Priya Patel",
        "About you",
        "How you sign in",
        "Meetings and invitations",
        "Payments",
        "£30.00",
        "3 March 2026 at 2:30pm",
        "Authenticator app",
        expert.user.email,
    ):
        assert words in text, f"{words!r} is not in the PDF: {text}"
    assert TOTP_SECRET not in text


def test_the_download_takes_the_same_number_of_queries_however_much_is_held(
    lead_client, account_holder
):
    expert, _, _ = account_holder
    with CaptureQueriesContext(connection) as few:
        download(lead_client, expert)
    for day in range(1, 6):
        signed_in(expert, at=datetime(2026, 4, day, 9, tzinfo=UTC))
        Client().force_login(expert.user)
    with CaptureQueriesContext(connection) as many:
        download(lead_client, expert)
    assert len(many) == len(few), "\n".join(q["sql"] for q in many.captured_queries)
