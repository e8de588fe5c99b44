from __future__ import annotations

import pytest
from django.utils import translation

from tests import factories as f
from tests.media import media_root  # noqa: F401 (autouse: uploads land in a temporary folder)


@pytest.fixture
def slot(world):
    """An open post-internship slot at the world's company, for the student's major, capacity 5."""
    world.company.headcount = 1000
    world.company.save()
    return f.SlotFactory(company=world.company, base=world.base, majors=[world.major], mentor=world.mentor)


@pytest.fixture
def eligible_student(world):
    """The world's student is in their second year or later and at least 16 when the slot starts."""
    from placements.rules import age_on, year_of_study

    slot_start = f.days_from_today(f.SLOT_LEAD_DAYS)
    assert year_of_study(world.student.entry_year, slot_start) >= 2
    assert age_on(world.student.birth_date, slot_start) >= 16
    return world.student


@pytest.fixture(autouse=True)
def english():
    """Services answer in English, so tests can read the rule a message cites (API clients ask for English
    too, see helpers.client_for)."""
    with translation.override("en"):
        yield


# -- match rounds ----------------------------------------------------------------------------------------------

from placements.services import rounds as round_services  # noqa: E402 (kept with the round fixtures)
from tests.placements.helpers import actor, make_slot, new_student  # noqa: E402


class RoundScene:
    """An open deferred-acceptance round of the world's school over the student's class (at most three choices,
    preferences due in a week): one-place slots A, B and C at the world's company and a two-place slot P at a
    partner company with its own HR. Four students take part: the world's student, the classmate and two more
    of their class, all advised by the world's teacher. Nobody has ranked anything yet.

    The steps go through the services as the person who may take them (the teacher runs the round)."""

    def __init__(self, world):
        world.company.headcount = 1000
        world.company.save()
        self.world = world
        self.partner = f.CompanyFactory(name="合作汽车零部件有限公司", headcount=1000)
        self.partner_hr = f.CompanyMemberFactory(company=self.partner, user__username="partnerhr")
        self.a, self.b, self.c = (make_slot(world, capacity=1, title=f"装调岗位{x}") for x in "ABC")
        self.p = make_slot(world, company=self.partner, capacity=2, title="合作企业质检岗位")
        self.students = [world.student, world.classmate, new_student(world), new_student(world)]
        self.round = f.MatchRoundFactory(
            institution=world.school, slots=[self.a, self.b, self.c, self.p], cohorts=[world.cohort]
        )
        self.url = f"/api/v1/match-rounds/{self.round.pk}/"

    def _teacher(self):
        return {"actor": actor(self.world.teacher.user)}

    def refresh(self):
        self.round.refresh_from_db()
        return self.round

    def rank(self, student, *slots):
        return round_services.preferences_set(
            actor=actor(student.user), round=self.refresh(), slot_ids=[s.pk for s in slots]
        )

    def order(self, slot, *students, hr=None):
        """The company's own order of the students who ranked `slot` (its HR by default)."""
        hr = hr or (self.partner_hr if slot.company_id == self.partner.pk else self.world.hr)
        round_services.priorities_set(
            actor=actor(hr.user), round=self.refresh(), slot=slot, student_ids=[s.pk for s in students]
        )

    def close(self):
        return round_services.round_close(round=self.refresh(), **self._teacher())

    def run(self):
        return round_services.round_run(round=self.refresh(), **self._teacher())

    def publish(self):
        return round_services.round_publish(round=self.refresh(), **self._teacher())

    def everyone_wants_a_then_b_then_c(self):
        """Four students, three one-place slots at the world's company, the same list: one is left unmatched
        (and slot P keeps both places)."""
        for student in self.students:
            self.rank(student, self.a, self.b, self.c)


@pytest.fixture
def round_scene(world):
    return RoundScene(world)
