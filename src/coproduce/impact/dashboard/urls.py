from django.urls import path

from coproduce.impact.dashboard import views

app_name = "dashboard"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("everything.csv", views.download_all, name="download_all"),
    path("<slug:slug>.csv", views.download, name="download"),
]
