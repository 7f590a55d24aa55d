from django.urls import path

from coproduce.membership.surveys import views

app_name = "surveys"

urlpatterns = [
    path("", views.survey_list, name="list"),
    path("new/", views.new, name="new"),
    path("<int:pk>/", views.survey_page, name="survey"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/questions/new/", views.question_add, name="question_add"),
    path("<int:pk>/questions/<int:question_pk>/", views.question_edit, name="question_edit"),
    path("<int:pk>/questions/<int:question_pk>/move/", views.question_move, name="question_move"),
    path(
        "<int:pk>/questions/<int:question_pk>/remove/",
        views.question_remove,
        name="question_remove",
    ),
    path("<int:pk>/preview/", views.preview, name="preview"),
    path("<int:pk>/open/", views.open_survey, name="open"),
    path("<int:pk>/close/", views.close_survey, name="close"),
    path("<int:pk>/letters/", views.letters, name="letters"),
    path("<int:pk>/paper/", views.paper, name="paper"),
    path("<int:pk>/results/", views.results, name="results"),
    path("<int:pk>/results.csv", views.results_csv, name="results_csv"),
    # Public: the member's personal link works without an account (core.middleware names them).
    path("answer/thanks/", views.thanks, name="survey_answer_thanks"),
    path("answer/<str:token>/", views.answer, name="survey_answer"),
]
