"""The test suite: fast password hashing, no rate limits unless a test turns them on, e-mail kept in memory."""

import os

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SMS_BACKEND = "core.sms.LocmemBackend"
REMINDERS_ON_DEMAND = False  # a test turns it on where it is about it: reading the to-do sends no notice otherwise
ACCOUNT_RATE_LIMITS = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {"activation": "1000/hour", "invitation": "1000/hour"},
}

# Threads in the concurrency tests need a real file: SQLite's shared in-memory cache locks whole tables and
# fails at once instead of waiting.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # One file per test process, so parallel runs never share it.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-db-{os.getpid()}.sqlite3")}  # noqa: F405
