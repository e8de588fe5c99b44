"""Production: PostgreSQL, Redis, HTTPS. Refuses to start without a real secret key."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY or SECRET_KEY.startswith("dev-only") or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set to a random value of at least 50 characters.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 30)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
ACCOUNT_EMAIL_VERIFICATION = env("ACCOUNT_EMAIL_VERIFICATION", default="mandatory")

# Behind nginx (platform/nginx/site.conf), which serves /static/ itself: hashed names, a year's cache.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "config.storage.CompressedManifestStaticFilesStorage"},
}
# Load balancers probe the workers directly over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^health/", r"^metrics$"]
# nginx appends the client to X-Forwarded-For: the last entry is the real client, so allauth's rate limits count
# per client, not per nginx. One proxy in front by default; more (a load balancer before nginx) add one each.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("ALLAUTH_TRUSTED_PROXY_COUNT", default=1)

# celery: Redis is the broker unless another is named
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL)  # noqa: F405
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
REMINDERS_ON_DEMAND = env.bool("REMINDERS_ON_DEMAND", default=not CELERY_BROKER_URL)

# django-prometheus: request latency by route and database queries, read at /metrics (loopback or token)
INSTALLED_APPS = [*INSTALLED_APPS, "django_prometheus"]  # noqa: F405
MIDDLEWARE = [
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    *MIDDLEWARE,  # noqa: F405
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]
for _alias in DATABASES:  # noqa: F405  (the primary and, when set, the report's read replica)
    if DATABASES[_alias]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
        DATABASES[_alias]["ENGINE"] = "django_prometheus.db.backends.postgresql"  # noqa: F405
    # a kept connection is checked before its request uses it: after PostgreSQL restarts, none fails a request
    DATABASES[_alias]["CONN_HEALTH_CHECKS"] = True  # noqa: F405

# Logs: one JSON object a line, with the request id nginx sets (X-Request-ID)
LOGGING = {
    **LOGGING,  # noqa: F405
    "filters": {"request_id": {"()": "config.observability.RequestIdFilter"}},
    "formatters": {"json": {"()": "config.observability.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json", "filters": ["request_id"]}},
}
MIDDLEWARE.insert(1, "config.observability.RequestIdMiddleware")

# Error reporting, only when a DSN is given (sentry-sdk is in the `platform` extra)
SENTRY_DSN = env("SENTRY_DSN", default="")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(dsn=SENTRY_DSN, send_default_pii=False, traces_sample_rate=0.0)
