from django.urls import path

from coproduce.impact.report import views

app_name = "report"

urlpatterns = [
    path("", views.reports, name="reports"),
    path("start/", views.start, name="start"),
    path("<int:year>/", views.year, name="year"),
    path("<int:year>/pdf/", views.year_pdf, name="pdf"),
    path("<int:year>/write/", views.write, name="write"),
    path("<int:year>/case-studies/", views.choose, name="choose"),
    path("<int:year>/case-studies/<int:pk>/", views.case_study, name="case_study"),
    path("<int:year>/case-studies/<int:pk>/move/", views.move, name="move"),
    path("<int:year>/publish/", views.publish, name="publish"),
]
