"""The payment policy and team budgets."""

from django.urls import path

from coproduce.payments.views import budgets, policy

urlpatterns = [
    path("payments/policy/", policy.index, name="policy"),
    path("payments/policy/new/", policy.new, name="policy_new"),
    path("payments/budgets/", budgets.index, name="budgets"),
    path("payments/budgets/<int:team_pk>/<int:year>/", budgets.edit, name="budget_edit"),
]
