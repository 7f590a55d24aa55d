from django.urls import path

from coproduce.comms.lists.views import (
    leave_link,
    lists,
    member_news_link,
    messages,
    notify_receipts,
    portal,
)

app_name = "mailing"

urlpatterns = [
    path("", lists.index, name="lists"),
    path("add/", lists.add, name="list_add"),
    path("<int:pk>/", lists.detail, name="list"),
    path("<int:pk>/change/", lists.change, name="list_change"),
    path("<int:pk>/members/add/", lists.add_members, name="members_add"),
    path("<int:pk>/members/<int:expert_pk>/remove/", lists.remove_member, name="member_remove"),
    path("<int:pk>/write/", messages.write, name="message_new"),
    path("messages/<int:pk>/", messages.progress, name="message"),
    path("messages/<int:pk>/change/", messages.change, name="message_change"),
    path("messages/<int:pk>/check/", messages.check, name="message_check"),
    path("messages/<int:pk>/send/", messages.send, name="message_send"),
    path("mine/", portal.my_lists, name="my_lists"),
    path("mine/<int:pk>/join/", portal.join, name="join"),
    path("mine/<int:pk>/leave/", portal.leave, name="my_leave"),
    path("leave/<str:token>/", leave_link.leave_link, name="mailing_leave_link"),
    path("news/stop/<str:token>/", member_news_link.member_news_stop, name="member_news_stop"),
    path("notify/receipts/", notify_receipts.notify_receipt, name="notify_delivery_receipt"),
]
