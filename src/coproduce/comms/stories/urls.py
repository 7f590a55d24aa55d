"""Working Together and the award. The gallery, published stories, their photos and the
display mode are public: their names are in core.middleware.PUBLIC_URL_NAMES (names are not
namespaced there, so they are spelt to be unique in the project)."""

from django.urls import path

from coproduce.comms.stories.views import award, gallery, mine, review

app_name = "stories"

urlpatterns = [
    # Public
    path("working-together/", gallery.gallery, name="working_together_gallery"),
    path("working-together/display/", gallery.display, name="working_together_display"),
    path("working-together/<int:pk>/", gallery.story, name="working_together_story"),
    path("working-together/photos/<int:pk>.jpg", gallery.photo, name="working_together_photo"),
    # A writer's own stories
    path("working-together/mine/", mine.mine, name="mine"),
    path("working-together/mine/new/", mine.new, name="new"),
    path("working-together/mine/<int:pk>/", mine.detail, name="mine_detail"),
    path("working-together/mine/<int:pk>/change/", mine.change, name="change"),
    path("working-together/mine/<int:pk>/photos/add/", mine.add_photo, name="add_photo"),
    path(
        "working-together/mine/<int:pk>/photos/<int:photo_pk>/remove/",
        mine.remove_photo,
        name="remove_photo",
    ),
    path("working-together/mine/<int:pk>/send/", mine.submit, name="submit"),
    path(
        "working-together/photos/private/<int:pk>.jpg", gallery.private_photo, name="private_photo"
    ),
    # The involvement lead's review
    path("working-together/review/", review.index, name="review_list"),
    path("working-together/review/<int:pk>/", review.detail, name="review"),
    path("working-together/review/<int:pk>/publish/", review.publish, name="publish"),
    path("working-together/review/<int:pk>/send-back/", review.send_back, name="send_back"),
    path("working-together/review/<int:pk>/withdraw/", review.withdraw, name="withdraw"),
    # The award
    path("award/", award.nominate, name="nominate"),
    path("award/rounds/", award.rounds, name="award_rounds"),
    path("award/rounds/new/", award.round_form, name="award_round_new"),
    path("award/rounds/<int:pk>/change/", award.round_form, name="award_round_change"),
    path("award/rounds/<int:pk>/", award.panel, name="award_panel"),
    path("award/rounds/<int:pk>/announce/", award.announce, name="award_announce"),
    path("award/nominations/<int:pk>/shortlist/", award.shortlist, name="award_shortlist"),
    path("award/nominations/<int:pk>/winner/", award.winner, name="award_winner"),
]
