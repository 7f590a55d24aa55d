"""Payments' pages, one module per part: the policy and budgets, claims and payment runs for
staff, and the expert's own claims and statement."""

from coproduce.payments.urls import mine, money, places, staff

app_name = "payments"
urlpatterns = [*money.urlpatterns, *staff.urlpatterns, *mine.urlpatterns, *places.urlpatterns]
