from django.urls import path

from coproduce.accounts.views import our_words, staff

app_name = "accounts"

urlpatterns = [
    path("staff/", staff.staff_list, name="staff_list"),
    path("staff/add/", staff.staff_add, name="staff_add"),
    path("staff/<int:pk>/", staff.staff_edit, name="staff_edit"),
    path("teams/", staff.team_list, name="team_list"),
    path("our-words/", our_words.our_words, name="our_words"),
]
