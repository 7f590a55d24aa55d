from django.urls import path

from coproduce.impact.your_year import views

app_name = "your_year"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("<int:year>/summary.pdf", views.mine_pdf, name="mine_pdf"),
    path("<int:year>/easy-read.pdf", views.mine_easy_read_pdf, name="mine_easy_read_pdf"),
    path("expert/<int:pk>/", views.expert_year, name="expert"),
    path("expert/<int:pk>/<int:year>/summary.pdf", views.expert_pdf, name="expert_pdf"),
    path(
        "expert/<int:pk>/<int:year>/easy-read.pdf",
        views.expert_easy_read_pdf,
        name="expert_easy_read_pdf",
    ),
]
