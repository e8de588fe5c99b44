from __future__ import annotations

from datetime import date

import pytest

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
