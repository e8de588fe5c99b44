"""Fixtures every certificates test shares: uploads land in a temporary MEDIA_ROOT, Pillow's process-wide pixel
limit is put back after each test, and a 1+X programme for the world's major."""

from __future__ import annotations

import pytest
from PIL import Image

from tests import factories as f
from tests.media import media_root  # noqa: F401 (autouse: uploads land in a temporary folder)


@pytest.fixture(autouse=True)
def pillow_pixel_limit(monkeypatch):
    """config.uploads sets Image.MAX_IMAGE_PIXELS from the settings on every image; a test that lowers
    UPLOAD_MAX_PIXELS must not leave a tiny limit behind for the tests after it."""
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", Image.MAX_IMAGE_PIXELS)


@pytest.fixture
def program(world):
    """智能新能源汽车, offered at all three levels, for the world's major."""
    program = f.CertificateProgramFactory(name="智能新能源汽车")
    program.majors.add(world.major)
    return program
