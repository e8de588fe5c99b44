"""Uploads in tests go to a temporary MEDIA_ROOT: a conftest that imports ``media_root`` turns it on for every
test below it (the certificates' and placements' tests store files)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files go to a temporary folder, so a test can see exactly what was (not) stored."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = str(root)
    return root
