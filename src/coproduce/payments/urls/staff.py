"""Claims and payment runs for staff: the involvement team checks claims and claims for
experts; finance approves, rejects and pays."""

from django.urls import path

from coproduce.payments.views import claims, on_behalf, runs

urlpatterns = [
    path("payments/claims/", claims.claim_list, name="claims"),
    path("payments/claims/<int:pk>/", claims.claim_detail, name="claim_detail"),
    path("payments/claims/<int:pk>/check/", claims.claim_check, name="claim_check"),
    path("payments/claims/<int:pk>/send-back/", claims.claim_send_back, name="claim_send_back"),
    path(
        "payments/claims/<int:pk>/correct/",
        on_behalf.correct_for_expert,
        name="claim_correct_for_expert",
    ),
    path("payments/claims/<int:pk>/approve/", claims.claim_approve, name="claim_approve"),
    path("payments/claims/<int:pk>/reject/", claims.claim_reject, name="claim_reject"),
    path(
        "payments/claims/<int:pk>/receipts/<int:line_pk>/",
        claims.claim_receipt,
        name="claim_receipt",
    ),
    path(
        "payments/experts/<int:expert_pk>/claims/new/",
        on_behalf.choose_session,
        name="claim_for_expert",
    ),
    path(
        "payments/experts/<int:expert_pk>/claims/new/<int:invitation_pk>/",
        on_behalf.claim_for_session,
        name="claim_for_expert_session",
    ),
    path("payments/runs/", runs.run_list, name="runs"),
    path("payments/runs/check/", runs.run_confirm, name="run_confirm"),
    path("payments/runs/new/", runs.run_create, name="run_create"),
    path("payments/runs/<int:pk>/", runs.run_detail, name="run_detail"),
    path("payments/runs/<int:pk>/export.<str:file_format>", runs.run_export, name="run_export"),
]
