"""Load the demo world: the real Wuhan institutions, brands and companies of the source document, plus
generated students, staff and bases that are plainly marked as demo data. Idempotent and deterministic."""

from __future__ import annotations

import random
import time
from datetime import date, timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts import demo_facts as facts
from companies.credit_code import make_demo_credit_code
from companies.models import Company, CompanyMember, JobCluster, TrainingBase, VettingStatus
from core.calendar import academic_year
from placements.models import Placement, Slot
from schools.choices import District
from schools.models import Cohort, Institution, Major, SpecialtyGroup, Student, Teacher

User = get_user_model()

DEMO_NOTE = "演示数据 / demo data"
REAL_COMPANY_NOTE = "企业名称与区位来自来源文件及公开资料；信用代码、人数为演示数据 / code and headcount are demo data"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余于杜叶程魏苏吕丁任卢姚"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬鑫浩宇轩子涵欣怡梓睿博文佳琪思远俊凯"
DEMO_SEGMENTS = [
    "parts",
    "three_electric",
    "aftermarket",
    "icv",
    "aftermarket",
    "parts",
    "vehicle",
    "materials",
]
SEGMENT_WORDS = {
    "parts": "汽车零部件",
    "three_electric": "电驱动系统",
    "aftermarket": "新能源汽车服务",
    "icv": "智能网联科技",
    "vehicle": "专用车",
    "materials": "汽车材料",
}
# Intakes still at school on the day the world is loaded: three years of 高职 at 武汉城市职业学院, four of 本科 at
# 武汉商学院 (entry years follow the academic year of today, see entry_years).
YEARS_WCP = 3
YEARS_WBU = 4
CLASSES_PER_YEAR_WCP = 12
CLASSES_PER_YEAR_WBU = 2
CLASS_SIZE = 45


def entry_years(length: int, today: date | None = None) -> list[int]:
    """The entry years of the intakes at school today in a programme of `length` years, oldest first."""
    year = academic_year(today or timezone.localdate())
    return list(range(year - length + 1, year + 1))


def days_ago(rng: random.Random, low: int, high: int) -> date:
    return timezone.localdate() - timedelta(days=rng.randint(low, high))


DEMO_LOGINS = [
    ("student@example.com", "student", "学生（武汉城市职业学院 新能源汽车技术）/ student"),
    ("teacher@example.com", "teacher", "指导教师 / teacher (the student's advisor)"),
    ("schooladmin@example.com", "schooladmin", "学校管理员 / school admin (武汉城市职业学院)"),
    ("hr@example.com", "hr", "企业HR / company HR (东风汽车集团有限公司)"),
    ("analyst@example.com", "analyst", "市经信局分析员 / city analyst"),
]


class Command(BaseCommand):
    help = "Load the demo world (idempotent) and print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Print only the logins.")

    def handle(self, *args, quiet: bool = False, **options):
        started = time.monotonic()
        self.rng = random.Random(2026)  # a fixed seed (not a date): the same world every time
        self.password_hash = None
        with transaction.atomic():
            institutions = self.seed_institutions()
            majors = self.seed_majors(institutions)
            teachers = self.seed_teachers(institutions)
            cohorts = self.seed_cohorts(majors)
            companies = self.seed_companies()
            self.seed_bases(institutions, companies)
            self.seed_students(institutions, cohorts, teachers)
            self.seed_demo_logins(institutions, teachers, companies)
            self.seed_company_staff(companies)
            from alumni.demo import seed_outcomes
            from certificates.demo import seed_certificates
            from placements.demo import seed_placements, seed_round

            seed_certificates()

            teacher_user = User.objects.get(username="teacher")
            seed_placements(hr_user=User.objects.get(username="hr"), teacher_user=teacher_user)
            seed_round(teacher_user=teacher_user)
            seed_outcomes()
        elapsed = time.monotonic() - started
        if not quiet:
            self.stdout.write(
                f"Demo world ready in {elapsed:.1f} s: {Institution.objects.count()} institutions, "
                f"{Company.objects.count()} companies, {TrainingBase.objects.count()} training bases "
                f"({TrainingBase.objects.filter(kind='on_campus').count()} on campus), "
                f"{Student.objects.count()} students, {Teacher.objects.count()} staff, "
                f"{Slot.objects.count()} slots, {Placement.objects.count()} placements."
            )
        self.stdout.write(f"Demo logins (password: {facts.DEMO_PASSWORD}):")
        for email, _username, label in DEMO_LOGINS:
            self.stdout.write(f"  {email:<26} {label}")

    # -- helpers --------------------------------------------------------------------------------------------

    def name(self) -> str:
        return self.rng.choice(SURNAMES) + "".join(self.rng.choice(GIVEN) for _ in range(self.rng.choice((1, 2))))

    def demo_hash(self) -> str:
        if self.password_hash is None:
            self.password_hash = make_password(facts.DEMO_PASSWORD)
        return self.password_hash

    def user(self, *, email: str, username: str, full_name: str, phone: str | None = None, usable=True) -> User:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, email=email, full_name=full_name, phone=phone, phone_verified=bool(phone))
            user.password = self.demo_hash() if usable else make_password(None)
            user.save()
        elif usable and not user.check_password(facts.DEMO_PASSWORD):
            user.set_password(facts.DEMO_PASSWORD)
            user.save(update_fields=["password"])
        EmailAddress.objects.get_or_create(user=user, email=email, defaults={"primary": True, "verified": True})
        return user

    # -- the world ------------------------------------------------------------------------------------------

    def seed_institutions(self) -> dict[str, Institution]:
        out = {}
        for row in facts.INSTITUTIONS:
            inst, _ = Institution.objects.get_or_create(name=row["name"], defaults=row)
            out[row["name"]] = inst
        return out

    def seed_majors(self, institutions) -> dict[str, Major]:
        wcp = institutions["武汉城市职业学院"]
        group, _ = SpecialtyGroup.objects.get_or_create(
            institution=wcp,
            name=facts.WCP_GROUP["name"],
            defaults={"description": facts.WCP_GROUP["description"]},
        )
        out = {}
        for inst_name, code, name, category, in_group in facts.MAJORS:
            major, _ = Major.objects.get_or_create(
                institution=institutions[inst_name],
                code=code,
                defaults={"name": name, "category": category, "specialty_group": group if in_group else None},
            )
            out[inst_name] = major
        return out

    def seed_teachers(self, institutions) -> dict[str, list[Teacher]]:
        plan = {
            "武汉城市职业学院": ("wcp", 18),
            "武汉商学院": ("wbu", 4),
            "武汉软件工程职业学院": ("wsevc", 2),
        }
        out: dict[str, list[Teacher]] = {}
        for inst_name, (prefix, count) in plan.items():
            inst = institutions[inst_name]
            teachers = []
            for i in range(1, count + 1):
                full_name = self.name()
                user = self.user(
                    email=f"{prefix}.teacher{i:02d}@demo.example.com",
                    username=f"{prefix}-teacher{i:02d}",
                    full_name=full_name + "（演示）",
                    usable=False,
                )
                teacher, _ = Teacher.objects.get_or_create(
                    user=user,
                    institution=inst,
                    defaults={
                        "role": Teacher.Role.TEACHER,
                        "staff_number": f"T{i:04d}",
                        "department": "汽车技术与服务学院" if prefix == "wcp" else "",
                        "title": self.rng.choice(["讲师", "副教授", "实训指导教师"]),
                    },
                )
                teachers.append(teacher)
            out[inst_name] = teachers
        return out

    def seed_cohorts(self, majors) -> list[Cohort]:
        cohorts = []
        plans = [
            (majors["武汉城市职业学院"], entry_years(YEARS_WCP), CLASSES_PER_YEAR_WCP),
            (majors["武汉商学院"], entry_years(YEARS_WBU), CLASSES_PER_YEAR_WBU),
        ]
        for major, years, per_year in plans:
            for year in years:
                for n in range(1, per_year + 1):
                    cohort, _ = Cohort.objects.get_or_create(
                        major=major, name=f"{major.name}{year}级{n}班", defaults={"entry_year": year}
                    )
                    cohorts.append(cohort)
        return cohorts

    def seed_companies(self) -> dict[str, Company]:
        out = {}
        serial = 0
        for name, short, district, zone, park, segment, note in facts.COMPANIES:
            serial += 1
            company, _ = Company.objects.get_or_create(
                name=name,
                defaults={
                    "short_name": short,
                    "credit_code": make_demo_credit_code(serial),
                    "district": district,
                    "zone": zone,
                    "park": park,
                    "segment": segment,
                    "headcount": self.rng.randrange(800, 20000, 100),
                    "description": note,
                    "vetting_status": VettingStatus.APPROVED,
                    "data_note": REAL_COMPANY_NOTE,
                },
            )
            out[name] = company
        districts = list(District.values)
        for i in range(1, 43):
            serial += 1
            segment = DEMO_SEGMENTS[i % len(DEMO_SEGMENTS)]
            district = districts[i % len(districts)]
            name = f"演示企业{i:02d}·武汉{SEGMENT_WORDS[segment]}有限公司"
            status = VettingStatus.PENDING if i > 40 else VettingStatus.APPROVED
            company, _ = Company.objects.get_or_create(
                name=name,
                defaults={
                    "short_name": f"演示企业{i:02d}",
                    "credit_code": make_demo_credit_code(serial),
                    "district": district,
                    "zone": "wedz" if district == "hannan" else "",
                    "segment": segment,
                    "headcount": self.rng.randrange(60, 3000, 10),
                    "description": "生成的演示企业，不对应任何真实企业。/ A generated demo company.",
                    "vetting_status": status,
                    "data_note": DEMO_NOTE,
                },
            )
            out[name] = company
        return out

    def seed_bases(self, institutions, companies) -> None:
        clusters = {c.code: c for c in JobCluster.objects.all()}
        year = academic_year(timezone.localdate())
        wcp = institutions["武汉城市职业学院"]
        themes = ["新能源汽车技术实训中心", "汽车检测与维修实训中心"]
        existing = set(TrainingBase.objects.values_list("name", flat=True))
        for brand_cn, brand_en in facts.ON_CAMPUS_BRANDS:
            for i, theme in enumerate(themes):
                name = f"武汉城市职业学院{brand_cn}{theme}"
                if brand_cn == "巴斯夫":
                    name = f"武汉城市职业学院巴斯夫{['汽车涂装实训中心', '汽车材料应用实训中心'][i]}"
                if name in existing:
                    continue
                base = TrainingBase.objects.create(
                    name=name,
                    kind=TrainingBase.Kind.ON_CAMPUS,
                    host_institution=wcp,
                    partner_brand=brand_cn,
                    capacity=self.rng.randrange(30, 81, 5),
                    # inspected within the last four months: current (rule 14, 365 days) for the next term too
                    last_inspection_date=days_ago(self.rng, 20, 120),
                    inspection_note="演示：年度安全检查合格。",
                    agreement_start=date(year - 4, 9, 1),
                    agreement_end=date(year + 1, 8, 31),
                    description=f"与{brand_cn}（{brand_en}）合作共建的校内实训基地（合作品牌来自来源文件；基地名称、容量为演示数据）。",
                    data_note="合作品牌为真实信息；名称与容量为演示数据 / brand true; name, capacity demo",
                )
                base.institutions.add(wcp)
                base.job_clusters.add(clusters["aftersales"], clusters["production"] if i == 0 else clusters["rd"])
        cluster_by_segment = {
            "vehicle": ["production", "rd", "aftersales"],
            "parts": ["production", "rd"],
            "three_electric": ["production", "rd"],
            "hydrogen": ["rd", "production"],
            "aftermarket": ["aftersales"],
            "icv": ["rd", "aftersales"],
            "materials": ["production"],
        }
        partners = [wcp, institutions["武汉商学院"], institutions["武汉软件工程职业学院"]]
        for company in companies.values():
            name = f"{company.short_name or company.name}实习基地"
            if name in existing:
                continue
            base = TrainingBase.objects.create(
                name=name,
                kind=TrainingBase.Kind.OFF_CAMPUS,
                company=company,
                district=company.district,
                zone=company.zone,
                address=company.park,
                capacity=self.rng.randrange(10, 121, 5),
                last_inspection_date=days_ago(self.rng, 20, 120),
                inspection_note="演示：学校实地检查记录。",
                agreement_start=date(year - 3, 9, 1),
                agreement_end=date(year + 2, 8, 31),
                description="校外实习实训基地（演示数据）。",
                data_note=DEMO_NOTE,
            )
            base.institutions.add(*partners[: 1 + company.pk % 3])
            base.job_clusters.add(*(clusters[c] for c in cluster_by_segment.get(company.segment, ["production"])))

    def seed_students(self, institutions, cohorts, teachers) -> None:
        existing = set(Student.objects.values_list("institution_id", "student_number"))
        new = []
        for cohort in cohorts:
            inst = institutions["武汉城市职业学院"] if cohort.major.code == "460702" else institutions["武汉商学院"]
            staff = teachers[inst.name]
            class_no = int(cohort.name.rsplit("级", 1)[1].rstrip("班"))
            advisor = staff[(class_no - 1 + cohort.entry_year) % len(staff)]
            for seat in range(1, CLASS_SIZE + 1):
                number = f"{cohort.entry_year}{cohort.major.code}{class_no:02d}{seat:02d}"
                rng = random.Random(f"{inst.pk}-{number}")  # each record stable on its own
                if (inst.pk, number) in existing:
                    continue
                age = 18 + rng.choice((-1, 0, 0, 0, 1))
                new.append(
                    Student(
                        institution=inst,
                        student_number=number,
                        full_name=rng.choice(SURNAMES)
                        + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
                        + "（演示）",
                        gender=rng.choice("fm"),
                        birth_date=date(cohort.entry_year - age, rng.randint(1, 12), rng.randint(1, 28)),
                        entry_year=cohort.entry_year,
                        cohort=cohort,
                        advisor=advisor,
                    )
                )
        Student.objects.bulk_create(new, batch_size=1000)

    def seed_company_staff(self, companies) -> None:
        """One generated HR person per company that has none (demo data; they have no password)."""
        staffed = set(CompanyMember.objects.values_list("company_id", flat=True))
        for i, company in enumerate(companies.values(), start=1):
            if company.pk in staffed:
                continue
            user = self.user(
                email=f"hr{i:02d}@demo.example.com",
                username=f"demo-hr{i:02d}",
                full_name=self.name() + "（演示）",
                usable=False,
            )
            CompanyMember.objects.get_or_create(
                company=company, user=user, defaults={"role": CompanyMember.Role.HR, "title": "人力资源（演示）"}
            )

    def seed_demo_logins(self, institutions, teachers, companies) -> None:
        wcp = institutions["武汉城市职业学院"]
        teacher_user = self.user(
            email="teacher@example.com", username="teacher", full_name="刘老师（演示）", phone="13800000002"
        )
        final_year = entry_years(YEARS_WCP)[0]
        first_cohort = Cohort.objects.get(name=f"新能源汽车技术{final_year}级1班")
        teacher, _ = Teacher.objects.get_or_create(
            user=teacher_user,
            institution=wcp,
            defaults={"role": Teacher.Role.TEACHER, "department": "汽车技术与服务学院", "title": "讲师"},
        )
        Student.objects.filter(cohort=first_cohort).exclude(advisor=teacher).update(advisor=teacher)

        student_user = self.user(
            email="student@example.com", username="student", full_name="张明（演示）", phone="13800000001"
        )
        student = Student.objects.get(institution=wcp, student_number=f"{final_year}{first_cohort.major.code}0101")
        if student.user_id != student_user.pk:
            student.user = student_user
            student.full_name = "张明（演示）"
            student.save(update_fields=["user", "full_name"])

        admin_user = self.user(
            email="schooladmin@example.com",
            username="schooladmin",
            full_name="陈主任（演示）",
            phone="13800000003",
        )
        Teacher.objects.get_or_create(
            user=admin_user,
            institution=wcp,
            defaults={"role": Teacher.Role.ADMIN, "department": "教务处", "title": "实习管理办公室"},
        )

        hr_user = self.user(email="hr@example.com", username="hr", full_name="王经理（演示）", phone="13800000004")
        CompanyMember.objects.get_or_create(
            user=hr_user,
            company=companies["东风汽车集团有限公司"],
            defaults={"role": CompanyMember.Role.HR, "title": "人力资源部（演示）"},
        )
        analyst = self.user(
            email="analyst@example.com",
            username="analyst",
            full_name="市经信局分析员（演示）",
            phone="13800000005",
        )
        if not analyst.is_city_analyst:
            analyst.is_city_analyst = True
            analyst.save(update_fields=["is_city_analyst"])
