"""Demo certificate data. The catalogue's 1+X programmes and their evaluation organisations are true (public
record); the brands' own certifications at the co-built bases are named generically and marked
demo; sessions and students' certificates are generated."""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.utils import timezone

from certificates.models import AssessmentSession, CertificateProgram, Level, Registration, StudentCertificate
from companies.demo import ON_CAMPUS_BRANDS
from companies.models import TrainingBase
from core.calendar import academic_year, intake_in_year
from schools.models import Major, Student

ALL = [Level.JUNIOR, Level.INTERMEDIATE, Level.SENIOR]
ONE_X = [
    ("汽车运用与维修", "北京中车行高新技术有限公司"),
    ("智能新能源汽车", "北京中车行高新技术有限公司"),
    ("智能网联汽车测试装调", "国汽（北京）智能网联汽车研究院有限公司"),
    ("智能网联汽车检测与运维", ""),
]
BRANDS = [brand for brand, _english in ON_CAMPUS_BRANDS]  # the partner brands of the on-campus bases


def seed_certificates() -> None:
    if CertificateProgram.objects.exists():
        return
    nev = Major.objects.filter(code="460702").first()
    programs = []
    for name, organisation in ONE_X:
        program = CertificateProgram.objects.create(
            name=name,
            kind=CertificateProgram.Kind.ONE_X,
            organisation=organisation,
            levels=ALL,
            description="1+X 职业技能等级证书（证书名称与培训评价组织为公开信息；未知者留空）。",
        )
        if nev:
            program.majors.add(nev)
        programs.append(program)
    for brand in BRANDS:
        CertificateProgram.objects.create(
            name=f"{brand}校企合作实训认证（演示）",
            kind=CertificateProgram.Kind.ENTERPRISE,
            organisation=brand,
            levels=[Level.JUNIOR, Level.INTERMEDIATE],
            description="合作品牌真实；认证名称与等级为演示数据。",
            data_note="演示数据 / demo data",
        )
    rng = random.Random(2028)
    base = TrainingBase.objects.filter(kind="on_campus", partner_brand="比亚迪").order_by("pk").first()
    nev_program = programs[1]
    if base is None:
        return
    # Last June's junior session has its results; an intermediate one five weeks from today takes registrations.
    today = timezone.localdate()
    last_june = date(academic_year(today), 6, 20)
    past = AssessmentSession.objects.create(program=nev_program, level=Level.JUNIOR, base=base, date=last_june,
                                            seats=40, status=AssessmentSession.Status.RESULTS)  # fmt: skip
    AssessmentSession.objects.create(program=nev_program, level=Level.INTERMEDIATE, base=base,
                                     date=today + timedelta(weeks=5), seats=30)  # fmt: skip
    students = list(
        Student.objects.filter(entry_year=intake_in_year(3, today), cohort__major=nev).order_by("student_number")[45:85]
    )
    for i, student in enumerate(students):
        passed = rng.random() < 0.8
        Registration.objects.create(
            session=past,
            student=student,
            result="pass" if passed else "fail",
            score=rng.randint(75, 98) if passed else rng.randint(40, 59),
        )
        if passed:
            StudentCertificate.objects.create(
                student=student, program=nev_program, level=Level.JUNIOR, number=f"DEMO-1X-{last_june.year}{i:04d}",
                issue_date=last_june + timedelta(days=25), status=StudentCertificate.Status.VERIFIED,
                source=StudentCertificate.Source.SESSION,
            )  # fmt: skip
