"""Support sheets' addresses, part of the onboarding app's (onboarding/urls.py)."""

from django.urls import path

from coproduce.onboarding.sheets import views

urlpatterns = [
    path("support-sheets/", views.staff_list, name="sheet_list"),
    path("support-sheets/for-experts/", views.expert_list, name="sheet_list_experts"),
    path("support-sheets/manage/", views.manage, name="sheet_manage"),
    path("support-sheets/new/", views.add, name="sheet_new"),
    path("support-sheets/<int:pk>/", views.detail, name="sheet_detail"),
    path("support-sheets/<int:pk>/edit/", views.edit, name="sheet_edit"),
    path("support-sheets/<int:pk>/retire/", views.retire, name="sheet_retire"),
    path("support-sheets/<int:pk>/bring-back/", views.restore, name="sheet_restore"),
]
