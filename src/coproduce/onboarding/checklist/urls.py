"""The onboarding checklist's addresses, part of the onboarding app's (onboarding/urls.py)."""

from django.urls import path

from coproduce.onboarding.checklist import views

urlpatterns = [
    path("onboarding/", views.still_onboarding, name="onboarding_list"),
    path("onboarding/checklist/", views.settings, name="checklist_settings"),
]
