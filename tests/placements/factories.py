"""factory_boy factories for placements: slots, placements and their papers, match rounds."""

from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone

from core.calendar import term_for
from tests.companies.factories import CompanyFactory, CompanyMemberFactory, OffCampusBaseFactory
from tests.dates import DEADLINE_BEFORE_START_DAYS, SLOT_LEAD_DAYS, days_from_today, slot_end, today
from tests.schools.factories import InstitutionFactory, StudentFactory


class SlotFactory(factory.django.DjangoModelFactory):
    """An open post-internship slot that obeys every rule (so tests change one thing to break one rule)."""

    class Meta:
        model = "placements.Slot"
        skip_postgeneration_save = True

    company = factory.SubFactory(CompanyFactory)
    base = factory.LazyAttribute(lambda s: OffCampusBaseFactory(company=s.company))
    title = factory.Sequence(lambda n: f"新能源汽车装调实习岗{n}")
    job_cluster_id = "production"
    kind = "post"
    capacity = 5
    post_headcount = 100
    start_date = factory.LazyFunction(lambda: days_from_today(SLOT_LEAD_DAYS))
    end_date = factory.LazyAttribute(lambda s: slot_end(s.start_date))
    term = factory.LazyAttribute(lambda s: term_for(s.start_date))
    daily_hours = 8
    work_hazard = "ordinary"
    post_wage = 5000
    stipend = 4000
    application_deadline = factory.LazyAttribute(lambda s: s.start_date - timedelta(days=DEADLINE_BEFORE_START_DAYS))
    status = "open"
    # Confirmation needs a company mentor: the company's own, or a new one (`mentor=None` for a slot without).
    mentor = factory.LazyAttribute(lambda s: company_mentor(s.company))

    @factory.post_generation
    def majors(self, create, extracted, **kwargs):
        if create and extracted:
            self.majors.set(extracted)


def company_mentor(company):
    """The company's first current mentor, or a new one."""
    from companies.models import CompanyMember

    found = company.members.filter(role=CompanyMember.Role.MENTOR, archived_at__isnull=True).order_by("pk").first()
    return found or CompanyMemberFactory(company=company, role=CompanyMember.Role.MENTOR)


# -- placements ------------------------------------------------------------------------------------------------

MINIMAL_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


class PlacementFactory(factory.django.DjangoModelFactory):
    """A placement put straight into a status (bypassing the services), for tests about what comes later."""

    class Meta:
        model = "placements.Placement"
        skip_postgeneration_save = True

    student = factory.SubFactory(StudentFactory)
    slot = factory.SubFactory(SlotFactory)
    rank = 1
    status = "pending"
    term = factory.LazyAttribute(lambda p: p.slot.term)
    # As application_submit sets them: the slot's mentor and the student's advisor.
    mentor = factory.LazyAttribute(lambda p: p.slot.mentor)
    teacher = factory.LazyAttribute(lambda p: p.student.advisor)

    @factory.lazy_attribute
    def started_at(self):
        return timezone.now() if self.status in ("active", "completed", "ended_early") else None

    @factory.post_generation
    def trained(self, create, extracted, **kwargs):
        """A confirmed (or later) placement has its passed safety training unless `trained=False`."""
        if create and extracted is not False and self.status not in ("pending", "approved", "accepted"):
            SafetyTrainingFactory(placement=self)

    @factory.post_generation
    def filed(self, create, extracted, **kwargs):
        """A confirmed (or later) post internship has its school's filing with the education authority unless
        `filed=False` (placements.services.filing)."""
        later = self.status not in ("pending", "approved", "accepted")
        if create and extracted is not False and later and self.slot.kind == "post":
            FilingFactory(institution=self.student.institution).placements.add(self)


class FilingFactory(factory.django.DjangoModelFactory):
    """A filing with the education authority, recorded a few days ago (add the placements it covers)."""

    class Meta:
        model = "placements.Filing"

    institution = factory.SubFactory(InstitutionFactory)
    filed_on = factory.LazyFunction(lambda: days_from_today(-2))
    authority = "武汉市教育局"
    reference = factory.Sequence(lambda n: f"备案-{n:03d}")


class SafetyTrainingFactory(factory.django.DjangoModelFactory):
    """Safety training the student passed, a few days ago."""

    class Meta:
        model = "placements.SafetyTraining"

    placement = factory.SubFactory(PlacementFactory)
    delivered_by = "企业安全主管"
    delivered_on = factory.LazyFunction(lambda: days_from_today(-3))
    hours = 8
    content = "岗位安全操作规程、高压电防护、消防与应急疏散。"
    passed = True


class PlacementDocumentFactory(factory.django.DjangoModelFactory):
    """A stored paper (a small PDF); insurance covers the slot's dates unless told otherwise."""

    class Meta:
        model = "placements.PlacementDocument"

    placement = factory.SubFactory(PlacementFactory)
    kind = "tripartite"
    file = factory.django.FileField(filename="paper.pdf", data=MINIMAL_PDF)
    extension = "pdf"
    content_type = "application/pdf"
    size = len(MINIMAL_PDF)
    signed_on = factory.LazyAttribute(lambda d: None if d.kind == "insurance" else today())
    policy_number = factory.LazyAttribute(lambda d: "PICC-DEMO-0001" if d.kind == "insurance" else "")
    covers_from = factory.LazyAttribute(lambda d: d.placement.slot.start_date if d.kind == "insurance" else None)
    covers_to = factory.LazyAttribute(lambda d: d.placement.slot.end_date if d.kind == "insurance" else None)
    # a consent form counts only once the school checked it: the factory's is checked (checked_at=None for one
    # still waiting)
    checked_at = factory.LazyAttribute(lambda d: timezone.now() if d.kind == "consent" else None)


# -- match rounds ----------------------------------------------------------------------------------------------


class MatchRoundFactory(factory.django.DjangoModelFactory):
    """A match round put straight into a status (bypassing the services): open for preferences by default, with
    a deadline a week away, at most three choices and a fixed seed."""

    class Meta:
        model = "placements.MatchRound"
        skip_postgeneration_save = True

    institution = factory.SubFactory(InstitutionFactory)
    name = factory.Sequence(lambda n: f"春季岗位实习匹配{n}")
    mechanism = "deferred_acceptance"
    preference_deadline = factory.LazyFunction(lambda: _in_days(7))
    max_choices = 3
    seed = factory.Sequence(lambda n: 1_000 + n)
    status = "open"

    @factory.post_generation
    def slots(self, create, extracted, **kwargs):
        if create and extracted:
            self.slots.set(extracted)

    @factory.post_generation
    def cohorts(self, create, extracted, **kwargs):
        if create and extracted:
            self.cohorts.set(extracted)


def _in_days(days: int):
    return timezone.now() + timedelta(days=days)
