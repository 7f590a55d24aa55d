"""Concerns, mounted at /concerns/: the expert's own under mine/, the team's at the top."""

from django.urls import path

from coproduce.impact.concerns.views import mine, settings, staff

app_name = "concerns"

urlpatterns = [
    # The expert's own
    path("mine/", mine.my_concerns, name="my_concerns"),
    path("mine/new/", mine.raise_concern, name="raise"),
    path("mine/<int:pk>/", mine.my_concern, name="my_concern"),
    # The involvement team's (and the safeguarding contacts')
    path("", staff.concern_list, name="list"),
    path("<int:pk>/", staff.concern, name="concern"),
    path("<int:pk>/triage/", staff.triage, name="triage"),
    path("<int:pk>/reply/", staff.respond, name="respond"),
    path("<int:pk>/close/", staff.close, name="close"),
    path("<int:pk>/reopen/", staff.reopen, name="reopen"),
    path("experts/<int:pk>/record/", staff.record, name="record"),
    path("safeguarding-contacts/", settings.safeguarding_contacts, name="safeguarding_contacts"),
]
