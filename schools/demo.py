"""The schools of the demo world: the institutions, specialty group and majors of the source document (Wuhan
Bureau of Economy and Information Technology, reply of 2022-07-18, and WUHAN.md), and generated teachers, classes
and about 2,000 students, every one of them marked as demo data. Only the facts listed here are presented as fact.
Loaded by `manage.py seed_demo` (the demo app); idempotent."""

from __future__ import annotations

import random
from datetime import date

from django.utils import timezone

from core.calendar import academic_year
from core.demo import demo_user, person_name
from schools.models import Cohort, Institution, Major, SpecialtyGroup, Student, Teacher

SOURCE = "来源：武汉市经信局2022年7月18日答复（新能源汽车产业生态圈建议）"
# Facts not in that reply come from the school's own public pages (WUHAN.md) and say so.
SCHOOL_SITE = "来源：学校官网公开信息"
# Major codes and categories: the national catalogues, named where the major is shown.
VOCATIONAL_CATALOGUE = "《职业教育专业目录（2021年）》（教育部，教职成〔2021〕2号）"
UNDERGRADUATE_CATALOGUE = "《普通高等学校本科专业目录》（教育部）"

INSTITUTIONS = [
    {
        "name": "武汉城市职业学院",
        "short_name": "武汉城院",
        "name_en": "Wuhan City Polytechnic",
        "kind": "higher_vocational",
        "description": (
            "牵头组建武汉汽车职业教育集团（2016年）；新能源汽车技术专业获市“双一流”重点专业建设支持；"
            "智能新能源汽车技术与服务专业群2022年1月列入省级“双高”立项建设名单；率先开展汽车领域1+X证书试点；"
            "与奔驰、比亚迪、上汽大众、长安福特、巴斯夫等合作建设10个校内实训基地，与东风汽车、湖北恒信、"
            "三环集团等建立60余家校外实习实训基地。" + SOURCE
        ),
    },
    {
        "name": "武汉软件工程职业学院",
        "short_name": "武软",
        "name_en": "Wuhan Software Engineering Vocational College",
        "kind": "higher_vocational",
        "description": (
            "开设新能源汽车相关专业及课程（"
            + SOURCE
            + "）。设汽车工程学院，位于东湖新技术开发区（"
            + SCHOOL_SITE
            + "）。"
        ),
    },
    {
        "name": "武汉商学院",
        "short_name": "武商院",
        "name_en": "Wuhan Business University",
        "kind": "ordinary_undergraduate",
        "description": (
            "开设新能源汽车相关专业及课程（" + SOURCE + "）。机电工程学院自2013年开设汽车服务工程本科专业；"
            "与武汉软件工程职业学院有3+2贯通培养（" + SCHOOL_SITE + "）。"
        ),
    },
    {
        "name": "江汉大学",
        "short_name": "江大",
        "name_en": "Jianghan University",
        "kind": "ordinary_undergraduate",
        "description": "来源文件所列开设新能源汽车相关专业及课程的四所院校之一。" + SOURCE,
    },
]

WCP = "武汉城市职业学院"
WBU = "武汉商学院"
WSEVC = "武汉软件工程职业学院"

WCP_GROUP = {
    "name": "智能新能源汽车技术与服务专业群",
    "description": (
        "省级“双高”专业群（2022年1月立项）。聚焦产业链下游整车与服务环节，对应新能源汽车和智能网联汽车"
        "研发设计辅助、生产制造、售后运营服务三类岗位群。" + SOURCE
    ),
}

# (institution, major code, name, category, in the WCP specialty group): 新能源汽车技术 460702 in 装备制造大类 (46),
# 汽车制造类 (4607) of VOCATIONAL_CATALOGUE; 汽车服务工程 080208 in 工学 (08), 机械类 (0802) of UNDERGRADUATE_CATALOGUE.
MAJORS = [
    (WCP, "460702", "新能源汽车技术", "46", True),
    (WBU, "080208", "汽车服务工程", "08", False),
]
NEV_MAJOR_CODE = "460702"

# Generated staff: (username prefix, how many) per institution.
TEACHERS = {WCP: ("wcp", 18), WBU: ("wbu", 4), WSEVC: ("wsevc", 2)}
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


def first_class_name(today: date | None = None) -> str:
    """The final-year class of 新能源汽车技术 whose advisor and first student are demo logins."""
    return f"新能源汽车技术{entry_years(YEARS_WCP, today)[0]}级1班"


def seed_schools(*, rng: random.Random) -> None:
    """The institutions, majors, generated teachers, classes and students (each step skips what exists)."""
    institutions = seed_institutions()
    majors = seed_majors(institutions)
    teachers = seed_teachers(institutions, rng)
    cohorts = seed_cohorts(majors)
    seed_students(institutions, cohorts, teachers)


def seed_institutions() -> dict[str, Institution]:
    out = {}
    for row in INSTITUTIONS:
        inst, _ = Institution.objects.get_or_create(name=row["name"], defaults=row)
        out[row["name"]] = inst
    return out


def seed_majors(institutions: dict[str, Institution]) -> dict[str, Major]:
    group, _ = SpecialtyGroup.objects.get_or_create(
        institution=institutions[WCP], name=WCP_GROUP["name"], defaults={"description": WCP_GROUP["description"]}
    )
    out = {}
    for inst_name, code, name, category, in_group in MAJORS:
        major, _ = Major.objects.get_or_create(
            institution=institutions[inst_name],
            code=code,
            defaults={"name": name, "category": category, "specialty_group": group if in_group else None},
        )
        out[inst_name] = major
    return out


def seed_teachers(institutions: dict[str, Institution], rng: random.Random) -> dict[str, list[Teacher]]:
    out: dict[str, list[Teacher]] = {}
    for inst_name, (prefix, count) in TEACHERS.items():
        inst = institutions[inst_name]
        teachers = []
        for i in range(1, count + 1):
            user = demo_user(
                email=f"{prefix}.teacher{i:02d}@demo.example.com",
                username=f"{prefix}-teacher{i:02d}",
                full_name=person_name(rng) + "（演示）",
            )
            teacher, _ = Teacher.objects.get_or_create(
                user=user,
                institution=inst,
                defaults={
                    "role": Teacher.Role.TEACHER,
                    "staff_number": f"T{i:04d}",
                    "department": "汽车技术与服务学院" if prefix == "wcp" else "",
                    "title": rng.choice(["讲师", "副教授", "实训指导教师"]),
                },
            )
            teachers.append(teacher)
        out[inst_name] = teachers
    return out


def seed_cohorts(majors: dict[str, Major]) -> list[Cohort]:
    cohorts = []
    plans = [
        (majors[WCP], entry_years(YEARS_WCP), CLASSES_PER_YEAR_WCP),
        (majors[WBU], entry_years(YEARS_WBU), CLASSES_PER_YEAR_WBU),
    ]
    for major, years, per_year in plans:
        for year in years:
            for n in range(1, per_year + 1):
                cohort, _ = Cohort.objects.get_or_create(
                    major=major, name=f"{major.name}{year}级{n}班", defaults={"entry_year": year}
                )
                cohorts.append(cohort)
    return cohorts


def seed_students(
    institutions: dict[str, Institution], cohorts: list[Cohort], teachers: dict[str, list[Teacher]]
) -> None:
    existing = set(Student.objects.values_list("institution_id", "student_number"))
    new = []
    for cohort in cohorts:
        inst = institutions[WCP] if cohort.major.code == NEV_MAJOR_CODE else institutions[WBU]
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
                    full_name=person_name(rng) + "（演示）",
                    gender=rng.choice("fm"),
                    birth_date=date(cohort.entry_year - age, rng.randint(1, 12), rng.randint(1, 28)),
                    entry_year=cohort.entry_year,
                    cohort=cohort,
                    advisor=advisor,
                )
            )
    Student.objects.bulk_create(new, batch_size=1000)
