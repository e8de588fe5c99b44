"""factory_boy factories for certificates: programmes, students' certificates, assessment sessions and
registrations."""

from __future__ import annotations

import factory

from tests.companies.factories import OnCampusBaseFactory
from tests.dates import days_from_today
from tests.schools.factories import StudentFactory


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
