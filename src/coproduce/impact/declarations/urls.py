from django.urls import path

from coproduce.impact.declarations.views import board, declarations

app_name = "declarations"

urlpatterns = [
    path("", declarations.mine, name="mine"),
    path("all/", declarations.everything, name="all"),
    path("new/", declarations.new, name="new"),
    path("<int:pk>/", declarations.detail, name="detail"),
    path("<int:pk>/change/", declarations.change, name="change"),
    path("<int:pk>/entries/add/", declarations.add_entry, name="add_entry"),
    path("<int:pk>/entries/<int:entry_pk>/", declarations.change_entry, name="change_entry"),
    path(
        "<int:pk>/entries/<int:entry_pk>/remove/",
        declarations.remove_entry,
        name="remove_entry",
    ),
    path("<int:pk>/submit/", declarations.submit, name="submit"),
    path("follow-ups/<int:pk>/done/", declarations.follow_up_done, name="follow_up_done"),
    path("board/", board.meetings, name="meetings"),
    path("board/new/", board.meeting_new, name="meeting_new"),
    path("board/<int:pk>/", board.meeting, name="meeting"),
    path("board/<int:pk>/review/<int:declaration_pk>/", board.review, name="review"),
]
