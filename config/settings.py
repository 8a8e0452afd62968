"""Django settings, all read from the environment (see README: configuration)."""

import re
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env_str("DJANGO_SECRET_KEY", "insecure-development-key" if DEBUG else None)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")

_database_url = env_str("DATABASE_URL")
if not _database_url.startswith(("postgres://", "postgresql://")):
    # PostgreSQL is the only database: full-text search, row locks and the index cache rely on it.
    raise ImproperlyConfigured("DATABASE_URL must point to PostgreSQL (postgres://...).")
DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
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
    # Serves the pages' CSS and the admin's static files under gunicorn too, straight from the
    # apps' static folders (no collectstatic step needed to run).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
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

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
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
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
