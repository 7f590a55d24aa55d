"""What payments adds to the staff overview (see people/contributions.py): claims waiting for
the person who signed in, at the step they may take, and this month's involvement payments."""

from datetime import date

from django.urls import reverse

from coproduce.core.formats import count_of, money
from coproduce.payments.choices import ClaimStatus
from coproduce.payments.queries.overview import claim_figures
from coproduce.people.contributions import Figure, Link, Overview, Task


def _claims_link(text: str, status: str) -> Link:
    return Link(text, f"{reverse('payments:claims')}?status={status}")


def overview_part(user, today: date) -> Overview:
    figures = claim_figures(today)
    part = Overview()
    if user.has_perm("payments.check_claims"):
        n = figures.to_check
        part.tasks.append(
            Task(
                order=20,
                title="Claims to check",
                count=n,
                describe=count_of(n, "claim is", "claims are")
                + " waiting for the involvement team to check"
                if n
                else "No claims are waiting to be checked.",
                link=_claims_link("Check claims", ClaimStatus.SUBMITTED),
            )
        )
    if user.has_perm("payments.approve_claims"):
        n = figures.to_approve
        part.tasks.append(
            Task(
                order=50,
                title="Claims to approve",
                count=n,
                describe=count_of(
                    n, "claim has been checked and is", "claims have been checked and are"
                )
                + " waiting for approval"
                if n
                else "No checked claims are waiting for approval.",
                link=_claims_link("Approve claims", ClaimStatus.CHECKED),
            )
        )
    if user.has_perm("payments.run_payments"):
        n = figures.to_pay
        part.tasks.append(
            Task(
                order=60,
                title="Claims to pay",
                count=n,
                describe=count_of(n, "approved claim is", "approved claims are")
                + " waiting for a payment run"
                if n
                else "No approved claims are waiting to be paid.",
                link=Link("Make a payment run", reverse("payments:runs")),
            )
        )
    part.figures.append(
        Figure("Paid or approved for involvement", money(figures.involvement_this_month))
    )
    return part
