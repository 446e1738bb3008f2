"""Settings for Incentive Desk, read from the environment.

The embedded default (no variables set) is SQLite with Celery running tasks
in-process; production sets DATABASE_URL, REDIS_URL, SECRET_KEY, DEBUG=false and
ALLOWED_HOSTS.
"""

from pathlib import Path

import environ
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"  # local state: the SQLite file, the generated secret key
VAR_DIR.mkdir(exist_ok=True)

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)


def _local_secret_key() -> str:
    """Without SECRET_KEY, a random key kept in var/ so sessions survive restarts."""
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        from django.core.management.utils import get_random_secret_key

        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(get_random_secret_key())
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = env.str("SECRET_KEY", default="") or _local_secret_key()
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "simple_history",
    "axes",
    # The project's apps, lowest layer first: each imports only from those above it in this list
    # (core/tests/test_layers.py enforces it; README's Architecture section draws it).
    "core",
    "policies",
    "engineers",
    "ledger",
    "paysetup",
    "attendance",
    "workorders",
    "servicedesk",
    "training",
    "appraisal",
    "welfare",
    "commission",
    "periodbonus",
    "careers",
    "payroll",
    "feedback",
    "whatif",
    "desk",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "core.middleware.RejectNulBytesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so a locked-out login is answered before any view runs.
    "axes.middleware.AxesMiddleware",
]

# Content-Security-Policy (django-csp): only our own files run or style a page. No inline script,
# no inline style attribute: behaviour is in static/js/app.js (data-confirm, data-autosubmit, …),
# sizes are classes in static/css/app.css. Bootstrap's CSS draws its icons from data: SVGs.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

ROOT_URLCONF = "config.urls"
# Django's form templates, with <select> written in Python (many options: see core/form_renderer.py).
FORM_RENDERER = "core.form_renderer.FormRenderer"
WSGI_APPLICATION = "config.wsgi.application"

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
                "core.context_processors.roles",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'incentive-desk.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Parameters are bound by the server: psycopg's client-side quoting of the close's
    # bulk inserts cost more than the inserts themselves (see bench/payroll_bench.py).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("server_side_binding", True)
    # A connection lives across requests (per server thread): opening one costs PostgreSQL a backend
    # process and more CPU than most pages' queries (bench/load_bench.py). Checked before reuse.
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DB_CONN_MAX_AGE", default=300))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
    # A query run five times on a connection is prepared: PostgreSQL plans it once, not per request (the
    # scoped lists' joins took longer to plan than to run). Set DB_PREPARE_THRESHOLD=0 behind a pooler
    # in transaction mode (PgBouncer before 1.21), which cannot keep a connection's prepared statements.
    if prepare_threshold := env.int("DB_PREPARE_THRESHOLD", default=5):
        DATABASES["default"]["OPTIONS"].setdefault("prepare_threshold", prepare_threshold)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "core.passwords.CharacterClassesValidator", "OPTIONS": {"min_classes": 3}},
]
# Workshop PCs are shared: a session ends with the browser, and after 8 hours at most.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Lock-out after repeated failed logins (django-axes): per user name and address.
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str("STATICFILES_BACKEND", default="whitenoise.storage.CompressedManifestStaticFilesStorage")
    },
}
MEDIA_ROOT = VAR_DIR / "media"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "config.api.exception_handler",
    "COERCE_DECIMAL_TO_STRING": True,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Incentive Desk API",
    "DESCRIPTION": "激励台 — after-sales incentive administration. Money is sent as strings.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI served from our own static files: intranets are often offline.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "AbsenceKindEnum": "engineers.models.people.AbsenceKind",
        "BonusKindEnum": "workorders.models.bonus.BonusKind",
        "AwardKindEnum": "appraisal.models.awards.AwardKind",
        "RequestStatusEnum": "workorders.models.bonus.RequestStatus",
        "AwardStatusEnum": "appraisal.models.awards.AwardStatus",
        "EngineerStatusEnum": "engineers.models.people.EngineerStatus",
        "PieceRateTableStatusEnum": "workorders.models.jobs.PieceRateTableStatus",
        "ScorecardStatusEnum": "appraisal.models.scorecards.ScorecardStatus",
        "CampaignStatusEnum": "appraisal.models.grades.CampaignStatus",
        "TechnicalGradeEnum": "engineers.models.people.TechnicalGrade",
        "AdditionalDeductionEnum": "policies.choices.AdditionalDeduction",
        "BankEnum": "policies.choices.Bank",
        "PieceRateModeEnum": "policies.choices.PieceRateMode",
        "ServiceCategoryEnum": "policies.choices.ServiceCategory",
        "ServicePriorityEnum": "policies.choices.ServicePriority",
        "ServiceRequestStateEnum": "servicedesk.models.State",
        "SkillEnum": "engineers.models.people.Skill",
        "GrantKindEnum": "welfare.models.GrantKind",
        "RecordableGrantKindEnum": "welfare.models.RECORDABLE_KIND_CHOICES",
        "BatchGrantKindEnum": "welfare.models.BATCH_KIND_CHOICES",
        "PeriodKindEnum": "periodbonus.models.PeriodKind",
        "RoundStatusEnum": "periodbonus.models.RoundStatus",
        "CareerRankEnum": "engineers.models.people.CareerRank",
        "TrainingAttendanceStatusEnum": "training.models.AttendanceStatus",
        "FeedbackCategoryEnum": "feedback.models.Category",
        "PromotionReviewKindEnum": "careers.models.ReviewKind",
    },
}

# Celery: with REDIS_URL, a Redis broker and result backend and a separate worker;
# without it, tasks run in-process so the embedded default needs nothing else.
REDIS_URL = env.str("REDIS_URL", default="")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
# A job is acknowledged when it ends, not when it starts: a worker killed mid-close leaves the
# message to be delivered again (every job here may run twice: the close re-checks under its lock).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_TASK_TRACK_STARTED = True  # the period page tells a queued close from a started one
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Redis hands an unacknowledged job to another worker after this many seconds: longer than the
# longest job (a 10,000-engineer close with its PDFs takes minutes), short enough that a close whose
# worker died resumes by itself soon after a worker is back.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=900)}
# A close of more engineers than this runs as chunks of this many on any number of workers (payroll/chunks.py);
# a smaller company closes in one transaction, as before.
PAYROLL_CLOSE_CHUNK_SIZE = env.int("PAYROLL_CLOSE_CHUNK_SIZE", default=5000)
# Payslip list pages of closed months are kept this long for the next reader of the same page
# (payroll/kept_pages.py; a close, reopen or publication shows at once); 0 reads every page afresh.
PAYSLIP_PAGES_KEPT_SECONDS = env.int("PAYSLIP_PAGES_KEPT_SECONDS", default=120)
# The computed part of HR's work-order list, the KPI grid and the bonus inbox is kept this long for the
# next read while no transaction wrote the application's tables (core/live_pages.py; PostgreSQL only);
# 0 computes every read afresh.
LIVE_PAGES_KEPT_SECONDS = env.int("LIVE_PAGES_KEPT_SECONDS", default=300)
CELERY_RESULT_EXPIRES = 7 * 24 * 3600

CACHES = {
    "default": (
        {"BACKEND": "core.cache.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
    # Two installations (or two test workers) sharing one Redis keep apart by prefix.
    | {"KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="")}
}
# With Redis, sessions are read from it and written through to the database: a page no longer queries
# the session table. Without Redis (the embedded default) they stay in the database: a cache local to
# each process would keep a session another process had ended.
if REDIS_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="激励台 <noreply@incentive-desk.local>")

# Cookies and headers: strict whenever DEBUG is off.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx and fetch() read the token from the cookie
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

# The company named on controlled documents and forms.
COMPANY_NAME = env.str("COMPANY_NAME", default="广东五星太阳能 XX 公司")

# Work-order Excel import: rows beyond this are refused rather than held in memory.
WORKORDER_IMPORT_MAX_ROWS = env.int("WORKORDER_IMPORT_MAX_ROWS", default=5000)
# The attendance machine's export: one row per engineer and month.
ATTENDANCE_IMPORT_MAX_ROWS = env.int("ATTENDANCE_IMPORT_MAX_ROWS", default=5000)
# Any uploaded workbook: refused above these sizes before it is parsed (core.uploads). 5,000 rows
# of the work-order template are about 0.3 MB zipped and 3 MB unpacked (bench/import_limit.py).
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=5 * 1024 * 1024)
IMPORT_MAX_UNZIPPED_BYTES = env.int("IMPORT_MAX_UNZIPPED_BYTES", default=64 * 1024 * 1024)

# Customer survey (servicedesk): how long a link stays valid, and how many hits one address may make on the
# public survey pages in a window before it is answered 429.
SURVEY_DAYS = env.int("SURVEY_DAYS", default=14)
SURVEY_RATE_LIMIT = env.int("SURVEY_RATE_LIMIT", default=30)
SURVEY_RATE_WINDOW_SECONDS = env.int("SURVEY_RATE_WINDOW_SECONDS", default=600)
