from django.contrib import admin
from django.urls import include, path

from coproduce.accounts.admin_site import secure
from coproduce.core.views import errors, health, outbox, pages
from coproduce.people.views import public

urlpatterns = [
    path("", pages.home, name="home"),
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
    path("accounts/", include("allauth.urls")),
    path("admin-accounts/", include("coproduce.accounts.urls")),
    path("", include("coproduce.people.urls")),
    path("", include("coproduce.opportunities.urls")),
    path("", include("coproduce.payments.urls")),
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
