from django.urls import path  # noqa: F401

app_name = "your_year"

urlpatterns: list = []
