"""What an opportunity pays, and what attendance does to payments: asked of the payments app
through this one door.

Apps depend one way (DESIGN.md, and the import contracts in pyproject.toml): payments sits
above opportunities, because a claim points at an invitation, so opportunities never imports
payments. Instead payments hands over the functions that answer these questions when Django
starts (PaymentsConfig.ready, from coproduce.payments.for_opportunities), as opportunities and
payments hand their parts to people (coproduce.people.contributions). The payments types named
below are imported for the type checker only; the import contracts leave those imports out."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from coproduce.accounts.models import User
    from coproduce.core.periods import Period
    from coproduce.opportunities.models import Invitation, Opportunity, Session
    from coproduce.payments.calculations import Fee
    from coproduce.payments.models import Claim
    from coproduce.payments.queries.benefits import FeeWarning
    from coproduce.payments.queries.fees import FeeTable
    from coproduce.payments.queries.work_pay import PayWarning, RequestTerms, WorkPay


class AlreadyPaid(Exception):
    """Attendance cannot change a payment that has been paid; the message says so in words."""


class Answers(Protocol):
    """The questions opportunities asks of payments (see coproduce.payments.for_opportunities)."""

    def fee_for(
        self, opportunity: Opportunity, session: Session | None, *, hours: Decimal | None = None
    ) -> Fee | None: ...

    def pay_words(self, fee: Fee | None, *, paid: bool = True) -> str: ...

    def fee_table(self) -> FeeTable: ...

    def request_terms(self) -> RequestTerms: ...

    def pay_of(
        self, opportunity: Opportunity, sessions: Sequence[Any], *, prices: FeeTable | None = None
    ) -> WorkPay: ...

    def pay_warnings(
        self, opportunity: Opportunity, sessions: Sequence[Any], *, prices: FeeTable | None = None
    ) -> list[PayWarning]: ...

    def warnings_for_invitations(
        self, invitations: Iterable[Invitation]
    ) -> dict[int, FeeWarning]: ...

    def payments_for_session(self, session: Session) -> list[Claim]: ...

    def earnings_near(
        self, day: date, experts: Any = None
    ) -> dict[int, list[tuple[date, Decimal]]]: ...

    def earned_in(self, near: Iterable[tuple[date, Decimal]], period: Period) -> Decimal: ...

    def settle_involvement_payment(
        self, *, actor: User | None, invitation: Invitation
    ) -> Claim | None: ...


_answers: Answers | None = None


def provide(answers: Answers) -> None:
    """Called once by the payments app as Django starts."""
    global _answers  # noqa: PLW0603 (set once, at start-up)
    _answers = answers


def _payments() -> Answers:
    if _answers is None:
        raise RuntimeError("The payments app has not started: it answers what opportunities pay")
    return _answers


def fee_for(
    opportunity: Opportunity, session: Session | None, *, hours: Decimal | None = None
) -> Fee | None:
    """What one session of the opportunity pays (one fee calculation for the whole service)."""
    return _payments().fee_for(opportunity, session, hours=hours)


def pay_words(fee: Fee | None, *, paid: bool = True) -> str:
    """The fee in words, as every email, calendar entry and page says it."""
    return _payments().pay_words(fee, paid=paid)


def fee_table() -> FeeTable:
    """The rates, read once, for working out many sessions' fees on one page."""
    return _payments().fee_table()


def request_terms() -> RequestTerms:
    """What the request form may offer about pay, from the payment policy."""
    return _payments().request_terms()


def pay_of(
    opportunity: Opportunity, sessions: Sequence[Any], *, prices: FeeTable | None = None
) -> WorkPay:
    return _payments().pay_of(opportunity, sessions, prices=prices)


def pay_warnings(
    opportunity: Opportunity, sessions: Sequence[Any], *, prices: FeeTable | None = None
) -> list[PayWarning]:
    return _payments().pay_warnings(opportunity, sessions, prices=prices)


def warnings_for_invitations(invitations: Iterable[Invitation]) -> dict[int, FeeWarning]:
    """The benefits warning for each invitation that has one, by invitation id."""
    return _payments().warnings_for_invitations(invitations)


def payments_for_session(session: Session) -> list[Claim]:
    """The involvement payments attendance made for a session."""
    return _payments().payments_for_session(session)


def earnings_near(day: date, experts: Any = None) -> dict[int, list[tuple[date, Decimal]]]:
    """Each declared-limit expert's payments counted within a month either side of `day`."""
    return _payments().earnings_near(day, experts)


def earned_in(near: Iterable[tuple[date, Decimal]], period: Period) -> Decimal:
    return _payments().earned_in(near, period)


def settle_involvement_payment(*, actor: User | None, invitation: Invitation) -> Claim | None:
    """Makes, adjusts or withdraws the place's involvement payment after attendance is saved,
    inside the attendance transaction. Raises AlreadyPaid rather than change a paid one."""
    return _payments().settle_involvement_payment(actor=actor, invitation=invitation)
