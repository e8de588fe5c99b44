"""How collectstatic stores the static files: WhiteNoise's storages, with two changes for this project.

- Brotli (about an eighth smaller than gzip at its best quality, but some thirty times slower to make) only for the
  app's own build, which phones load on every first visit; the admin's and the API docs' 10 MB get gzip alone, so
  collectstatic stays quick.
- The manifest storage does not hash the app's build a second time: Vite already names each file by its content
  (assets/<name>-<hash>.js), and index.html must keep its name to be served as the app's page.
"""

from __future__ import annotations

import re

from whitenoise import compress, storage

# Vite's output: assets/<name>-<8 characters of its content's hash>.<ext> (platform/nginx/site.conf, the same)
APP_BUILD = re.compile(r"(^|/)assets/[^/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$")


class Compressor(compress.Compressor):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.gzip_only = compress.Compressor(**{**kwargs, "use_brotli": False})

    def compress(self, path: str) -> list[str]:
        # Called from several threads at once: choose a compressor, never change one.
        if APP_BUILD.search(path):
            return super().compress(path)
        return self.gzip_only.compress(path)


class CompressedStaticFilesStorage(storage.CompressedStaticFilesStorage):
    def create_compressor(self, **kwargs) -> Compressor:
        return Compressor(**kwargs)


class CompressedManifestStaticFilesStorage(storage.CompressedManifestStaticFilesStorage):
    def create_compressor(self, **kwargs) -> Compressor:
        return Compressor(**kwargs)

    def hashed_name(self, name, content=None, filename=None):
        if name == "index.html" or APP_BUILD.search(name):
            return name
        return super().hashed_name(name, content, filename)
