from django.urls import path

from coproduce.impact.outcomes import views

app_name = "outcomes"

urlpatterns = [
    path("", views.waiting, name="waiting"),
    path("weeks/", views.weeks, name="weeks"),
    path("work/<int:pk>/", views.work, name="work"),
    path("work/<int:pk>/record/", views.record, name="record"),
    path("what-happened-next/", views.mine, name="mine"),
]
