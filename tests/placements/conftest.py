from __future__ import annotations

from datetime import date

import pytest
from django.utils import translation

from tests import factories as f


@pytest.fixture
def slot(world):
    """An open post-internship slot at the world's company, for the student's major, capacity 5."""
    world.company.headcount = 1000
    world.company.save()
    return f.SlotFactory(company=world.company, base=world.base, majors=[world.major], mentor=world.mentor)


@pytest.fixture
def eligible_student(world):
    """The world's student is in their second year when the slot starts (entered 2024, slot starts 2027)."""
    assert world.student.entry_year == 2024
    assert world.student.birth_date < date(2010, 1, 1)
    return world.student


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files go to a temporary folder, so a test can see exactly what was (not) stored."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = str(root)
    return root


@pytest.fixture(autouse=True)
def english():
    """Services answer in English, so tests can read the rule a message cites (API clients ask for English
    too, see helpers.client_for)."""
    with translation.override("en"):
        yield
