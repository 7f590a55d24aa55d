from django.urls import path

from coproduce.comms.reminders import views

app_name = "reminders"

urlpatterns = [
    path("", views.organisation, name="settings"),
    path("mine/", views.mine, name="mine"),
    path("staff/", views.mine_staff, name="mine_staff"),
]
