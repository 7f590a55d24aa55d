"""The payments app's answers to what opportunities asks (coproduce.opportunities.pay),
handed over in PaymentsConfig.ready. Each name is the function that does the work."""

from coproduce.payments.queries.benefits import earned_in, earnings_near, warnings_for_invitations
from coproduce.payments.queries.claims import payments_for_session
from coproduce.payments.queries.fees import FeeTable as fee_table
from coproduce.payments.queries.fees import fee_for, pay_words
from coproduce.payments.queries.work_pay import RequestTerms as request_terms
from coproduce.payments.queries.work_pay import pay_of, pay_warnings
from coproduce.payments.services.involvement import settle_involvement_payment

__all__ = [
    "earned_in",
    "earnings_near",
    "fee_for",
    "fee_table",
    "pay_of",
    "pay_warnings",
    "pay_words",
    "payments_for_session",
    "request_terms",
    "settle_involvement_payment",
    "warnings_for_invitations",
]
