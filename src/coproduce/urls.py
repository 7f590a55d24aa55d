from django.contrib import admin
from django.urls import include, path

from coproduce.accounts.admin_site import secure
from coproduce.accounts.views import all_pages, home, session
from coproduce.core.views import errors, health, outbox, pages
from coproduce.people.views import public

urlpatterns = [
    path("", home.home, name="home"),
    # Every page of the signed-in person's role, in groups (the header shows a few).
    path("all-pages/", all_pages.all_pages, name="all_pages"),
    path("accessibility/", pages.accessibility, name="accessibility"),
    path("privacy/", pages.privacy, name="privacy"),
    # For load balancers and monitors; HealthCheckMiddleware answers them first.
    path("health/live/", health.live, name="health_live"),
    path("health/ready/", health.ready, name="health_ready"),
    path("get-involved/", public.get_involved, name="get_involved"),
    path("get-involved/thank-you/", public.get_involved_done, name="get_involved_done"),
    # Email addresses are the register's and the administrator's to change, not allauth's:
    # an expert's sign-in email follows their record.
    path("accounts/email/", errors.page_not_found, name="account_email"),
    # NHS sign-in (accounts/social/) reaches existing accounts by itself: allauth's pages for
    # linking, unlinking and signing up through a provider are not used.
    *[
        path(f"accounts/3rdparty/{part}", errors.page_not_found, name=name)
        for part, name in (
            ("", "socialaccount_connections"),
            ("signup/", "socialaccount_signup"),
            ("login/cancelled/", "socialaccount_login_cancelled"),
            ("login/error/", "socialaccount_login_error"),
        )
    ],
    # The sign-out warning's questions: how long is left, and "Stay signed in".
    path("accounts/session/", session.session_status, name="account_session"),
    path("accounts/session/extend/", session.session_extend, name="account_session_extend"),
    path("accounts/", include("allauth.urls")),
    path("admin-accounts/", include("coproduce.accounts.urls")),
    path("", include("coproduce.people.urls")),
    path("", include("coproduce.opportunities.urls")),
    path("", include("coproduce.payments.urls")),
    path("", include("coproduce.retention.urls")),
    path("", include("coproduce.onboarding.urls")),
    path("", include("coproduce.welcome.urls")),
    path("", include("coproduce.parking.urls")),
    path("training/", include("coproduce.training.urls")),
    path("feedback/", include("coproduce.impact.feedback.urls")),
    path("outcomes/", include("coproduce.impact.outcomes.urls")),
    path("concerns/", include("coproduce.impact.concerns.urls")),
    path("declarations/", include("coproduce.impact.declarations.urls")),
    path("ambitions/", include("coproduce.impact.ambitions.urls")),
    path("equality/", include("coproduce.impact.equality.urls")),
    path("elections/", include("coproduce.membership.elections.urls")),
    path("your-year/", include("coproduce.impact.your_year.urls")),
    path("dashboard/", include("coproduce.impact.dashboard.urls")),
    path("report/", include("coproduce.impact.report.urls")),
    path("members/", include("coproduce.membership.members.urls")),
    path("surveys/", include("coproduce.membership.surveys.urls")),
    path("mailing/", include("coproduce.comms.lists.urls")),
    path("reminders/", include("coproduce.comms.reminders.urls")),
    path("", include("coproduce.comms.directory.urls")),
    path("", include("coproduce.comms.stories.urls")),
    path("", include("coproduce.comms.public.urls")),
    # Behind our own sign-in (password, second factor, lock-out), audited: see admin_site.
    path("django-admin/", secure(admin.site).urls),
    # Development only: each view answers 404 unless DEBUG and the outbox email backend are on.
    path("dev/outbox/", outbox.outbox, name="dev_outbox"),
    path("dev/outbox/<str:message_id>/", outbox.outbox_message, name="dev_outbox_message"),
]

handler403 = errors.permission_denied
handler404 = errors.page_not_found
# The NHS "Sorry, there is a problem with the service" pages; they render with the database down.
handler400 = errors.bad_request
handler500 = errors.server_error
