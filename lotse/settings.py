"""The one settings module of Lotse, driven by the environment (see docs/operations.md).

Defaults give a working local demo on SQLite; `LOTSE_ENV=production` demands a secret key,
allowed hosts and turns on every transport-security setting so `check --deploy` is quiet.
"""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from lotse.env import database_from_url, env_bool, env_int, env_list, env_secret, env_str

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(env_str("LOTSE_VAR_DIR", str(PROJECT_DIR / "var")))

LOTSE_ENV = env_str("LOTSE_ENV", "development")
PRODUCTION = LOTSE_ENV == "production"
if LOTSE_ENV not in {"development", "production", "test"}:
    raise ImproperlyConfigured("LOTSE_ENV must be development, production or test")

DEBUG = env_bool("LOTSE_DEBUG", default=False)
_secret = env_secret("LOTSE_SECRET_KEY")
if PRODUCTION and (not _secret or len(_secret) < 50):
    raise ImproperlyConfigured(
        "LOTSE_SECRET_KEY (or LOTSE_SECRET_KEY_FILE) of 50+ characters is required"
    )
SECRET_KEY = _secret or "lotse-insecure-development-key-do-not-use-in-production-0123456789"

ALLOWED_HOSTS = env_list(
    "LOTSE_ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env_list("LOTSE_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "ninja",  # serves the Swagger UI of /api/v1/docs from its own static files, no CDN
    "lotse.core",
    "lotse.people",
    "lotse.consent",
    "lotse.pathways",
    "lotse.cases",
    "lotse.network",
    "lotse.appointments",
    "lotse.appointments.planning",
    "lotse.letters",
    "lotse.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "lotse.core.middleware.StaffLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "lotse.core.middleware.SecondFactorMiddleware",
    "lotse.core.middleware.TenantContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "lotse.urls"
WSGI_APPLICATION = "lotse.wsgi.application"
AUTH_USER_MODEL = "core.User"
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:home"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lotse.core.context_processors.navigation",
            ],
        },
    },
]

# --- database -------------------------------------------------------------------------------
_database_url = env_str("DATABASE_URL")
if _database_url:
    DATABASES = {"default": database_from_url(_database_url)}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(VAR_DIR / "lotse.sqlite3"),
            # WAL lets readers go on while one writer writes; IMMEDIATE avoids upgrade deadlocks.
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- passwords, sessions, log-in --------------------------------------------------------------
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
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
# Idle timeout: the session lives N minutes after the last request (saved on every request).
SESSION_COOKIE_AGE = env_int("LOTSE_SESSION_IDLE_MINUTES", 30, minimum=1) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
LOTSE_LOGIN_MAX_FAILURES = env_int("LOTSE_LOGIN_MAX_FAILURES", 5, minimum=1)
LOTSE_LOGIN_LOCK_MINUTES = env_int("LOTSE_LOGIN_LOCK_MINUTES", 15, minimum=1)
OTP_TOTP_ISSUER = "Lotse"

# --- i18n -----------------------------------------------------------------------------------
LANGUAGE_CODE = "de"
# Staff pages are German and English; the public booking portal and letters also speak the
# main languages of the people the Ausländerbehörde serves (Arabic and Farsi right-to-left).
LANGUAGES = [
    ("de", _("Deutsch")),
    ("en", _("Englisch")),
    ("ar", _("Arabisch")),
    ("uk", _("Ukrainisch")),
    ("tr", _("Türkisch")),
    ("fa", _("Persisch (Farsi)")),
    ("ru", _("Russisch")),
]
STAFF_LANGUAGES = ["de", "en"]
# Public pages that speak every language of LANGUAGES (chosen by ?lang=, see
# lotse/appointments/languages.py): the booking portal and the on-site device pages (kiosk).
LOTSE_MULTILINGUAL_PATHS = ["/termine/", "/kundensteuerung/vor-ort/geraet/"]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_SECURE = PRODUCTION
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- static and uploaded files --------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Outside production, serve static files straight from the apps (no collectstatic needed).
WHITENOISE_USE_FINDERS = not PRODUCTION
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(VAR_DIR / "private")},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
LOTSE_IMPORT_MAX_BYTES = env_int("LOTSE_IMPORT_MAX_BYTES", 50 * 1024 * 1024, minimum=1024)

# --- security headers -----------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_COOKIE_HTTPONLY = True
CSP_SELF = "'self'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [CSP_SELF],
        "script-src": [CSP_SELF],
        "style-src": [CSP_SELF],
        "img-src": [CSP_SELF, "data:"],
        "font-src": [CSP_SELF],
        "form-action": [CSP_SELF],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("LOTSE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("LOTSE_HSTS_SECONDS", 31536000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# --- e-mail ---------------------------------------------------------------------------------
# Outside production mails are written to var/mail (one file per message) instead of being sent.
EMAIL_BACKEND = env_str(
    "LOTSE_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.filebased.EmailBackend",
)
EMAIL_FILE_PATH = str(VAR_DIR / "mail")
EMAIL_HOST = env_str("LOTSE_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("LOTSE_EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("LOTSE_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_secret("LOTSE_EMAIL_PASSWORD", "") or ""
EMAIL_USE_TLS = env_bool("LOTSE_EMAIL_TLS", default=False)
DEFAULT_FROM_EMAIL = env_str("LOTSE_EMAIL_FROM", "Lotse <no-reply@lotse.invalid>")

# Base of links in e-mails and letters written by background jobs (no request to take it from).
LOTSE_PUBLIC_URL = env_str("LOTSE_PUBLIC_URL", "http://127.0.0.1:8000")

# --- caches and logging ---------------------------------------------------------------------
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOTSE_LOG_LEVEL", "INFO")},
    # Request lines can carry query strings; Lotse never puts personal data there, but keep
    # django.request at WARNING so bodies and headers are not logged either.
    "loggers": {"django.request": {"level": "WARNING"}},
}

# The name-token indexes carry extra columns (INCLUDE) on PostgreSQL; SQLite simply builds
# them without, which is what we want there.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

# --- Lotse ----------------------------------------------------------------------------------
LOTSE_DEMO = env_bool("LOTSE_DEMO", default=not PRODUCTION)
# Demo users may log in without a second factor so people can try Lotse (docs/security.md).
LOTSE_DEMO_OTP_EXEMPT = env_bool("LOTSE_DEMO_OTP_EXEMPT", default=not PRODUCTION)
LOTSE_PAGE_SIZE = env_int("LOTSE_PAGE_SIZE", 25, minimum=5)
FORM_RENDERER = "lotse.core.forms.KernRenderer"
