from django.urls import path

from coproduce.impact.feedback import views

app_name = "feedback"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("sessions/<int:pk>/", views.session_feedback, name="session"),
    path("me/<int:pk>/", views.give, name="give"),
    # Public: the link in the email works without signing in (core.middleware names them).
    path("answer/thanks/", views.thanks, name="feedback_link_thanks"),
    path("answer/<str:token>/", views.answer, name="feedback_link"),
]
