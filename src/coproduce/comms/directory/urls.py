from django.urls import path

from coproduce.comms.directory.views import directory, events, replies

app_name = "directory"

urlpatterns = [
    path("directory/", directory.directory, name="directory"),
    path("directory/my-entry/", directory.my_entry, name="my_entry"),
    path("directory/my-entry/leave/", directory.leave, name="leave"),
    path("directory/photos/<int:pk>/", directory.photo, name="photo"),
    path("directory/look-after/", directory.look_after, name="look_after"),
    path("directory/look-after/<int:pk>/hide/", directory.hide, name="hide"),
    path("directory/look-after/<int:pk>/show/", directory.show, name="show"),
    path("events/", events.event_list, name="events"),
    path("events/new/", events.event_new, name="event_new"),
    path("events/<int:pk>/", events.event_detail, name="event_detail"),
    path("events/<int:pk>/edit/", events.event_edit, name="event_edit"),
    path("events/<int:pk>/replies.csv", events.event_download, name="event_download"),
    path("events/mine/", replies.my_events, name="my_events"),
    path("events/<int:pk>/reply/", replies.reply, name="reply"),
]
