"""factory_boy factories for companies: companies, their members and their training bases (off and on campus)."""

from __future__ import annotations

import factory

from companies.credit_code import make_demo_credit_code
from companies.models import Company, CompanyMember, JobCluster, SiteInspection, TrainingBase, VettingStatus
from schools.models import Institution
from tests.accounts.factories import UserFactory
from tests.dates import INSPECTED_DAYS_AGO, days_from_today
from tests.schools.factories import InstitutionFactory


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

    @factory.post_generation
    def clusters(self, create, extracted, **kwargs):
        if create:
            self.job_clusters.set(JobCluster.objects.filter(code__in=extracted or ["production"]))

    @factory.post_generation
    def inspected(self, create, extracted, **kwargs):
        """A passing inspection INSPECTED_DAYS_AGO (rule 14 then holds at the default start) unless
        `inspected=False`, or `inspected=<days ago>`; by the host school, else the first school there is."""
        if not create or extracted is False:
            return
        days = INSPECTED_DAYS_AGO if extracted in (None, True) else extracted
        SiteInspectionFactory(base=self, inspected_on=days_from_today(-days))


class SiteInspectionFactory(factory.django.DjangoModelFactory):
    """A school's passing on-site inspection of a base. The report is a stored name only (no file is written);
    tests that read a report upload one through the API."""

    class Meta:
        model = SiteInspection

    base = factory.SubFactory(OffCampusBaseFactory, inspected=False)
    institution = factory.LazyAttribute(
        lambda i: i.base.host_institution or Institution.objects.order_by("pk").first() or InstitutionFactory()
    )
    inspected_on = factory.LazyFunction(lambda: days_from_today(-INSPECTED_DAYS_AGO))
    findings = "场地、消防与用电设施符合要求。"
    outcome = SiteInspection.Outcome.PASSED
    report = "companies/bases/test/inspection-report.pdf"
    report_extension = "pdf"
    report_content_type = "application/pdf"
    report_size = 100


class OnCampusBaseFactory(OffCampusBaseFactory):
    name = factory.Sequence(lambda n: f"校内实训基地{n}")
    kind = TrainingBase.Kind.ON_CAMPUS
    company = None
    host_institution = factory.SubFactory(InstitutionFactory)
    partner_brand = "比亚迪"
    district = ""
