"""Confidential work for tests: a serious incident review with named staff, an invited
expert, a paper and sessions, made through the services as the pages make them."""

import io
from datetime import datetime, time, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from coproduce.accounts.roles import Role
from coproduce.opportunities.confidential import services
from coproduce.opportunities.confidential.files import check_paper
from tests.factories import (
    InvitationFactory,
    OpportunityFactory,
    SessionFactory,
    UserFactory,
    expert_with_account,
)

TITLE = "Review of the death of Patient X on Ward 7"


def pdf_bytes(text: str = "Timeline") -> bytes:
    """A small real PDF (one page with `text`)."""
    body = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(body)).encode() + b" >>\nstream\n" + body + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def pdf_upload(name: str = "timeline.pdf", text: str = "Timeline") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(text), content_type="application/pdf")


def add_paper(opportunity, actor, title: str = "Timeline of events"):
    upload = pdf_upload()
    return services.add_paper(
        actor=actor,
        opportunity=opportunity,
        title=title,
        upload=upload,
        checked=check_paper(upload),
    )


def make_confidential_work(
    *, named=(), title: str = TITLE, past: bool = False, expert=None, kind: str = "investigation"
):
    """A published confidential review, named on `named` (the requester always), with one
    session (in the past when `past`), `expert` (or a new one) invited and accepted."""
    requester = UserFactory(role=Role.STAFF)
    opportunity = OpportunityFactory(title=title, kind=kind, requested_by=requester, paid=True)
    services.set_confidential(
        actor=requester, opportunity=opportunity, confidential=True, named_staff=list(named)
    )
    day = timezone.localdate() + (timedelta(days=-3) if past else timedelta(days=10))
    starts = timezone.make_aware(datetime.combine(day, time(10, 0)))
    session = SessionFactory(
        opportunity=opportunity, starts_at=starts, ends_at=starts + timedelta(hours=2)
    )
    expert = expert or expert_with_account(full_name="Ivy Invited")
    invitation = InvitationFactory(session=session, expert=expert, status="accepted")
    return opportunity, session, invitation
