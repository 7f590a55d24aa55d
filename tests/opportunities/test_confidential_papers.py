"""Papers for confidential work: named staff add them; named staff and invited experts open
them through a view that records each opening; they are withdrawn by hand or when the work
closes, the file deleted and the record kept."""

import io
import zipfile

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from coproduce.accounts.roles import Role
from coproduce.audit.models import AuditEvent
from coproduce.opportunities.confidential import services
from coproduce.opportunities.models import Opportunity, Paper, PaperOpening
from coproduce.opportunities.services.requests import decline_request
from tests.factories import UserFactory, expert_with_account
from tests.opportunities.confidential_helpers import (
    TITLE,
    add_paper,
    make_confidential_work,
)
from tests.papers import paper_docx, paper_odt, paper_pdf, paper_upload

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_named_staff_add_a_pdf_and_it_is_audited(coordinator):
    opportunity, _, _ = make_confidential_work(named=[coordinator])
    response = _client(coordinator).post(
        reverse("opportunities:confidential_paper_add", args=[opportunity.pk]),
        {"title": "Timeline of events", "file": paper_upload()},
    )
    assert response.status_code == 302
    paper = Paper.objects.get(opportunity=opportunity)
    assert paper.kind == "pdf"
    assert paper.file.name.startswith("papers/")
    assert paper.file.read().startswith(b"%PDF-")
    event = AuditEvent.objects.get(action=AuditEvent.Action.PAPER_ADDED)
    assert TITLE not in event.summary


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [("report.docx", paper_docx(), "docx"), ("notes.odt", paper_odt(), "odt")],
)
def test_word_and_opendocument_papers_are_accepted(coordinator, name, data, kind):
    opportunity, _, _ = make_confidential_work(named=[coordinator])
    _client(coordinator).post(
        reverse("opportunities:confidential_paper_add", args=[opportunity.pk]),
        {"title": "Report", "file": SimpleUploadedFile(name, data)},
    )
    assert Paper.objects.get(opportunity=opportunity).kind == kind


def _added(coordinator, upload) -> bytes:
    opportunity, _, _ = make_confidential_work(named=[coordinator])
    response = _client(coordinator).post(
        reverse("opportunities:confidential_paper_add", args=[opportunity.pk]),
        {"title": "Timeline of events", "file": upload},
    )
    assert response.status_code == 302
    paper = Paper.objects.get(opportunity=opportunity)
    with paper.file.open("rb") as kept:
        data = kept.read()
    assert paper.size == len(data)
    return data


def test_a_pdf_paper_is_kept_without_its_author(coordinator):
    sent = paper_pdf("Timeline of events", author="Dr Jane Whistleblower")
    assert b"Jane Whistleblower" in sent

    kept = _added(coordinator, SimpleUploadedFile("timeline.pdf", sent))

    assert b"Jane Whistleblower" not in kept
    with pikepdf.open(io.BytesIO(kept)) as pdf:
        assert dict(pdf.docinfo) == {"/Title": "Timeline of events"}
        assert "/Metadata" not in pdf.Root
        assert len(pdf.pages) == 1
        assert b"Timeline of events" in pdf.pages[0].Contents.read_bytes()


@pytest.mark.parametrize("kind", ["docx", "odt"])
def test_a_word_or_opendocument_paper_is_kept_without_its_author(coordinator, kind):
    upload = paper_upload(kind, "Timeline of events", author="Dr Jane Whistleblower")

    kept = _added(coordinator, upload)

    with zipfile.ZipFile(io.BytesIO(kept)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
        dates = {info.date_time for info in archive.infolist()}
    assert not [name for name, data in parts.items() if b"Whistleblower" in data]
    assert dates == {(1980, 1, 1, 0, 0, 0)}
    text = parts["word/document.xml" if kind == "docx" else "content.xml"]
    assert b"Timeline of events" in text
    if kind == "odt":
        assert next(iter(parts)) == "mimetype"


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"just some text", "must be a PDF, a Word document"),
        (paper_docx(macros=True), "has macros in it"),
        (paper_pdf() + b"<script>alert(1)</script>", "both a PDF and a web page"),
    ],
)
def test_other_files_are_refused_with_a_message_and_the_title_kept(coordinator, data, words):
    opportunity, _, _ = make_confidential_work(named=[coordinator])
    response = _client(coordinator).post(
        reverse("opportunities:confidential_paper_add", args=[opportunity.pk]),
        {"title": "Typed title", "file": SimpleUploadedFile("x.pdf", data)},
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert words in body
    assert 'value="Typed title"' in body
    assert not Paper.objects.exists()


def test_a_paper_too_big_is_refused(coordinator, monkeypatch):
    from coproduce.opportunities.confidential import files

    monkeypatch.setattr(files, "MAX_BYTES", 100)
    opportunity, _, _ = make_confidential_work(named=[coordinator])
    response = _client(coordinator).post(
        reverse("opportunities:confidential_paper_add", args=[opportunity.pk]),
        {"title": "Big", "file": paper_upload()},
    )
    assert "smaller than" in response.content.decode()
    assert not Paper.objects.exists()


def test_each_opening_is_recorded_and_named_staff_see_who_opened_it(coordinator):
    opportunity, _, invitation = make_confidential_work(named=[coordinator])
    paper = add_paper(opportunity, coordinator)
    expert_client = _client(invitation.expert.user)
    url = reverse("opportunities:confidential_paper", args=[paper.pk])

    response = expert_client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    _client(coordinator).get(url)

    openings = PaperOpening.objects.filter(paper=paper)
    assert {o.opened_by for o in openings} == {invitation.expert.user, coordinator}
    assert AuditEvent.objects.filter(action=AuditEvent.Action.PAPER_OPENED).count() == 2

    page = _client(coordinator).get(reverse("opportunities:confidential_work", args=[pk_of(paper)]))
    assert invitation.expert.user.display_name in page.content.decode()


def pk_of(paper: Paper) -> int:
    return paper.opportunity_id


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.INVOLVEMENT_LEAD, Role.STAFF])
def test_nobody_else_can_open_a_paper_and_nothing_is_recorded(role):
    opportunity, _, _ = make_confidential_work()
    paper = add_paper(opportunity, opportunity.requested_by)
    for user in (UserFactory(role=role), expert_with_account().user):
        response = _client(user).get(reverse("opportunities:confidential_paper", args=[paper.pk]))
        assert response.status_code == 404
        assert TITLE not in response.content.decode()
    assert not PaperOpening.objects.exists()


def test_an_expert_who_declined_cannot_open_the_papers():
    opportunity, _, invitation = make_confidential_work()
    invitation.status = "declined"
    invitation.save()
    paper = add_paper(opportunity, opportunity.requested_by)
    response = _client(invitation.expert.user).get(
        reverse("opportunities:confidential_paper", args=[paper.pk])
    )
    assert response.status_code == 404


def test_withdrawing_by_hand_deletes_the_file_and_keeps_the_record(
    coordinator, django_capture_on_commit_callbacks
):
    opportunity, _, invitation = make_confidential_work(named=[coordinator])
    paper = add_paper(opportunity, coordinator)
    storage, name = paper.file.storage, paper.file.name
    with django_capture_on_commit_callbacks(execute=True):
        response = _client(coordinator).post(
            reverse("opportunities:confidential_paper_withdraw", args=[paper.pk])
        )
    assert response.status_code == 302
    paper.refresh_from_db()
    assert paper.withdrawn_at is not None
    assert paper.withdrawn_by == coordinator
    assert not paper.file
    assert not storage.exists(name)
    assert AuditEvent.objects.filter(action=AuditEvent.Action.PAPER_WITHDRAWN).count() == 1

    opened = _client(invitation.expert.user).get(
        reverse("opportunities:confidential_paper", args=[paper.pk])
    )
    assert opened.status_code == 200
    assert "Content-Disposition" not in opened
    assert "This paper has been withdrawn" in opened.content.decode()
    mine = _client(invitation.expert.user).get(
        reverse("opportunities:my_confidential_work", args=[opportunity.pk])
    )
    assert "This paper has been withdrawn" in mine.content.decode()


def test_closing_the_work_withdraws_every_paper(coordinator, django_capture_on_commit_callbacks):
    opportunity, _, _ = make_confidential_work(named=[coordinator])
    papers = [add_paper(opportunity, coordinator, f"Paper {n}") for n in range(2)]
    names = [p.file.name for p in papers]
    with django_capture_on_commit_callbacks(execute=True):
        _client(coordinator).post(
            reverse("opportunities:confidential_close", args=[opportunity.pk])
        )
    opportunity.refresh_from_db()
    assert opportunity.closed_at is not None
    assert all(p.withdrawn_at and p.withdrawn_why == "The work closed" for p in Paper.objects.all())
    assert not any(papers[0].file.storage.exists(n) for n in names)
    # No more papers can be added.
    with pytest.raises(services.ConfidentialError):
        add_paper(opportunity, coordinator)


def test_declining_the_request_withdraws_its_papers(involvement_lead):
    opportunity, _, _ = make_confidential_work(named=[involvement_lead])
    Opportunity.objects.filter(pk=opportunity.pk).update(status="requested")
    opportunity.refresh_from_db()
    add_paper(opportunity, involvement_lead)
    decline_request(actor=involvement_lead, opportunity=opportunity, reason="Not for us")
    assert Paper.objects.get().withdrawn_at is not None


def test_the_nightly_task_withdraws_papers_of_work_cancelled_elsewhere():
    opportunity, _, _ = make_confidential_work()
    open_work, _, _ = make_confidential_work(title="Still open")
    add_paper(opportunity, opportunity.requested_by)
    kept = add_paper(open_work, open_work.requested_by)
    Opportunity.objects.filter(pk=opportunity.pk).update(status="cancelled")
    assert services.withdraw_papers_of_closed_work() == 1
    kept.refresh_from_db()
    assert kept.withdrawn_at is None


def test_only_named_staff_withdraw_papers(coordinator):
    opportunity, _, invitation = make_confidential_work(named=[coordinator])
    paper = add_paper(opportunity, coordinator)
    other = UserFactory(role=Role.COORDINATOR)
    response = _client(other).post(
        reverse("opportunities:confidential_paper_withdraw", args=[paper.pk])
    )
    assert response.status_code == 404
    paper.refresh_from_db()
    assert paper.withdrawn_at is None
