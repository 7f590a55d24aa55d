"""The demo's Experts Report: last financial year's, written and published with three case
studies from the demo's outcomes, none of them confidential work's; quick to make."""

import os
import random
import time

import pytest
from django.utils import timezone
from faker import Faker

from coproduce.core.periods import financial_year_of
from coproduce.demo import accounts, opportunities, outcomes, people, report
from coproduce.demo.context import DemoContext
from coproduce.impact.report import pdf
from coproduce.impact.report.models import CaseStudy, Report
from tests.speed import limit

pytestmark = pytest.mark.django_db


def test_the_demo_publishes_last_years_report_with_three_case_studies():
    faker = Faker("en_GB")
    faker.seed_instance(7)
    now = timezone.now()
    ctx = DemoContext(rng=random.Random(7), faker=faker, experts=300, now=now, say=lambda _: None)
    accounts.create(ctx)
    people.create(ctx)
    opportunities.create(ctx)
    outcomes.create(ctx)
    started = time.perf_counter()
    report.create(ctx)
    seconds = time.perf_counter() - started

    made = Report.objects.get()
    assert made.year == financial_year_of(now.date()) - 1
    assert made.published and made.published_at <= now
    assert made.foreword and len(made.highlights) == 4
    cases = list(CaseStudy.objects.filter(report=made).select_related("outcome__opportunity"))
    assert len(cases) == 3
    assert not any(case.outcome.opportunity.confidential for case in cases)
    assert [case.position for case in cases] == [1, 2, 3]
    assert seconds < limit(2)
    report.create(ctx)  # a second run adds nothing
    assert Report.objects.count() == 1
    if os.environ.get("REPORT_PDF_TO"):
        # For looking at: REPORT_PDF_TO=/tmp/report.pdf pytest tests/impact/report/test_demo.py
        with open(os.environ["REPORT_PDF_TO"], "wb") as out:
            out.write(pdf.render(made.year))
