"""Login is required everywhere except the pages named in PUBLIC_URL_NAMES."""

from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequired

# Every page a visitor may open without signing in. The permission-matrix test reads this.
PUBLIC_URL_NAMES = frozenset(
    {
        "home",
        "accessibility",
        "privacy",
        "get_involved",
        "get_involved_done",
        "account_login",
        "account_logout",
        "account_request_login_code",
        "account_confirm_login_code",
        "account_reset_password",
        "account_reset_password_done",
        "account_reset_password_from_key",
        "account_reset_password_from_key_done",
        "mfa_authenticate",
        "dev_outbox",
        "dev_outbox_message",
        # Answering an invitation from an email: the signed link is the permission.
        "invitation_answer",
        "invitation_answered",
        # Telling us how a session went from the email's link: the signed link is the permission.
        "feedback_link",
        "feedback_link_thanks",
        # A member answering a survey from their personal link: the signed link is the permission.
        "survey_answer",
        "survey_answer_thanks",
        # An expert's calendar app opens their private feed by its secret address.
        "calendar_feed",
        # A photo ID badge's QR code opens its check page (and photo) by its secret address.
        "badge_check",
        "badge_check_photo",
        # Working Together (issue 14): published stories, their photos (only while published),
        # the award winners, the display mode for screens, and the page about involvement.
        "working_together_gallery",
        "working_together_story",
        "working_together_photo",
        "working_together_display",
        "involvement_here",
        # Leaving a mailing list from a message's link, or a mail program's one-click
        # unsubscribe: the signed link is the permission; the page names only the list.
        "mailing_leave_link",
        # A Foundation Trust member stopping the trust's news from a message's link (no account:
        # the signed link is the permission; all it does is stop that member's news).
        "member_news_stop",
        # Foundation Trust membership (issue 15): joining, and managing a membership without an
        # account (ask for a link; the signed link, then the hour it opens, is the permission).
        "member_join",
        "member_join_done",
        "member_manage",
        "member_manage_sent",
        "member_manage_link",
        "member_details",
        "member_leave",
        "member_left",
        "member_get_involved",
        # GOV.UK Notify's delivery receipts: its bearer token is the permission (404 unset).
        "notify_delivery_receipt",
        # Governor elections (issue 15): members have no accounts. The notice and candidates,
        # nominating (their details find them among the members), voting (the one-time code is
        # the permission) and the declared result.
        "election_notice",
        "election_candidate",
        "election_nominate",
        "election_nominated",
        "election_vote",
        "election_voted",
        "election_result",
        # Load balancers and monitors: they say nothing personal, and never sign in.
        "health_live",
        "health_ready",
    }
)


class LoginRequiredMiddleware(DjangoLoginRequired):
    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is not None and match.url_name in PUBLIC_URL_NAMES:
            return None
        if request.path.startswith("/static/"):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)
