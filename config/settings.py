"""Django settings, all read from the environment (see README: configuration)."""

import re
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", default=False)
# No default key unless DEBUG is on: scripts/setup.sh generates one into .local/ for local runs.
SECRET_KEY = env_str("DJANGO_SECRET_KEY", "insecure-development-key" if DEBUG else None)
# Served behind TLS (see README: security): Secure cookies, HSTS, redirect to https.
HTTPS = env_bool("DJANGO_HTTPS", default=False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")

_database_url = env_str("DATABASE_URL")
if not _database_url.startswith(("postgres://", "postgresql://")):
    # PostgreSQL is the only database: full-text search, row locks and the index cache rely on it.
    raise ImproperlyConfigured("DATABASE_URL must point to PostgreSQL (postgres://...).")
DATABASES = {
    "default": dj_database_url.parse(_database_url, conn_max_age=60, conn_health_checks=True)
}
# A restarted PostgreSQL leaves every worker with a dead persistent connection: the health check
# (CONN_HEALTH_CHECKS) replaces it at the start of the next request instead of failing it, and
# while the database is really down every request answers 503 + Retry-After (config/errors.py).

INSTALLED_APPS = [
    "config.apps.AdminConfig",  # the admin site with the second factor (config/admin_site.py)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    # API tokens: stored hashed, one per login (device), expiring, revocable (README: security).
    "knox",
    # Locks out repeated failed logins by username and by client, before the password hasher.
    "axes",
    # A second factor (TOTP) for staff.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # The audit log sits at the bottom of the layers: it imports none of the apps below.
    "audit",
    "accounts",
    "talent",
    "matching",
    "volunteers",
    "office",
    # The outbox and mail delivery: subscribes to the domain events of common/events.py.
    "notifications",
    # Onboarding without a shell: organizations and invitations (onboarding/).
    "onboarding",
    # Calendar feeds (.ics) of confirmed activities.
    "schedule",
    "api",
    "web",
    # Benchmarks and the matching evaluation: management commands only, no models.
    "bench",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.errors.DatabaseUnavailableMiddleware",
    "csp.middleware.CSPMiddleware",
    # Serves the pages' CSS and the admin's static files under gunicorn too, straight from the
    # apps' static folders (no collectstatic step needed to run).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, so that it sees the lockout flag the authentication backend set (README: security).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
AUTH_USER_MODEL = "accounts.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "web" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ["username", "first_name", "last_name", "email"]},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "ja"
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Static files are served by WhiteNoise from the apps' folders (WHITENOISE_USE_FINDERS); set
# DJANGO_STATIC_ROOT and run collectstatic only to serve them from one folder instead.
STATIC_ROOT = env_str("DJANGO_STATIC_ROOT", "") or None
WHITENOISE_USE_FINDERS = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Under /api/ a CSRF failure is the API's JSON error; on the pages, the Japanese 403 page.
CSRF_FAILURE_VIEW = "config.handlers.csrf_failure"

# How long the audit log keeps an entry (days); `manage.py purge_audit_log` deletes older ones
# (run it daily, e.g. from cron). Two years by default; the city decides (README: audit log).
AUDIT_LOG_RETENTION_DAYS = env_int("TSUNAGU_AUDIT_LOG_DAYS", 730, minimum=1)

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

EMAIL_BACKEND = env_str("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "tsunagu@example.jp")
# Django's file backend writes every mail into this folder (how outside checks read them).
EMAIL_FILE_PATH = env_str("DJANGO_EMAIL_FILE_PATH", "") or None
# SMTP (django.core.mail.backends.smtp.EmailBackend): host, port and credentials.
EMAIL_HOST = env_str("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(env_str("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = env_str("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = 20
# The address the links in mails start with (the public URL of this service).
SITE_URL = env_str("DJANGO_SITE_URL", "http://127.0.0.1:8000")

# The city's year (talent/renewal.py, talent/insurance.py).
# From this day (MM-DD, January to March) volunteers are asked to renew for the coming 年度.
TSUNAGU_RENEWAL_OPENS = env_str("TSUNAGU_RENEWAL_OPENS", "02-01")
if not re.fullmatch(r"0[1-3]-(0[1-9]|[12][0-9]|3[01])", TSUNAGU_RENEWAL_OPENS):
    raise ImproperlyConfigured("TSUNAGU_RENEWAL_OPENS must be MM-DD between 01-01 and 03-31.")
# What confirming a match needs of the volunteer's ボランティア保険: off / warn / block.
TSUNAGU_INSURANCE_REQUIRED = env_str("TSUNAGU_INSURANCE_REQUIRED", "warn")
if TSUNAGU_INSURANCE_REQUIRED not in ("off", "warn", "block"):
    raise ImproperlyConfigured("TSUNAGU_INSURANCE_REQUIRED must be off, warn or block.")
# An uploaded import file is kept this many hours between its preview and the confirmation.
TSUNAGU_STAGED_IMPORT_HOURS = 24
# The city whose office issues certificates and reports (活動実績証明書).
TSUNAGU_CITY_NAME = env_str("TSUNAGU_CITY_NAME", "みどり野市")
TSUNAGU_CERTIFICATE_ISSUER = env_str(
    "TSUNAGU_CERTIFICATE_ISSUER", f"{TSUNAGU_CITY_NAME}教育委員会 生涯学習課"
)

# How long the record of contact disclosures (talent.Disclosure) is kept, in days;
# `python manage.py purge_disclosures` deletes older rows (run it daily from cron).
TSUNAGU_CONTACT_LOG_DAYS = env_int("TSUNAGU_CONTACT_LOG_DAYS", 365, minimum=1)
# Where the matcher saves its built indexes for the next process to open memory-mapped
# (matching/index_cache.py, lib/engine/persist.py); "off" builds in every process instead.
_index_dir = env_str("TSUNAGU_INDEX_DIR", str(BASE_DIR / ".local" / "index"))
TSUNAGU_INDEX_DIR = None if _index_dir in ("", "off") else Path(_index_dir)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    # Only the token endpoint is throttled by default (api/auth.py); the counters live in the
    # database cache, so every gunicorn worker shares them.
    "DEFAULT_THROTTLE_RATES": {
        "auth": env_str("DJANGO_THROTTLE_AUTH", "10/min"),
    },
    # 0: the client is REMOTE_ADDR, whatever X-Forwarded-For says (None would trust it).
    "NUM_PROXIES": env_int("DJANGO_PROXY_COUNT", 0),
    # NUL, lone surrogates, nesting, size and infinite numbers are refused here (api/parsers.py).
    "DEFAULT_PARSER_CLASSES": [
        "api.parsers.JSONParser",
        "api.parsers.FormParser",
        "api.parsers.MultiPartParser",
    ],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Tsunagu (つなぐ) API",
    "DESCRIPTION": "人材バンク・ボランティアマッチングの API",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Request bodies and answers are separate components: an answer may leave out fields
    # (privacy) and carries read-only ones that a request does not send.
    "COMPONENT_SPLIT_REQUEST": True,
    # The browsable docs load Swagger UI from this server, not from a CDN: city networks
    # are often closed.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # One name per choice set (profiles' kind is also a request's kind_wanted).
    "ENUM_NAME_OVERRIDES": {
        "ProfileKindEnum": "talent.models.ProfileKind",
        "OrganizationKindEnum": "matching.models.OrganizationKind",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# ---------------------------------------------------------------- accounts and security
# (README: security says what each of these protects and what the operator sets.)

AUTHENTICATION_BACKENDS = [
    "accounts.backends.LockoutBackend",  # refuses locked-out logins before the hasher runs
    "django.contrib.auth.backends.ModelBackend",
]

# Shared by every worker: throttle counters (web and API) live in PostgreSQL (a table made
# by the migration accounts/0005), so four workers do not each allow the full rate.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "tsunagu_cache",
    }
}

# django-axes: after AXES_FAILURE_LIMIT failed logins for one username, or from one client
# address, further attempts get 429 + Retry-After for the cool-off time, whatever the password.
AXES_FAILURE_LIMIT = env_int("DJANGO_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("DJANGO_LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "config.errors.lockout_response"
AXES_USERNAME_CALLABLE = "accounts.backends.lockout_username"
AXES_VERBOSE = False
# The client address: REMOTE_ADDR, or with DJANGO_PROXY_COUNT=n the address n proxies back in
# X-Forwarded-For — the same rule as DRF's throttles (NUM_PROXIES), so a forged header cannot
# dodge the per-client lockout when no proxy is configured.
AXES_CLIENT_IP_CALLABLE = "accounts.backends.client_address"

# Web forms that send mail or create logins (web/throttles.py), per client and per address.
WEB_THROTTLE_RATES = {
    "password_reset_client": env_str("DJANGO_THROTTLE_RESET_CLIENT", "5/hour"),
    "password_reset_email": env_str("DJANGO_THROTTLE_RESET_EMAIL", "3/hour"),
    "signup_client": env_str("DJANGO_THROTTLE_SIGNUP", "10/hour"),
}

# API tokens (django-rest-knox): expire TOKEN_TTL after they were issued.
REST_KNOX = {
    "TOKEN_TTL": timedelta(hours=env_int("DJANGO_TOKEN_TTL_HOURS", 24)),
    "AUTH_HEADER_PREFIX": "Token",
}
KNOX_TOKEN_MODEL = "accounts.ApiToken"

# The second factor for staff (accounts/second_factor.py): admin | all | off.
STAFF_SECOND_FACTOR = env_str("DJANGO_STAFF_2FA", "admin")
if STAFF_SECOND_FACTOR not in ("admin", "all", "off"):
    raise ImproperlyConfigured("DJANGO_STAFF_2FA must be admin, all or off.")
OTP_TOTP_ISSUER = "つなぐ"

# Sessions end after this long without a request (each request moves the deadline).
SESSION_COOKIE_AGE = env_int("DJANGO_SESSION_IDLE_MINUTES", 30) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

# Content Security Policy (django-csp): scripts, styles and images from this server only; no
# inline script anywhere (the pages load web/once.js; /api/docs/ loads its start-up script).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

if HTTPS:
    # Behind a TLS-terminating proxy that sets X-Forwarded-Proto (README: security).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    # Load balancers probe the health check over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
