"""factory_boy factories for every model of the directory."""

from __future__ import annotations

from datetime import date, timedelta

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone

from companies.credit_code import make_demo_credit_code
from companies.models import Company, CompanyMember, JobCluster, TrainingBase, VettingStatus
from core.calendar import add_months, intake_in_year, term_for
from schools.models import Cohort, Institution, Major, SpecialtyGroup, Student, Teacher

PASSWORD = "Correct-Horse-9"

# Every date here is relative to the day the suite runs, with margins that say why they are what they are, so the
# suite passes on any day (CI proves it by running again 400 days ahead).
SLOT_LEAD_DAYS = 90  # a slot starts a term ahead: its deadline, papers and insurance all fall in the future
SLOT_MONTHS = 6  # the regulation's normal post internship (rule 9 only warns outside it)
DEADLINE_BEFORE_START_DAYS = 14  # applications close two weeks before the start, i.e. 76 days from today
INSPECTED_DAYS_AGO = 30  # rule 14 (365 days) then holds at the default start with 245 days to spare


def today() -> date:
    return timezone.localdate()


def days_from_today(days: int) -> date:
    return today() + timedelta(days=days)


def entry_year(year_of_study: int) -> int:
    """The entry year of a student who is in their `year_of_study` today (1 = first year)."""
    return intake_in_year(year_of_study, today())


def slot_end(start: date, months: int = SLOT_MONTHS) -> date:
    """The last day of a placement of `months` months from `start` (1 March → 31 August)."""
    return add_months(start, months) - timedelta(days=1)


def birth_date(age: int) -> date:
    """Someone who turned `age` half a year ago (so they are `age` today and for the next six months)."""
    day = today() - timedelta(days=182)
    return date(day.year - age, day.month, min(day.day, 28))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@test.example.com")
    full_name = factory.Sequence(lambda n: f"测试用户{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def email_address(self, create, extracted, **kwargs):
        if create:
            self.save()
            if self.email:
                EmailAddress.objects.get_or_create(
                    user=self, email=self.email, defaults={"primary": True, "verified": True}
                )


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution

    name = factory.Sequence(lambda n: f"测试职业学院{n}")
    short_name = factory.Sequence(lambda n: f"测院{n}")
    kind = "higher_vocational"


class SpecialtyGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpecialtyGroup

    institution = factory.SubFactory(InstitutionFactory)
    name = factory.Sequence(lambda n: f"专业群{n}")


class MajorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Major

    institution = factory.SubFactory(InstitutionFactory)
    # 4 + six digits: never one of the real six-digit codes tests name (460702 ...), however many majors a run makes
    code = factory.Sequence(lambda n: f"4{n:06d}")
    name = factory.Sequence(lambda n: f"专业{n}")
    category = "46"


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort

    major = factory.SubFactory(MajorFactory)
    entry_year = factory.LazyFunction(lambda: entry_year(2))  # second year: post internships are open to them
    name = factory.LazyAttributeSequence(lambda c, n: f"{c.entry_year}级{n}班")


class TeacherFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Teacher

    user = factory.SubFactory(UserFactory)
    institution = factory.SubFactory(InstitutionFactory)
    role = Teacher.Role.TEACHER


class StudentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Student

    institution = factory.SubFactory(InstitutionFactory)
    student_number = factory.Sequence(lambda n: f"S{n:06d}")
    full_name = factory.Sequence(lambda n: f"学生{n}")
    birth_date = factory.LazyFunction(lambda: birth_date(19))  # an adult: rule 4 (16) holds for years
    entry_year = factory.LazyFunction(lambda: entry_year(2))  # second year, as CohortFactory
    cohort = factory.LazyAttribute(lambda s: CohortFactory(major__institution=s.institution))


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    name = factory.Sequence(lambda n: f"测试汽车零部件有限公司{n}")
    credit_code = factory.Sequence(lambda n: make_demo_credit_code(900000 + n))
    district = "jiangxia"
    segment = "parts"
    headcount = 500
    vetting_status = VettingStatus.APPROVED


class CompanyMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompanyMember

    company = factory.SubFactory(CompanyFactory)
    user = factory.SubFactory(UserFactory)
    role = CompanyMember.Role.HR


class OffCampusBaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingBase
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"校外基地{n}")
    kind = TrainingBase.Kind.OFF_CAMPUS
    company = factory.SubFactory(CompanyFactory)
    district = "jiangxia"
    capacity = 30
    last_inspection_date = factory.LazyFunction(lambda: days_from_today(-INSPECTED_DAYS_AGO))

    @factory.post_generation
    def clusters(self, create, extracted, **kwargs):
        if create:
            self.job_clusters.set(JobCluster.objects.filter(code__in=extracted or ["production"]))


class OnCampusBaseFactory(OffCampusBaseFactory):
    name = factory.Sequence(lambda n: f"校内实训基地{n}")
    kind = TrainingBase.Kind.ON_CAMPUS
    company = None
    host_institution = factory.SubFactory(InstitutionFactory)
    partner_brand = "比亚迪"
    district = ""


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
    post_wage = 5000
    stipend = 4000
    application_deadline = factory.LazyAttribute(lambda s: s.start_date - timedelta(days=DEADLINE_BEFORE_START_DAYS))
    status = "open"

    @factory.post_generation
    def majors(self, create, extracted, **kwargs):
        if create and extracted:
            self.majors.set(extracted)


# -- placements ------------------------------------------------------------------------------------------------

MINIMAL_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


class PlacementFactory(factory.django.DjangoModelFactory):
    """A placement put straight into a status (bypassing the services), for tests about what comes later."""

    class Meta:
        model = "placements.Placement"

    student = factory.SubFactory(StudentFactory)
    slot = factory.SubFactory(SlotFactory)
    rank = 1
    status = "pending"
    term = factory.LazyAttribute(lambda p: p.slot.term)

    @factory.lazy_attribute
    def started_at(self):
        from django.utils import timezone

        return timezone.now() if self.status in ("active", "completed", "ended_early") else None


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


# -- certificates ----------------------------------------------------------------------------------------------


class CertificateProgramFactory(factory.django.DjangoModelFactory):
    """A 1+X programme offering all three levels."""

    class Meta:
        model = "certificates.CertificateProgram"

    name = factory.Sequence(lambda n: f"测试1+X证书{n}")
    kind = "one_x"
    organisation = "北京中车行高新技术有限公司"
    levels = factory.LazyFunction(lambda: ["junior", "intermediate", "senior"])


class StudentCertificateFactory(factory.django.DjangoModelFactory):
    """A certificate put straight into a status (verified by default, no scan), bypassing the services."""

    class Meta:
        model = "certificates.StudentCertificate"

    student = factory.SubFactory(StudentFactory)
    program = factory.SubFactory(CertificateProgramFactory)
    level = "junior"
    number = factory.Sequence(lambda n: f"CERT-{n:06d}")
    issue_date = factory.LazyFunction(lambda: days_from_today(-60))  # issued two months ago
    status = "verified"
    source = "upload"


class AssessmentSessionFactory(factory.django.DjangoModelFactory):
    """An open junior-level session with 30 seats at an on-campus base."""

    class Meta:
        model = "certificates.AssessmentSession"

    program = factory.SubFactory(CertificateProgramFactory)
    level = "junior"
    base = factory.SubFactory(OnCampusBaseFactory)
    date = factory.LazyFunction(lambda: days_from_today(30))  # a month ahead: open for registration
    seats = 30
    status = "open"


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "certificates.Registration"

    session = factory.SubFactory(AssessmentSessionFactory)
    student = factory.SubFactory(StudentFactory)
    result = "pending"
