from django.urls import path

from coproduce.people.views import (
    erasure,
    imports,
    lists,
    personal_data,
    portal,
    profile,
    register,
    restriction,
)

app_name = "people"

urlpatterns = [
    path("overview/", register.dashboard, name="dashboard"),
    path("register/", register.register, name="register"),
    path("register/export.<str:file_format>", register.export, name="export"),
    path("register/restricted/", restriction.restricted_list, name="restricted"),
    path("experts/add/", profile.add, name="expert_add"),
    path("experts/<int:pk>/", profile.detail, name="expert_detail"),
    path("experts/<int:pk>/edit/", profile.edit, name="expert_edit"),
    path("experts/<int:pk>/status/", profile.change_status, name="expert_status"),
    path("experts/<int:pk>/make-active/", profile.make_active, name="expert_make_active"),
    path("experts/<int:pk>/history/", profile.history, name="expert_history"),
    path("experts/<int:pk>/data/", personal_data.expert_data, name="expert_data"),
    path("experts/<int:pk>/erase/", erasure.erase, name="expert_erase"),
    path("experts/<int:pk>/restrict/", restriction.restrict, name="expert_restrict"),
    path("experts/<int:pk>/restrict/lift/", restriction.lift, name="expert_restriction_lift"),
    path("experts/<int:pk>/photo/", profile.photo, name="expert_photo"),
    path("experts/<int:pk>/photo/remove/", profile.remove_photo, name="expert_photo_remove"),
    path("lists/", lists.index, name="lists"),
    path("lists/<slug:kind>/", lists.entries, name="list_entries"),
    path("lists/<slug:kind>/<int:pk>/", lists.edit_entry, name="list_entry_edit"),
    path("me/", portal.my_profile, name="my_profile"),
    path("me/edit/", portal.edit_my_profile, name="my_profile_edit"),
    path("import/", imports.start, name="import_start"),
    path("import/template.csv", imports.template, name="import_template"),
    path("import/<int:pk>/columns/", imports.columns, name="import_columns"),
    path("import/<int:pk>/check/", imports.preview, name="import_preview"),
    path("import/<int:pk>/cancel/", imports.cancel, name="import_cancel"),
    path("import/<int:pk>/done/", imports.done, name="import_done"),
]
