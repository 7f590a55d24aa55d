"""The register of members' addresses. Public pages' names start "member_" and are listed in
core.middleware.PUBLIC_URL_NAMES (which compares names without their namespace)."""

from django.urls import path

from coproduce.membership.members.views import office, portal, public, rights

app_name = "members"

urlpatterns = [
    # Public: joining, and managing a membership by an emailed link.
    path("join/", public.join, name="member_join"),
    path("join/thank-you/", public.join_done, name="member_join_done"),
    path("manage/", public.manage, name="member_manage"),
    path("manage/sent/", public.manage_sent, name="member_manage_sent"),
    path("manage/link/<str:token>/", public.manage_link, name="member_manage_link"),
    path("manage/details/", public.details, name="member_details"),
    path("manage/leave/", public.leave, name="member_leave"),
    path("manage/left/", public.left, name="member_left"),
    path("manage/get-involved/", public.get_involved, name="member_get_involved"),
    # An expert joining from their portal.
    path("join/expert/", portal.expert_join, name="expert_join"),
    # The membership office.
    path("register/", office.member_list, name="member_list"),
    path("register/add/", office.member_add, name="member_add"),
    path("register/staff-list/", office.staff_list, name="staff_list"),
    path("register/<int:pk>/", office.member_detail, name="member_detail"),
    path("register/<int:pk>/edit/", office.member_edit, name="member_edit"),
    path("register/<int:pk>/left/", office.member_mark_left, name="member_mark_left"),
    path("register/<int:pk>/data/", rights.member_data_download, name="member_data"),
    path("register/<int:pk>/erase/", rights.member_erase, name="member_erase"),
    path("constituencies/", office.constituency_list, name="constituency_list"),
    path("constituencies/add/", office.constituency_add, name="constituency_add"),
    path("constituencies/<int:pk>/", office.constituency_edit, name="constituency_edit"),
    path("minimum-age/", office.minimum_age, name="minimum_age"),
    path("representation/", office.representation, name="representation"),
    path(
        "representation/download/", office.representation_download, name="representation_download"
    ),
]
