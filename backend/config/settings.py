"""Provides the Django settings; everything deployment-specific comes from the environment."""

from __future__ import annotations

from backend.config import env

DATA_DIR = env.data_dir()
CONTENT_DIR = env.content_dir()
SECRET_KEY = env.secret_key(DATA_DIR)
DEBUG = env.debug()
ALLOWED_HOSTS = env.allowed_hosts()

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",
    "backend.municipalities",
    "backend.guidance",
    "backend.booking",
    "backend.assistance",
    "backend.figures",
    "backend.limits",  # rate limits on guessing (sign-ins, booking look-ups, device keys; ADR 0010)
    "workspace",  # the staff pages at /staff/ (a UI beside the kiosk and the console; see workspace/)
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "backend.config.headers.SecurityHeadersMiddleware",  # Content-Security-Policy (issue #15)
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
# The site is the backend's URLs plus the staff workspace's pages (workspace/urls.py includes both);
# backend/config/urls.py alone serves the API, the admin and their static files.
ROOT_URLCONF = "workspace.urls"
LOGIN_URL = "/staff/login/"
LOGIN_REDIRECT_URL = "/staff/"
TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True, "DIRS": [],
              "OPTIONS": {"context_processors": ["django.template.context_processors.request",
                                                 "django.contrib.auth.context_processors.auth",
                                                 "django.contrib.messages.context_processors.messages"]}}]
DATABASES = {"default": env.database(env.database_url(), DATA_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Staff accounts see residents' names and phone numbers: their passwords pass Django's checks
# (madoguchi staff add, the admin's password forms). 10 characters, as a passphrase is easy to type.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
USE_TZ = True
TIME_ZONE = "Asia/Tokyo"
LANGUAGE_CODE = "ja"
STATIC_URL = "/static/"

# --- Security headers and abuse limits, every profile (issue #15; production.py adds HTTPS) ----
# X-Content-Type-Options, Referrer-Policy and X-Frame-Options from Django's middleware; the
# Content-Security-Policy from backend/config/headers.py.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# The API docs and the OpenAPI are public in the embedded demo; production.py puts them behind sign-in.
API_DOCS_PUBLIC = True
# Where the rate limits read a client's address behind a reverse proxy (ADR 0010); None: REMOTE_ADDR.
CLIENT_ADDRESS_HEADER = env.client_address_header()
# --- end of issue #15's settings ------------------------------------------------------------

# Booking: how long a hold keeps a place while the resident fills in the form, and how many days
# after an appointment its name and phone number are erased (manage.py erase_booking_personal_data).
BOOKING_HOLD_SECONDS = env.hold_seconds()
BOOKING_RETENTION_DAYS = env.retention_days()
# Volunteer console sign-ins last a working day.
VOLUNTEER_TOKEN_HOURS = env.volunteer_token_hours()

# Logs carry no personal data: requests are not logged with their bodies, only errors with codes.
LOG_FILE = env.log_file()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "main": {"class": "logging.FileHandler", "filename": LOG_FILE, "formatter": "plain", "encoding": "utf-8"}
        if LOG_FILE else {"class": "logging.StreamHandler", "formatter": "plain"},
    },
    "root": {"handlers": ["main"], "level": "WARNING"},
    "loggers": {"backend": {"level": "INFO"}, "django.request": {"level": "ERROR"}},
}

# The API's bodies are small JSON documents (the largest, 200 booking references, is a few KiB):
# anything near a megabyte is refused with 413 before it is parsed. The staff pages' forms fit too.
DATA_UPLOAD_MAX_MEMORY_SIZE = 512 * 1024
# Under /api/ every refusal is the API's JSON envelope, even those made outside django-ninja, and
# NUL characters are refused (backend/config/envelope.py). Just inside SecurityMiddleware, so its
# headers are on these answers too and everything after it is covered.
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
                  "backend.config.envelope.ApiEnvelopeMiddleware")
