"""Settings shared by every environment. Everything comes from environment variables, with embedded defaults
that run the whole platform on one machine: SQLite in var/, the in-memory channel layer, console e-mail."""

from __future__ import annotations

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="dev-only-insecure-key-change-me-in-production-0123456789")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list(
    "DJANGO_CSRF_TRUSTED_ORIGINS",
    default=["http://127.0.0.1:8000", "http://localhost:8000", "http://127.0.0.1:5173"],
)

# Applications
INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # third party
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI served from here, not a CDN
    "channels",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.headless",
    # ours
    "accounts",
    "schools",
    "companies",
    "placements",
    "notices",
    "certificates",
    "alumni",
    "fieldwork",
    "careers",
    "careers.fairs",  # recruitment fairs: an app of their own inside careers
    "core",  # background jobs (core.models.Job); the rest of core has no models
    "demo",  # last: its seed_demo loads every app's demo.py
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # the database briefly away (a restart): 503 + Retry-After instead of a 500, whichever layer met it
    "config.middleware.DatabaseUnavailableMiddleware",
    "config.csp.PolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.RateLimitedMiddleware",
    "config.middleware.JsonBodyTooDeepMiddleware",
    "accounts.middleware.AdminRequiresMfaMiddleware",
]

ROOT_URLCONF = "config.urls"
ASGI_APPLICATION = "config.asgi.application"
WSGI_APPLICATION = None

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "config" / "templates"],
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

# Database: SQLite in var/ unless DATABASE_URL is set
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# A read replica (PostgreSQL streaming replication) for the Stay-in-Wuhan report (config/db_router.py); unset: the
# report reads the primary. In tests it mirrors the default database.
DATABASE_REPLICA_URL = env("DATABASE_REPLICA_URL", default="")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = env.db("DATABASE_REPLICA_URL")
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["config.db_router.ReplicaRouter"]
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL + a busy timeout let concurrent writers queue instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DJANGO_CONN_MAX_AGE", default=60))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis: the channel layer and the cache when REDIS_URL is set
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Auth
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/login"

# Internationalisation: Chinese first, English second
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# Static files and the built single-page app
STATIC_URL = "/static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=str(VAR_DIR / "static"))
FRONTEND_DIST = BASE_DIR / "frontend" / "dist"
STATICFILES_DIRS = [FRONTEND_DIST] if FRONTEND_DIST.exists() else []
Path(STATIC_ROOT).mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "config.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=str(VAR_DIR / "media"))
# Uploaded files are never served from a public URL; views check who may read them.
MEDIA_URL = "/media-not-public/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# E-mail
EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="noreply@placements.example.com")

# Sessions and cookies: the SPA shares the session with /admin and the WebSocket
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False  # the SPA reads it to send X-CSRFToken

# django-csp: no inline or foreign scripts anywhere (the built app, the API docs and the admin load theirs from
# /static/); inline styles stay allowed because Element Plus and Swagger UI set style attributes. The socket's
# ws(s):// source is added per request (config/csp.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# django-allauth
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email", "username", "phone"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = env("ACCOUNT_EMAIL_VERIFICATION", default="optional")
ACCOUNT_UNIQUE_EMAIL = True
# allauth 65 has no on/off setting of its own: ACCOUNT_RATE_LIMITS = False turns every limit off (sign-in,
# codes, sign-up), and leaving it unset keeps allauth's defaults.
if not env.bool("ACCOUNT_RATE_LIMITS_ENABLED", default=True):
    ACCOUNT_RATE_LIMITS = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_PHONE_VERIFICATION_ENABLED = True
HEADLESS_ONLY = True
HEADLESS_FRONTEND_URLS = {
    "account_confirm_email": "/account/verify-email/{key}",
    "account_reset_password": "/account/password/reset",
    "account_reset_password_from_key": "/account/password/reset/key/{key}",
    "account_signup": "/signup",
}
HEADLESS_SERVE_SPECIFICATION = True
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "武汉校企实习平台"
# Staff must sign in with two factors before the admin site lets them in (accounts.middleware).
ADMIN_REQUIRES_MFA = env.bool("ADMIN_REQUIRES_MFA", default=True)

# Django REST framework
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "config.authentication.SessionAuthentication",
        "allauth.headless.contrib.rest_framework.authentication.XSessionTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # Our JSON parser answers a too deeply nested body with a 400 (DRF's lets a RecursionError through).
    "DEFAULT_PARSER_CLASSES": [
        "config.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_FILTER_BACKENDS": [
        "config.filters.DjangoFilterBackend",  # django-filter's, with numbers bounded to 64 bits
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "config.api.Pagination",
    "DEFAULT_SCHEMA_CLASS": "config.schema.AutoSchema",
    "EXCEPTION_HANDLER": "config.api.exception_handler",
    # per client address; the browser tests' server raises them (tests/live.py): all its students activate from
    # one loopback address
    "DEFAULT_THROTTLE_RATES": {
        "activation": env("ACTIVATION_RATE", default="10/hour"),
        "invitation": env("INVITATION_RATE", default="30/hour"),
    },
    # `?format=xlsx|csv` asks our report views for a download; DRF must not treat it as a renderer name.
    "URL_FORMAT_OVERRIDE": None,
}

# drf-spectacular
SPECTACULAR_SETTINGS = {
    "TITLE": "武汉校企实习平台 API / Wuhan placement platform API",
    "DESCRIPTION": "Placements between Wuhan's vocational colleges and the NEV industry.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "TeacherRoleEnum": "schools.models.Teacher.Role",
        "CompanyMemberRoleEnum": "companies.models.CompanyMember.Role",
        "GradeEnum": "placements.choices.Grade",
        "InternshipKindEnum": "placements.choices.InternshipKind",
        "TrainingBaseKindEnum": "companies.models.TrainingBase.Kind",
        "DocumentKindEnum": "placements.choices.DocumentKind",
        "BreachKindEnum": "placements.choices.BreachKind",
        "AssessorRoleEnum": "placements.choices.AssessorRole",
        "SlotStatusEnum": "placements.choices.SlotStatus",
        "PlacementStatusEnum": "placements.choices.PlacementStatus",
        "BreachStatusEnum": "placements.choices.BreachStatus",
        "HoursExceptionKindEnum": "placements.choices.HoursExceptionKind",
        "HoursExceptionStatusEnum": "placements.choices.HoursExceptionStatus",
        "VettingStatusEnum": "companies.models.VettingStatus",
        "CertificateLevelEnum": "certificates.models.Level",
        "OutcomeStatusEnum": "alumni.models.OutcomeStatus",
        "MatchRoundStatusEnum": "placements.models.MatchRound.Status",
        "AssessmentSessionStatusEnum": "certificates.models.AssessmentSession.Status",
        "StudentCertificateStatusEnum": "certificates.models.StudentCertificate.Status",
        "RoleEnum": "accounts.roles.Role",
        "InvitationStatusEnum": "accounts.models.Invitation.Status",
        "RejectionReasonEnum": "placements.matching.result.RejectionReason",
        "IncidentKindEnum": "fieldwork.models.IncidentKind",
        "IncidentSideEnum": "fieldwork.models.ReporterSide",
        "IncidentStatusEnum": "fieldwork.models.IncidentStatus",
        "LeaveKindEnum": "fieldwork.models.LeaveKind",
        "LeaveStatusEnum": "fieldwork.models.LeaveStatus",
        "CheckInOutcomeEnum": "fieldwork.models.CheckInOutcome",
        "OutcomeEnum": "companies.models.SiteInspection.Outcome",
        "FieldWorkStatusEnum": "fieldwork.models.FieldWorkStatus",
        "FairStatusEnum": "careers.fairs.models.FairStatus",
        "BoothStatusEnum": "careers.fairs.models.BoothStatus",
        "SegmentEnum": "companies.models.Segment",
        # a shape's constant flag (a round's result: `ran`), so the app's union types tell the shapes apart
        "TrueEnum": [(True, True)],
        "FalseEnum": [(False, False)],
    },
}

# channels
if REDIS_URL:
    # redis-py's pool refuses (rather than waits) past max_connections, and every socket that joins or leaves
    # a group borrows a connection: size it for bursts of connections per worker.
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                "hosts": [
                    {
                        "address": REDIS_URL,
                        "max_connections": env.int("REDIS_MAX_CONNECTIONS", default=2000),
                        # redis-py 8 reads with a 5 s timeout, the same 5 s channels-redis blocks on BZPOPMIN:
                        # under load the read loses the race and the socket's consumer dies. Give reads room.
                        "socket_timeout": env.float("REDIS_SOCKET_TIMEOUT", default=15.0),
                        "socket_connect_timeout": 5,
                    }
                ],
                "capacity": env.int("CHANNELS_CAPACITY", default=1000),
            },
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# celery: background jobs. Without a broker (CELERY_BROKER_URL; production uses REDIS_URL) every task runs
# inline in the request, so `make run` and the tests need nothing new.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
# Without a scheduler (no broker: `make run`), a student's day-before journal digest is computed when their app opens
# (GET /api/v1/me/todo/); on the platform Celery beat sends it each morning.
REMINDERS_ON_DEMAND = env.bool("REMINDERS_ON_DEMAND", default=not CELERY_BROKER_URL)
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
# Acknowledged after the work is done: a job whose worker is killed goes back to the queue and, with a short
# visibility timeout, runs again within a minute (jobs are written to be idempotent).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=60)}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# Serving uploaded files: after the permission check a view either streams the file itself (the default) or,
# behind nginx, answers with X-Accel-Redirect to this internal location (platform/nginx/site.conf).
FILES_X_ACCEL_PREFIX = env("FILES_X_ACCEL_PREFIX", default="")
# /metrics answers loopback clients, or anyone sending this token as a Bearer token.
METRICS_TOKEN = env("METRICS_TOKEN", default="")

# Our settings
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")  # for links in e-mails sent outside a request
STUDENT_ACTIVATION_CODE_DAYS = env.int("STUDENT_ACTIVATION_CODE_DAYS", default=30)
STUDENT_ACTIVATION_MAX_ATTEMPTS = env.int("STUDENT_ACTIVATION_MAX_ATTEMPTS", default=5)
# Staff invitations (accounts.services): how long a link stays valid, counted from when it was (re)sent.
INVITATION_DAYS = env.int("INVITATION_DAYS", default=7)
# Text messages (core.sms): a gateway's backend in production; the default writes them to the log (number masked).
SMS_BACKEND = env("SMS_BACKEND", default="core.sms.ConsoleBackend")
SMS_FILE_PATH = env("SMS_FILE_PATH", default=str(VAR_DIR / "sms.log"))  # core.sms.FileBackend's file
# A guardian's consent link (placements.services.consent): days it stays valid, wrong codes before it locks, and
# the requests one address may make to the guardian's pages in an hour.
GUARDIAN_CONSENT_DAYS = env.int("GUARDIAN_CONSENT_DAYS", default=7)
GUARDIAN_CONSENT_MAX_ATTEMPTS = env.int("GUARDIAN_CONSENT_MAX_ATTEMPTS", default=5)
GUARDIAN_CONSENT_RATE = env("GUARDIAN_CONSENT_RATE", default="60/hour")
# Anyone may create an account (a company registering itself needs one); set to false to allow only
# invitations and student activation codes. What an unvouched account can do: README, "Who can sign up".
ACCOUNT_SIGNUP_OPEN = env.bool("ACCOUNT_SIGNUP_OPEN", default=True)
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=5000)
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=5 * 1024 * 1024)
# An XLSX is a ZIP archive: what it may inflate to, in all and per member (see config.importing.check_archive).
IMPORT_MAX_UNCOMPRESSED_BYTES = env.int("IMPORT_MAX_UNCOMPRESSED_BYTES", default=20 * 1024 * 1024)
IMPORT_MAX_COMPRESSION_RATIO = env.int("IMPORT_MAX_COMPRESSION_RATIO", default=100)
# Background jobs (core.jobs): an import of more rows than this, or an export of more rows, leaves the request and
# runs as a job with a progress bar; below, it answers inline as before (the same result). Result files are kept
# for the owner this many days.
JOBS_IMPORT_THRESHOLD = env.int("JOBS_IMPORT_THRESHOLD", default=300)
JOBS_EXPORT_THRESHOLD = env.int("JOBS_EXPORT_THRESHOLD", default=2000)
# The Stay-in-Wuhan page shows at most this many rows of a breakdown, those with the most graduates, and sums the
# rest in one line (an employer breakdown has tens of thousands of rows at city scale); its export has them all.
STAY_BREAKDOWN_ROWS = env.int("STAY_BREAKDOWN_ROWS", default=200)
# A class's internship archive (one PDF a placement, about half a second each) beyond this many placements.
JOBS_ARCHIVE_THRESHOLD = env.int("JOBS_ARCHIVE_THRESHOLD", default=10)
JOBS_RESULT_DAYS = env.int("JOBS_RESULT_DAYS", default=7)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# The internship regulation's numbers (COMPLIANCE.md): settings, not constants, because several come from the
# 2016 text or provincial rules and must be checked before they are relied on.
PLACEMENT_RULES = {
    "MIN_AGE": env.int("RULE_MIN_AGE", default=16),  # rule 4
    "DAILY_HOURS_CAP": env.float("RULE_DAILY_HOURS_CAP", default=8.0),  # art. 17: regular hours a day
    "WEEKLY_HOURS_CAP": env.float("RULE_WEEKLY_HOURS_CAP", default=40.0),  # art. 17: regular hours a week
    "MIN_REST_DAYS": env.int("RULE_MIN_REST_DAYS", default=1),  # art. 17: rest days a week
    # art. 17: regular hours lie outside the night; night work only as an approved and filed exception.
    "NIGHT_STARTS": env.str("RULE_NIGHT_STARTS", default="22:00"),
    "NIGHT_ENDS": env.str("RULE_NIGHT_ENDS", default="06:00"),
    # Overtime an approved and filed exception may allow: the Labour Law's limits for employees (art. 41).
    "OVERTIME_DAILY_CAP": env.float("RULE_OVERTIME_DAILY_CAP", default=3.0),
    "OVERTIME_MONTHLY_CAP": env.float("RULE_OVERTIME_MONTHLY_CAP", default=36.0),
    # art. 18: a post's wage is an employee's wage, not below Wuhan's monthly minimum wage (CNY). Hubei's first
    # tier (Wuhan) is 2,210 a month from 1 February 2024 (《湖北省人民政府办公厅关于调整全省最低工资标准的通知》;
    # the Ministry of Human Resources and Social Security's table of provincial minimum wages lists Hubei's first
    # tier at 2,210). Check for a later adjustment before relying on it; RULE_MIN_MONTHLY_WAGE="" unsets it, and
    # every slot check then says the minimum wage must be set.
    "MIN_MONTHLY_WAGE": env.str("RULE_MIN_MONTHLY_WAGE", default="2210") or None,
    "COMPANY_INTERN_SHARE": env.float("RULE_COMPANY_INTERN_SHARE", default=0.10),  # rule 8
    "POST_INTERN_SHARE": env.float("RULE_POST_INTERN_SHARE", default=0.20),  # rule 8
    "POST_INTERNSHIP_MONTHS": env.int("RULE_POST_INTERNSHIP_MONTHS", default=6),  # rule 9 (a warning)
    "MIN_STIPEND_RATIO": env.float("RULE_MIN_STIPEND_RATIO", default=0.80),  # rule 10
    "INSPECTION_VALID_DAYS": env.int("RULE_INSPECTION_VALID_DAYS", default=365),  # rule 14
}
CERTIFICATE_UPLOAD_MAX_BYTES = env.int("CERTIFICATE_UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
PLACEMENT_UPLOAD_MAX_BYTES = env.int("PLACEMENT_UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
UPLOAD_MAX_PIXELS = env.int("UPLOAD_MAX_PIXELS", default=40_000_000)
