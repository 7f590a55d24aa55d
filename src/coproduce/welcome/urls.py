from django.urls import path

from coproduce.welcome.views import packs, prints, wording

app_name = "welcome"

urlpatterns = [
    path("welcome-pack/", wording.overview, name="overview"),
    path("welcome-pack/sections/<str:key>/", wording.section_edit, name="section_edit"),
    path("welcome-pack/sections/<str:key>/reset/", wording.section_reset, name="section_reset"),
    path("welcome-pack/signatures/", wording.pack_settings, name="settings"),
    path("welcome-pack/print/", prints.print_many, name="print"),
    path("welcome-pack/print/<int:pk>/", prints.print_progress, name="print_progress"),
    path("welcome-pack/print/<int:pk>/packs.pdf", prints.print_download, name="print_download"),
    path("experts/<int:pk>/welcome-pack/", packs.expert_pack, name="expert_pack"),
    path("experts/<int:pk>/welcome-pack/pack.pdf", packs.expert_pack_pdf, name="expert_pack_pdf"),
    path("experts/<int:pk>/welcome-pack/sent/", packs.mark_sent, name="mark_sent"),
    path("my/welcome-pack/", packs.my_pack, name="my_pack"),
    path("my/welcome-pack/pack.pdf", packs.my_pack_pdf, name="my_pack_pdf"),
]
