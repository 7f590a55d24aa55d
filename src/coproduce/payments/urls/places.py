from django.urls import path

from coproduce.payments.views import fee_staff

urlpatterns = [
    path(
        "payments/places/<int:invitation_pk>/payment/",
        fee_staff.fee_choice_for_expert,
        name="fee_choice_for_expert",
    ),
]
