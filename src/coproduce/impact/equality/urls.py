from django.urls import path

from coproduce.impact.equality import views

app_name = "equality"

urlpatterns = [
    path("about-you/", views.mine, name="mine"),
    path("about-you/remove/", views.remove, name="remove"),
    path("experts/<int:pk>/paper-form/", views.paper, name="paper"),
    path("who-is-heard/", views.who_is_heard, name="who_is_heard"),
    path("who-is-heard/download/", views.download, name="download"),
    path("population/", views.population, name="population"),
    path("population/fewest/", views.fewest, name="fewest"),
    path("population/<slug:slug>/", views.population_set, name="population_set"),
]
