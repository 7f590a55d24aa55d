"""The demo's serious incident review is confidential work: named staff, invited experts,
papers that are real PDFs, and check-ins due."""

from io import StringIO

import pikepdf
import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from coproduce.demo.accounts import COORDINATOR_EMAIL
from coproduce.opportunities.confidential.queries import check_ins_to_do
from coproduce.opportunities.models import CheckIn, Opportunity
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_demo_review_is_confidential_with_papers_and_check_ins(settings):
    settings.DEBUG = True
    call_command("demo_data", stdout=StringIO(), experts=60)
    review = Opportunity.objects.get(title="Serious incident review: discharge planning")
    assert review.confidential
    named = {u.email for u in review.named_staff.all()}
    assert named == {COORDINATOR_EMAIL, review.requested_by.email}
    assert {"confidentiality", "investigation"} <= set(review.prerequisites)
    papers = list(review.confidential_papers.all())
    assert len(papers) == 2
    with pikepdf.open(papers[0].file.open("rb")) as pdf:
        assert len(pdf.pages) == 1
    due = CheckIn.objects.filter(invitation__session__opportunity=review, outcome="")
    assert due.filter(kind="debrief").exists()
    assert due.filter(kind="wellbeing").exists()

    coordinator = review.named_staff.get(email=COORDINATOR_EMAIL)
    assert {c.invitation.session.opportunity for c in check_ins_to_do(coordinator)} == {review}

    stranger = Client()
    stranger.force_login(UserFactory(role="coordinator"))
    listed = stranger.get(reverse("opportunities:opportunity_list"))
    assert review.title not in listed.content.decode()
