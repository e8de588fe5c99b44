"""factory_boy factories for schools: institutions, specialty groups, majors, cohorts, teachers and students."""

from __future__ import annotations

import factory

from schools.models import Cohort, Institution, Major, SpecialtyGroup, Student, Teacher
from tests.accounts.factories import UserFactory
from tests.dates import birth_date, entry_year


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
