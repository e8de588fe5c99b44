from tests.media import media_root  # noqa: F401  (every test here stores files in a temporary MEDIA_ROOT)
