from django.urls import path

from coproduce.retention import views

app_name = "retention"

urlpatterns = [
    path("retention/", views.settings, name="settings"),
]
