from django.urls import path

from coproduce.impact.ambitions import views

app_name = "ambitions"

urlpatterns = [
    path("", views.index, name="list"),
    path("progress.csv", views.download, name="download"),
    path("add/", views.add, name="add"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/change/", views.change, name="change"),
    path("<int:pk>/move/", views.move, name="move"),
    path("<int:pk>/retire/", views.retire, name="retire"),
    path("<int:pk>/link/", views.link, name="link"),
    path("<int:pk>/link/<int:link_pk>/remove/", views.unlink, name="unlink"),
]
