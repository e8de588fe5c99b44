"""`make run`: the product on one machine, the way people use it. The embedded defaults of base (SQLite in var/, the
in-memory channel layer, console e-mail) with DEBUG off: the static files are the collected ones, compressed
(gzip and brotli) and cached as production caches them, and errors never show a traceback. `make dev`
(config.settings.dev, DEBUG on) stays the development mode."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from .base import *  # noqa: F403
from .base import STATIC_ROOT, STATIC_URL, STORAGES, VAR_DIR, env

DEBUG = env.bool("DJANGO_DEBUG", default=False)


def local_secret_key(path: Path) -> str:
    """The secret key of this checkout: made once and kept in var/ (which git ignores), so sessions and
    password-reset links survive a restart without anyone having to invent a key."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    key = secrets.token_urlsafe(50)
    with os.fdopen(fd, "w") as out:
        out.write(key + "\n")
    return key


SECRET_KEY = env("DJANGO_SECRET_KEY", default="") or local_secret_key(VAR_DIR / "secret_key")

# whitenoise: collectstatic writes a .gz beside each file (and a .br beside the app's) plus Django's hashed copies
# (config/storage.py); WhiteNoise serves the smallest the browser accepts. A name carrying a hash of its content
# never changes meaning, so the browser keeps it for good: Vite's build (assets/<name>-<8 characters>.js) and
# Django's manifest names (base.<12 hex digits>.css), as nginx does (platform/nginx/site.conf).
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "config.storage.CompressedManifestStaticFilesStorage"}}
WHITENOISE_IMMUTABLE_FILE_TEST = (
    rf"^{STATIC_URL}(assets/.+-[A-Za-z0-9_-]{{8,}}\.[a-z0-9]+|.+\.[0-9a-f]{{12}}\.[a-z0-9]+)$"
)
# The app's page (never cached: config.views.spa) is the collected copy, so it names the files WhiteNoise found when
# it started, even after a new `vite build` in frontend/dist.
SPA_INDEX = Path(STATIC_ROOT) / "index.html"
