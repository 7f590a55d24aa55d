"""The public page about involvement. Its name is in core.middleware.PUBLIC_URL_NAMES (names
there are not namespaced, so it is spelt to be unique in the project)."""

from django.urls import path

from coproduce.comms.public import views

app_name = "public_pages"

urlpatterns = [
    path("involvement/", views.involvement, name="involvement_here"),
    path("involvement/our-words/", views.set_words, name="involvement_words"),
]
