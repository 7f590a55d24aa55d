"""One settings module. Every value comes from the environment, with safe defaults for a
developer's machine; production sets DEBUG=false and the secrets."""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONCE, NONE, SELF

from coproduce.env import env_bool, env_decimal, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("COPRODUCE_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
# pytest sets PYTEST_VERSION: the suite runs with production-like settings (DEBUG off) but
# without HTTPS redirects, with a throwaway key, and with background tasks run at once.
TESTING = "PYTEST_VERSION" in os.environ
SECRET_KEY = env_str("SECRET_KEY", "")
if TESTING and not SECRET_KEY:
    SECRET_KEY = "test-only-not-secret-" + "y" * 40  # noqa: S105
if not SECRET_KEY:
    if not DEBUG:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("Set SECRET_KEY (or SECRET_KEY_FILE) when DEBUG is off.")
    SECRET_KEY = "development-only-not-secret-" + "x" * 40  # noqa: S105
# Production stops at start-up without these, naming the one missing (manage.py and wsgi.py
# print that one line): otherwise an empty ALLOWED_HOSTS refuses every request, and a missing
# DATABASE_URL quietly keeps the data in an SQLite file inside the container.
if not (DEBUG or TESTING):
    for _required in ("DATABASE_URL", "ALLOWED_HOSTS"):
        if not env_str(_required, "").strip():
            from django.core.exceptions import ImproperlyConfigured

            raise ImproperlyConfigured(f"Set {_required} (or {_required}_FILE) when DEBUG is off.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

ORGANISATION_NAME = env_str("ORGANISATION_NAME", "Coproduce Partnership")
ORGANISATION_LOGO_URL = env_str("ORGANISATION_LOGO_URL", "")
# What the organisation calls its experts, on badges (issue 12 makes it the organisation's to edit).
COPRODUCE_EXPERT_TERM = env_str("COPRODUCE_EXPERT_TERM", "Expert by Experience")
INVOLVEMENT_TEAM_EMAIL = env_str("INVOLVEMENT_TEAM_EMAIL", "involvement@example.org")
# The membership office's address, given to members and voters (empty: the involvement team's).
MEMBERSHIP_OFFICE_EMAIL = env_str("MEMBERSHIP_OFFICE_EMAIL", "")
# Days an election's ballots, voters and codes are kept after its result, then disposed of.
ELECTION_DOCUMENTS_KEEP_DAYS = env_int("ELECTION_DOCUMENTS_KEEP_DAYS", 365)
# How many days before someone's training runs out they (and the team) get a reminder.
TRAINING_REMINDER_DAYS = env_int("TRAINING_REMINDER_DAYS", 30)
# Links in emails. In development they follow the port the site is served on (`make run`
# passes PORT); a real site sets its public address.
SITE_URL = env_str(
    "SITE_URL", f"http://127.0.0.1:{env_int('PORT', 8000)}" if DEBUG else "http://127.0.0.1:8000"
)
# Only for a local demo: lets staff sign in without setting up an authenticator app.
# The sign-in page says so whenever it is on. Refused when DEBUG is off.
DEMO_RELAX_MFA = env_bool("DEMO_RELAX_MFA", False) and DEBUG

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "coproduce.core",
    "coproduce.audit",
    "coproduce.accounts",
    "coproduce.people",
    "coproduce.training",
    "coproduce.onboarding",
    "coproduce.opportunities",
    "coproduce.parking",
    "coproduce.payments",
    "coproduce.welcome",
    "coproduce.impact.feedback",
    "coproduce.impact.outcomes",
    "coproduce.impact.concerns",
    "coproduce.impact.declarations",
    "coproduce.impact.ambitions",
    "coproduce.impact.equality",
    "coproduce.impact.your_year",
    "coproduce.impact.dashboard",
    "coproduce.impact.report",
    "coproduce.membership.members",
    "coproduce.membership.surveys",
    "coproduce.membership.elections",
    "coproduce.comms.lists",
    "coproduce.comms.reminders",
    "coproduce.comms.directory",
    "coproduce.comms.stories",
    "coproduce.comms.public",
    "coproduce.retention",
    # Last: `manage.py demo_data` and the fictional records it makes, which use every app above.
    "coproduce.demo",
]

MIDDLEWARE = [
    # First, so that it times every answer and sees the error pages made inside: the one log
    # line per request (gunicorn's access log is off), and the request id on every log line.
    "coproduce.core.request_log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy on every answer, with a fresh nonce for our one inline script.
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # Answers /health/live/ and /health/ready/ before sessions, sign-in and the host check.
    "coproduce.core.health.HealthCheckMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Signs out after too long idle or too long signed in (before anything else looks at who).
    "coproduce.accounts.session_limits.SessionLimitsMiddleware",
    "coproduce.core.middleware.LoginRequiredMiddleware",
    "coproduce.accounts.middleware.StaffMFARequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "coproduce.urls"
WSGI_APPLICATION = "coproduce.wsgi.application"

TEMPLATES = [
    {
        "NAME": "jinja2",
        "BACKEND": "coproduce.core.jinja_backend.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"environment": "coproduce.jinja2.environment"},
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    },
]
FORM_RENDERER = "coproduce.core.forms.NHSFormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'coproduce.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # mmap_size: pages are read straight from the operating system's cache of the file,
        # shared by every connection, instead of copied into each connection's own small cache
        # (the dashboard's year of figures on the bench's data: 610 ms instead of 705).
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA mmap_size=1073741824;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["TEST"] = {"NAME": env_str("SQLITE_TEST_NAME", "") or None}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # An unreachable database fails a request (and the readiness URL) in seconds, not minutes.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options.setdefault("connect_timeout", 5)
    # No just-in-time compiling: it suits hours-long reports, and costs our figures' queries
    # 50-80 ms each to compile (the dashboard's) for nothing. DATABASE_JIT=on puts it back.
    if not env_bool("DATABASE_JIT", False):
        options.setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# How many of the dashboard's and annual report's figures PostgreSQL works on at once, each on
# its own connection (core/at_once.py); 1 runs them one after another.
FIGURES_AT_ONCE = env_int("FIGURES_AT_ONCE", 2)

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# django-allauth: staff sign in with email and password then a TOTP code; experts sign in with
# a one-time code sent to their email. Nobody signs themselves up: staff are added by an
# administrator and experts arrive through the "Get involved" form or the register.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 10 * 60
ACCOUNT_LOGIN_BY_CODE_MAX_ATTEMPTS = 3
# Six digits are easy to read from an email and type on a phone; three tries per code, three
# codes a minute per address, keep guessing hopeless.
ACCOUNT_LOGIN_BY_CODE_FORMAT = {"numeric": True, "length": 6, "dashed": False}
ACCOUNT_PREVENT_ENUMERATION = True
# A password reset link must never stand in for the authenticator app: sign in afterwards.
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# Before changing how they sign in, staff confirm it is them with their password or their
# authenticator app. A code sent by email is not enough for that (anyone reading the inbox
# could use it), and experts have nothing of the kind to change: allauth's "reauthenticate by
# code" pages (new in 65.22) answer 403 to everyone.
ACCOUNT_REAUTHENTICATION_METHODS = ("password", "mfa")
# Changing anyone's sign-in email needs a confirmation this recent (allauth's default, kept
# here so it cannot drift).
ACCOUNT_REAUTHENTICATION_TIMEOUT = 5 * 60
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_ADAPTER = "coproduce.accounts.adapter.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{ORGANISATION_NAME}] "
# django-axes owns failed passwords (the adapter hands them over); allauth's "login_failed"
# limit still stops anyone guessing authenticator-app codes: 5 wrong codes, 15 minutes' wait.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/15m/key",
    # The public "Get involved" form writes to the register and emails the team: sendings
    # from one address (counted in the shared cache) beyond these are refused, saying why.
    "get_involved": env_str("GET_INVOLVED_RATE_LIMIT", "10/h/ip,30/d/ip"),
    # Joining as a Foundation Trust member, and asking for the link to manage membership
    # (each emails someone): the same kind of limit.
    "member_join": env_str("MEMBER_JOIN_RATE_LIMIT", "10/h/ip,30/d/ip"),
    "member_manage": env_str("MEMBER_MANAGE_RATE_LIMIT", "10/h/ip,30/d/ip"),
    # Wrong codes at a governor election's vote page, from one address: beyond these the page
    # takes no more codes for a while. Only codes not recognised count, so voters sharing a
    # library's address are not stopped by the right ones (elections/guesses.py).
    "election_code": env_str("ELECTION_CODE_RATE_LIMIT", "10/h/ip,30/d/ip"),
}
ACCOUNT_FORMS = {
    "login": "coproduce.accounts.forms.LoginForm",
    "signup": "coproduce.accounts.forms.SignupForm",
    "request_login_code": "coproduce.accounts.forms.RequestLoginCodeForm",
    "confirm_login_code": "coproduce.accounts.forms.ConfirmLoginCodeForm",
    "reauthenticate": "coproduce.accounts.forms.ReauthenticateForm",
    "reset_password": "coproduce.accounts.forms.ResetPasswordForm",
    "reset_password_from_key": "coproduce.accounts.forms.ResetPasswordKeyForm",
    "change_password": "coproduce.accounts.forms.ChangePasswordForm",
    "set_password": "coproduce.accounts.forms.SetPasswordForm",
}
# Signing in through the NHS (coproduce/accounts/social/): NHS Care Identity (CIS2) for staff,
# counting as their second factor, and NHS login for experts. Each is on only when its
# variables are set. Nobody signs up through them: a sign-in reaches the existing active account
# with the same email (staff for CIS2, experts for NHS login), and NHS login must have checked
# the person's identity to NHS_LOGIN_MIN_IDENTITY_LEVEL (P0, P5 or P9). Private keys (PEM) sign
# the client's proof for the token (private_key_jwt); a client secret is the fallback.
CIS2_PROVIDER_ID = "cis2"
NHS_LOGIN_PROVIDER_ID = "nhs-login"
NHS_LOGIN_MIN_IDENTITY_LEVEL = env_str("NHS_LOGIN_MIN_IDENTITY_LEVEL", "P9")
if NHS_LOGIN_MIN_IDENTITY_LEVEL not in ("P0", "P5", "P9"):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("NHS_LOGIN_MIN_IDENTITY_LEVEL must be P0, P5 or P9.")


def _oidc_app(provider_id: str, name: str, prefix: str, scope: list, auth_params: dict) -> list:
    client_id, server_url = env_str(f"{prefix}_CLIENT_ID"), env_str(f"{prefix}_SERVER_URL")
    if not (client_id and server_url):
        return []
    return [
        {
            "provider_id": provider_id,
            "name": name,
            "client_id": client_id,
            "secret": env_str(f"{prefix}_CLIENT_SECRET"),
            "settings": {
                "server_url": server_url,
                "private_key": env_str(f"{prefix}_PRIVATE_KEY"),
                "scope": scope,
                "auth_params": auth_params,
                "oauth_pkce_enabled": True,
                "fetch_userinfo": True,
            },
        }
    ]


# NHS login's "vectors of trust": ask for the level needed, so that NHS login offers to check
# the person's identity there and then when theirs is lower.
_NHS_LOGIN_VTR = ", ".join(
    f'"{NHS_LOGIN_MIN_IDENTITY_LEVEL}.{how}"' for how in ("Cp.Cd", "Cp.Ck", "Cm")
)
_NHS_LOGIN_VTR = f"[{_NHS_LOGIN_VTR}]"
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {
        "provider_class": "coproduce.accounts.social.provider.NHSOpenIDConnectProvider",
        "APPS": _oidc_app(
            CIS2_PROVIDER_ID,
            "NHS Care Identity",
            "CIS2",
            ["openid", "email", "profile"],
            # e.g. "AAL3_ANY" to ask CIS2 for a smartcard or authenticator every time.
            {"acr_values": env_str("CIS2_ACR_VALUES")} if env_str("CIS2_ACR_VALUES") else {},
        )
        + _oidc_app(
            NHS_LOGIN_PROVIDER_ID,
            "NHS login",
            "NHS_LOGIN",
            ["openid", "profile", "email", "phone"],
            {"vtr": _NHS_LOGIN_VTR},
        ),
    }
}
# Where the sign-in buttons send the browser (the Content-Security-Policy's form-action).
NHS_SIGN_IN_ORIGINS = sorted(
    {
        "{0.scheme}://{0.netloc}".format(urlsplit(app["settings"]["server_url"]))
        for app in SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"]
    }
)
SOCIALACCOUNT_ADAPTER = "coproduce.accounts.social.adapter.SocialAccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_REQUESTS_TIMEOUT = 10

MFA_ADAPTER = "coproduce.accounts.adapter.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = ORGANISATION_NAME
MFA_FORMS = {
    "authenticate": "coproduce.accounts.forms.AuthenticateForm",
    "reauthenticate": "coproduce.accounts.forms.MFAReauthenticateForm",
    "activate_totp": "coproduce.accounts.forms.ActivateTOTPForm",
    "deactivate_totp": "coproduce.accounts.forms.DeactivateTOTPForm",
    "generate_recovery_codes": "coproduce.accounts.forms.GenerateRecoveryCodesForm",
}

# django-axes: five failures lock that account from that address for 15 minutes. Each try
# during the lock starts the 15 minutes again, so "wait 15 minutes" on the page stays true.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = True
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# allauth authenticates with email=...; the callable lower-cases it so capitals do not dodge
# the count. The address is REMOTE_ADDR (axes' default): never a header a client can write.
AXES_USERNAME_FORM_FIELD = "email"
AXES_USERNAME_CALLABLE = "coproduce.accounts.adapter.axes_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "coproduce.accounts.views.auth.locked_out"
AXES_VERBOSE = False
AXES_CLIENT_STR_CALLABLE = "coproduce.core.request_log.axes_client_str"
AXES_ENABLED = env_bool("AXES_ENABLED", True)

# Behind a reverse proxy, say how many: axes then reads the client's address from
# X-Forwarded-For instead of counting every sign-in as the proxy's.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
if TRUSTED_PROXY_COUNT:
    AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

# allauth keeps rate limits and used sign-in codes in the cache: with more than one web
# process, set REDIS_URL so that they share one.
REDIS_URL = env_str("REDIS_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# How long a signed-in person may leave Coproduce alone before they are signed out (staff see
# more, so they get less), and the longest any sign-in lasts however busy. A warning shows
# SESSION_WARNING_SECONDS before the end and lets the person stay signed in (WCAG 2.2.1):
# coproduce/accounts/session_limits.py.
SESSION_IDLE_MINUTES_STAFF = env_int("SESSION_IDLE_MINUTES_STAFF", 15)
SESSION_IDLE_MINUTES_EXPERTS = env_int("SESSION_IDLE_MINUTES_EXPERTS", 30)
SESSION_ABSOLUTE_HOURS = env_int("SESSION_ABSOLUTE_HOURS", 10)
SESSION_WARNING_SECONDS = env_int("SESSION_WARNING_SECONDS", 120)
SESSION_COOKIE_AGE = 60 * 60 * SESSION_ABSOLUTE_HOURS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not (DEBUG or TESTING)
CSRF_COOKIE_SECURE = not (DEBUG or TESTING)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not (DEBUG or TESTING))
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# A load balancer probes the health URLs over plain HTTP, from inside the network.
SECURE_REDIRECT_EXEMPT = [r"^health/"]
SECURE_REFERRER_POLICY = "same-origin"
# Browser features no page of ours uses are switched off for every page (and anything a page
# could embed). Photos and receipts are chosen as files, so not even the camera is needed.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "usb",
        "xr-spatial-tracking",
    )
}
# Content-Security-Policy (django-csp): scripts and styles only from our own static files, plus
# the one inline script NHS.UK's page template needs, which carries the request's nonce.
_LOGO_ORIGIN = urlsplit(ORGANISATION_LOGO_URL)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        # Anything not named below: our own origin only.
        "default-src": [SELF],
        # Our static files, and inline scripts only with this answer's nonce (no unsafe-*).
        "script-src": [SELF, NONCE],
        # Our stylesheets only: no <style> blocks, no style="" attributes.
        "style-src": [SELF],
        # data: for the authenticator QR code allauth draws; the logo's host if it is elsewhere.
        "img-src": [SELF, "data:"]
        + (
            [f"{_LOGO_ORIGIN.scheme}://{_LOGO_ORIGIN.netloc}"]
            if _LOGO_ORIGIN.scheme in ("http", "https") and _LOGO_ORIGIN.netloc
            else []
        ),
        # NHS.UK frontend's stylesheet loads the Frutiger web font from the NHS's asset host.
        "font-src": [SELF, "https://assets.nhs.uk"],
        # Our scripts fetch only from us.
        "connect-src": [SELF],
        # Forms post only to us (sign-in included), and our NHS sign-in buttons' answer sends
        # the browser on to CIS2 or NHS login, which browsers check against this too.
        "form-action": [SELF, *NHS_SIGN_IN_ORIGINS],
        # Nobody may frame our pages (as X_FRAME_OPTIONS says for older browsers).
        "frame-ancestors": [NONE],
        # A <base> tag cannot send relative links elsewhere.
        "base-uri": [SELF],
        # No plugins.
        "object-src": [NONE],
    },
}
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "coproduce.core.views.errors.csrf_failure"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
# Beside this file, so that it is found in a checkout and in an installed package alike.
STATICFILES_DIRS = [Path(__file__).resolve().parent / "static"]
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(VAR_DIR / "private")},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG or TESTING
# Uploaded files (photos, spreadsheets) are private: there is no MEDIA_URL; a view that
# checks permission serves each one.
MEDIA_ROOT = VAR_DIR / "private"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "coproduce.core.mail.OutboxBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Coproduce <no-reply@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
OUTBOX_DIR = VAR_DIR / "outbox"
# Text messages (see coproduce.core.sms): kept in an outbox in development and tests; sent
# through GOV.UK Notify in production once NOTIFY_API_KEY is set (coproduce.core.sms_notify
# says which template to make); with no gateway, nothing is sent and the people who prefer
# texts show as not reached.
NOTIFY_API_KEY = env_str("NOTIFY_API_KEY", "").strip()
NOTIFY_SMS_TEMPLATE_ID = env_str("NOTIFY_SMS_TEMPLATE_ID", "").strip()
NOTIFY_BASE_URL = env_str("NOTIFY_BASE_URL", "")  # empty: the Notify client's own default
# Email through Notify is chosen with EMAIL_BACKEND=coproduce.core.mail_notify.NotifyEmailBackend
# (that module says which template to make). The reply-to id is optional: Notify's default.
NOTIFY_EMAIL_TEMPLATE_ID = env_str("NOTIFY_EMAIL_TEMPLATE_ID", "").strip()
NOTIFY_EMAIL_REPLY_TO_ID = env_str("NOTIFY_EMAIL_REPLY_TO_ID", "").strip()
# The bearer token Notify sends with its delivery receipts (set on the service's callbacks
# page); unset, the receipts address answers 404.
NOTIFY_CALLBACK_TOKEN = env_str("NOTIFY_CALLBACK_TOKEN", "").strip()
if DEBUG or TESTING:
    _sms_default = "coproduce.core.sms.OutboxBackend"
elif NOTIFY_API_KEY:
    _sms_default = "coproduce.core.sms_notify.NotifyBackend"
else:
    _sms_default = "coproduce.core.sms.NoGatewayBackend"
SMS_BACKEND = env_str("SMS_BACKEND", _sms_default)
_email_by_notify = EMAIL_BACKEND == "coproduce.core.mail_notify.NotifyEmailBackend"
if SMS_BACKEND == "coproduce.core.sms_notify.NotifyBackend" or _email_by_notify:
    # A mis-pasted key or template would otherwise fail every text or email, one warning at a
    # time.
    import re

    from django.core.exceptions import ImproperlyConfigured

    _uuid = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
    if not re.fullmatch(f".+-{_uuid}-{_uuid}", NOTIFY_API_KEY, re.IGNORECASE):
        raise ImproperlyConfigured("NOTIFY_API_KEY must be a whole Notify key: name-{id}-{secret}")
    if SMS_BACKEND == "coproduce.core.sms_notify.NotifyBackend" and not re.fullmatch(
        _uuid, NOTIFY_SMS_TEMPLATE_ID, re.IGNORECASE
    ):
        raise ImproperlyConfigured("NOTIFY_SMS_TEMPLATE_ID must be a Notify template id")
    if _email_by_notify and not re.fullmatch(_uuid, NOTIFY_EMAIL_TEMPLATE_ID, re.IGNORECASE):
        raise ImproperlyConfigured(
            "NOTIFY_EMAIL_TEMPLATE_ID must be the id of the Notify email template, to send "
            "email through GOV.UK Notify"
        )
    if _email_by_notify and not re.fullmatch(f"({_uuid})?", NOTIFY_EMAIL_REPLY_TO_ID, re.I):
        raise ImproperlyConfigured(
            "NOTIFY_EMAIL_REPLY_TO_ID must be the id of a reply-to address in Notify, or unset"
        )

TASKS = {
    "default": {
        "BACKEND": env_str(
            "TASKS_BACKEND",
            "django_tasks.backends.immediate.ImmediateBackend"
            if TESTING
            else "django_tasks_db.backend.DatabaseBackend",
        ),
    }
}
# `manage.py worker` records that it is alive this often; readiness fails after three misses.
WORKER_HEARTBEAT_SECONDS = env_int("WORKER_HEARTBEAT_SECONDS", 30)
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Logs go to standard output. In production (LOG_FORMAT=json, the default when DEBUG is off)
# each line is one JSON object; LOG_FORMAT=plain gives readable lines. Every line carries the
# request id (coproduce.core.request_log); nothing in them names a person.
LOG_FORMAT = env_str("LOG_FORMAT", "plain" if DEBUG else "json")
if LOG_FORMAT not in ("json", "plain"):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("LOG_FORMAT must be json or plain.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_context": {"()": "coproduce.core.request_log.RequestContextFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {
            "()": "coproduce.core.request_log.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(message)s",
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": "time",  # ISO 8601 in UTC
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_context"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own handlers would print a second, plain copy (DEBUG) or email the whole
        # request, form values included, to ADMINS: its records go to the console above only.
        "django": {"handlers": [], "level": "INFO"},
        # The request line (coproduce.request) records every 4xx; Django's own "Not Found:
        # /path" lines would repeat it. 5xx stay, with the exception.
        "django.request": {"level": "ERROR"},
        # Request logs would carry query strings (register searches); keep them to warnings.
        "django.server": {"level": "WARNING"},
        "django.db.backends": {"level": "WARNING"},
        # axes logs every sign-in at INFO; keep only warnings (lock-outs). Its lines name the
        # account by a keyed hash, not the email address (AXES_CLIENT_STR_CALLABLE).
        "axes": {"level": "WARNING"},
        # The Notify client logs Notify's error messages, which can quote a number or a text
        # it was sent; coproduce.core.sms_notify logs each failure without them.
        "notifications_python_client": {"level": "ERROR"},
        # WeasyPrint reports each step of making a PDF at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

PHOTO_MAX_BYTES = 5 * 1024 * 1024
PHOTO_MAX_PIXELS = 4096
# Receipts for expenses: a photo or a PDF, at most this size.
RECEIPT_MAX_BYTES = 5 * 1024 * 1024
REGISTER_PAGE_SIZE = 25
PRIVACY_NOTICE_VERSION = env_str("PRIVACY_NOTICE_VERSION", "2026-1")

# Involvement: a meeting with more staff than this per expert place gets a tokenism warning.
INVOLVEMENT_MAX_STAFF_PER_EXPERT = env_decimal("INVOLVEMENT_MAX_STAFF_PER_EXPERT", "3")
