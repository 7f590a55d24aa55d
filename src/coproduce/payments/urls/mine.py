"""The expert's own money: claims, expenses, the statement, and their choice of payment."""

from django.urls import path

from coproduce.payments.views import mine, mine_fee, mine_statement

urlpatterns = [
    path("my-money/", mine.my_claims, name="my_claims"),
    path("my-money/claim/<int:invitation_pk>/", mine.my_claim_new, name="my_claim_new"),
    path("my-money/claims/<int:pk>/", mine.my_claim, name="my_claim"),
    path("my-money/claims/<int:pk>/correct/", mine.my_claim_correct, name="my_claim_correct"),
    path(
        "my-money/claims/<int:pk>/receipts/<int:line_pk>/",
        mine.my_claim_receipt,
        name="my_claim_receipt",
    ),
    path("my-money/statement/", mine_statement.my_statement, name="my_statement"),
    path(
        "my-money/statement/<int:year>.pdf",
        mine_statement.my_statement_pdf,
        name="my_statement_pdf",
    ),
    path(
        "my-money/sessions/<int:invitation_pk>/payment/",
        mine_fee.my_fee_choice,
        name="my_fee_choice",
    ),
]
