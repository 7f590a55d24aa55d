from django.urls import path  # noqa: F401 (each part below adds its paths)

app_name = "opportunities"

# Each part of this app keeps its paths together, under its heading.
urlpatterns = [
    # Requests for involvement, publishing, sessions and groups
    # The shortlist
    # Invitations and places
    # Attendance, the expert's pages and the calendar
]
