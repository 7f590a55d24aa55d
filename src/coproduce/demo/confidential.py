"""Demo data for confidential work: the demo's serious incident review is confidential, named
on the demo coordinator and the person who asked for it. Two experts with investigations
training are invited; they came to a first meeting five days ago, so a debrief is overdue and
a wellbeing check-in is still to come; two small papers are shared, one opened. Fast: a few
rows and two PDFs of a few hundred bytes; nothing audited (demo data is nobody's change)."""

import io
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from coproduce.accounts.models import User
from coproduce.demo.context import DemoContext
from coproduce.opportunities.choices import Attendance, InvitationStatus
from coproduce.opportunities.confidential.services import PREREQUISITES, make_check_ins
from coproduce.opportunities.models import Invitation, Opportunity, Paper, PaperOpening, Session
from coproduce.people.choices import Status
from coproduce.people.models import Expert

PAPERS = [
    ("Timeline of events", "Timeline of events: discharge planning review"),
    ("Terms of reference", "Terms of reference for the review panel"),
]


def tiny_pdf(text: str) -> bytes:
    """A one-page PDF with one line of text, written by hand (no renderer needed, so it is
    quick). The demo's one way to make a paper; the tests have theirs (tests/papers.py). They
    are not shared: the demo ships with the product and runs where tests/ is not installed,
    and the demo imports nothing from tests."""
    safe = text.replace("\\", "").replace("(", "").replace(")", "")
    body = f"BT /F1 14 Tf 72 760 Td ({safe}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
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


def _trained_experts(count: int) -> list[Expert]:
    """Active experts with investigations training, if the training demo made any."""
    try:
        from coproduce.training.models import CourseKind, TrainingRecord

        ids = list(
            TrainingRecord.objects.filter(
                course__kind=CourseKind.INVESTIGATION, expert__status=Status.ACTIVE
            )
            .order_by("expert_id")
            .values_list("expert_id", flat=True)[:count]
        )
    except Exception:  # noqa: BLE001 - a demo without training still gets its review
        ids = []
    experts = list(Expert.objects.filter(pk__in=ids))
    if len(experts) < count:
        experts += list(
            Expert.objects.filter(status=Status.ACTIVE, user__isnull=False)
            .exclude(pk__in=ids)
            .order_by("id")[: count - len(experts)]
        )
    return experts


def make_review_confidential(ctx: DemoContext, review: Opportunity, coordinator: User) -> None:
    review.confidential = True
    review.prerequisites = sorted({*review.prerequisites, *PREREQUISITES})
    review.save(update_fields=["confidential", "prerequisites"])
    review.named_staff.set([coordinator, review.requested_by])
    day = timezone.localdate() - timedelta(days=5)
    first = Session.objects.create(
        opportunity=review,
        starts_at=timezone.make_aware(datetime.combine(day, time(10, 0))),
        ends_at=timezone.make_aware(datetime.combine(day, time(12, 0))),
        venue=review.venue,
    )
    experts = _trained_experts(2)
    invitations = []
    for session in [first, *review.sessions.exclude(pk=first.pk)]:
        for expert in experts:
            past = session.pk == first.pk
            invitations.append(
                Invitation(
                    session=session,
                    expert=expert,
                    status=InvitationStatus.ACCEPTED,
                    invited_by=coordinator,
                    responded_at=ctx.now,
                    attendance=Attendance.ATTENDED if past else Attendance.NOT_RECORDED,
                    hours=Decimal("2.00") if past else None,
                )
            )
    Invitation.objects.bulk_create(invitations)
    make_check_ins(Invitation.objects.filter(session=first).select_related("session__opportunity"))
    for n, (title, text) in enumerate(PAPERS):
        paper = Paper(
            opportunity=review,
            title=title,
            kind="pdf",
            added_by=coordinator,
            file_name=f"{title.lower().replace(' ', '-')}.pdf",
        )
        data = tiny_pdf(text)
        paper.size = len(data)
        paper.file.save("paper.pdf", ContentFile(data), save=False)
        paper.save()
        if n == 0 and experts and experts[0].user_id:
            PaperOpening.objects.create(paper=paper, opened_by_id=experts[0].user_id)
    ctx.say(
        f"Confidential work: {review.title}, {len(experts)} experts invited, {len(PAPERS)} papers"
    )
