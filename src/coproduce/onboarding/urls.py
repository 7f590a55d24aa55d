from django.urls import path

from coproduce.onboarding.agreements import urls as agreements
from coproduce.onboarding.checklist import urls as checklist
from coproduce.onboarding.sheets import urls as sheets
from coproduce.onboarding.views import badges, check

app_name = "onboarding"

urlpatterns = [
    path("experts/<int:pk>/badge/issue/", badges.issue, name="badge_issue"),
    path("badges/<int:pk>/revoke/", badges.revoke, name="badge_revoke"),
    path("badges/<int:pk>/badge.pdf", badges.print_one, name="badge_print_one"),
    path("badges/print/", badges.print_many, name="badge_print"),
    path("badges/print/<int:pk>/", badges.print_progress, name="badge_print_progress"),
    path("badges/print/<int:pk>/badges.pdf", badges.print_download, name="badge_print_download"),
    # Public: the QR code on a badge opens this; the token is the only way in.
    path("badge/<str:token>/", check.check, name="badge_check"),
    path("badge/<str:token>/photo/", check.photo, name="badge_check_photo"),
    *sheets.urlpatterns,
    *agreements.urlpatterns,
    *checklist.urlpatterns,
]
