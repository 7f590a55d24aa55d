"""The paths of confidential work, added to the opportunities app's (opportunities/urls.py)."""

from django.urls import path

from coproduce.opportunities.confidential import views

urlpatterns = [
    path("confidential/", views.work_list, name="confidential_list"),
    path("confidential/check-ins/", views.check_ins, name="confidential_check_ins"),
    path(
        "confidential/check-ins/<int:pk>/",
        views.check_in_record,
        name="confidential_check_in",
    ),
    path("confidential/<int:pk>/", views.work_detail, name="confidential_work"),
    path("confidential/<int:pk>/staff/", views.named_staff, name="confidential_staff"),
    path("confidential/<int:pk>/papers/add/", views.paper_add, name="confidential_paper_add"),
    path("confidential/<int:pk>/close/", views.close, name="confidential_close"),
    path("confidential/papers/<int:pk>/", views.open_paper, name="confidential_paper"),
    path(
        "confidential/papers/<int:pk>/withdraw/",
        views.paper_withdraw,
        name="confidential_paper_withdraw",
    ),
    path("me/confidential/<int:pk>/", views.my_work, name="my_confidential_work"),
]
