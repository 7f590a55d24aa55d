from django.urls import path

from coproduce.training import views

app_name = "training"

urlpatterns = [
    path("", views.records, name="records"),
    path("expiring/", views.expiring, name="expiring"),
    path("expired/", views.expired, name="expired"),
    path("courses/", views.courses, name="courses"),
    path("courses/new/", views.course_add, name="course_new"),
    path("courses/<int:pk>/edit/", views.course_edit, name="course_edit"),
    path("courses/<int:pk>/retire/", views.course_retire, name="course_retire"),
    path("courses/<int:pk>/bring-back/", views.course_restore, name="course_restore"),
    path("experts/<int:pk>/record/", views.record_expert, name="record_expert"),
    path("staff/record/", views.record_staff, name="record_staff"),
    path("record-many/", views.record_many, name="record_many"),
    path("records/<int:pk>/correct/", views.record_edit, name="record_edit"),
    path("records/<int:pk>/remove/", views.record_remove, name="record_remove"),
    path("mine/", views.mine, name="mine"),
]
