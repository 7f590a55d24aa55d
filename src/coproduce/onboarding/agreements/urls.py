"""Agreements' addresses, part of the onboarding app's (onboarding/urls.py)."""

from django.urls import path

from coproduce.onboarding.agreements import views

urlpatterns = [
    path("agreements/", views.agreement_list, name="agreement_list"),
    path("agreements/new/", views.add, name="agreement_new"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement_detail"),
    path("agreements/<int:pk>/new-version/", views.publish, name="agreement_publish"),
    path("agreements/<int:pk>/retire/", views.retire, name="agreement_retire"),
    path("agreements/versions/<int:pk>/", views.read, name="agreement_read"),
    path("agreements/versions/<int:pk>/easy-read/", views.read_easy, name="agreement_easy_read"),
    path("my-agreements/", views.my_agreements, name="my_agreements"),
    path("experts/<int:pk>/agreements/on-paper/", views.record_paper, name="agreement_paper"),
]
