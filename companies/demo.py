"""The companies of the demo world: the companies of the source document and WUHAN.md with the district and zone
given there, the five brands the ten on-campus bases are co-built with, and generated companies, bases and HR
staff, every one of them marked as demo data. Only the facts listed here are presented as fact.
Loaded by `manage.py seed_demo` (the demo app) after the schools; idempotent."""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from companies.credit_code import make_demo_credit_code
from companies.models import Company, CompanyMember, JobCluster, SiteInspection, TrainingBase, VettingStatus
from core.calendar import academic_year
from core.demo import DEMO_NOTE, demo_user, person_name
from schools.choices import District
from schools.demo import WBU, WCP, WSEVC
from schools.models import Institution, Teacher

REAL_COMPANY_NOTE = "企业名称与区位来自来源文件及公开资料；信用代码、人数为演示数据 / code and headcount are demo data"

# The brands the on-campus bases are co-built with (source document); ten bases, two per brand.
ON_CAMPUS_BRANDS = [
    ("奔驰", "Mercedes-Benz"),
    ("比亚迪", "BYD"),
    ("上汽大众", "SAIC Volkswagen"),
    ("长安福特", "Changan Ford"),
    ("巴斯夫", "BASF"),
]

# Companies named in the source document or WUHAN.md, with the district / zone given there.
# (name, short name, district, zone, park, segment, what the public record says)
COMPANIES = [
    (
        "东风汽车集团有限公司",
        "东风汽车",
        "",
        "wedz",
        "",
        "vehicle",
        "总部位于武汉经开区；来源文件所列校外实习实训基地合作企业。",
    ),
    (
        "湖北恒信",
        "湖北恒信",
        "",
        "",
        "",
        "aftermarket",
        "来源文件所列武汉城市职业学院校外实习实训基地合作企业。",
    ),
    ("三环集团", "三环集团", "", "", "", "parts", "来源文件所列武汉城市职业学院校外实习实训基地合作企业。"),
    ("东风乘用车", "东风乘用车", "", "wedz", "", "vehicle", "“一主”武汉经开区整车企业（来源文件）。"),
    ("东风本田", "东风本田", "", "wedz", "", "vehicle", "“一主”武汉经开区整车企业（来源文件）。"),
    (
        "神龙汽车",
        "神龙汽车",
        "",
        "wedz",
        "沌口",
        "vehicle",
        "“一主”整车企业，位于沌口（来源文件、WUHAN.md）。",
    ),
    ("岚图汽车", "岚图", "", "wedz", "", "vehicle", "“一主”武汉经开区整车企业（来源文件）。"),
    ("东风云峰", "东风云峰", "", "wedz", "", "vehicle", "“一主”武汉经开区整车企业（来源文件）。"),
    (
        "吉利路特斯",
        "路特斯",
        "hannan",
        "wedz",
        "纱帽街道",
        "vehicle",
        "“一主”整车企业；工厂位于汉南纱帽街道，总部制造中心位于军山新城。",
    ),
    (
        "小鹏汽车武汉基地",
        "小鹏汽车",
        "hannan",
        "wedz",
        "纱帽大道",
        "vehicle",
        "“一主”整车企业，位于汉南纱帽大道。",
    ),
    (
        "上汽通用汽车武汉分公司",
        "上汽通用武汉",
        "jiangxia",
        "",
        "金港工业园区",
        "vehicle",
        "“两副”之一：江夏金港、金口工业园区，乘用车整车及配套零部件。",
    ),
    ("法雷奥", "法雷奥", "", "wedz", "", "parts", "武汉经开区供应商（车灯，1995年起）。"),
    ("佛吉亚", "佛吉亚", "", "wedz", "", "parts", "武汉经开区供应商（座椅、内饰、ADAS研发）。"),
    ("采埃孚", "采埃孚", "", "wedz", "", "parts", "武汉经开区供应商（安全气囊）。"),
    ("康明斯", "康明斯", "", "wedz", "", "parts", "武汉经开区供应商。"),
    ("富奥", "富奥", "", "wedz", "军山", "three_electric", "武汉经开区供应商（热管理，军山）。"),
    (
        "中创新航",
        "中创新航",
        "hannan",
        "wedz",
        "纱帽",
        "three_electric",
        "武汉经开区供应商（动力电池，汉南纱帽）。",
    ),
    ("绿动氢能", "绿动氢能", "", "wedz", "", "hydrogen", "武汉经开区氢能企业。"),
    ("雄韬氢雄", "雄韬氢雄", "", "wedz", "", "hydrogen", "武汉经开区氢能企业。"),
    ("理工氢电", "理工氢电", "", "wedz", "", "hydrogen", "武汉经开区氢能企业。"),
    ("众宇动力", "众宇动力", "", "wedz", "", "hydrogen", "武汉经开区氢能企业。"),
    ("猛士科技", "猛士", "", "wedz", "", "vehicle", "位于武汉经开区。"),
]
# Its HR is the `hr` demo login (accounts/demo.py), so no generated HR person is made for it.
HR_LOGIN_COMPANY = "东风汽车集团有限公司"

GENERATED_COMPANIES = 42
GENERATED_PENDING_FROM = 41  # the last two await vetting
DEMO_SEGMENTS = ["parts", "three_electric", "aftermarket", "icv", "aftermarket", "parts", "vehicle", "materials"]
SEGMENT_WORDS = {
    "parts": "汽车零部件",
    "three_electric": "电驱动系统",
    "aftermarket": "新能源汽车服务",
    "icv": "智能网联科技",
    "vehicle": "专用车",
    "materials": "汽车材料",
}
CLUSTERS_BY_SEGMENT = {
    "vehicle": ["production", "rd", "aftersales"],
    "parts": ["production", "rd"],
    "three_electric": ["production", "rd"],
    "hydrogen": ["rd", "production"],
    "aftermarket": ["aftersales"],
    "icv": ["rd", "aftersales"],
    "materials": ["production"],
}


def seed_companies(*, rng: random.Random) -> None:
    """The companies, the on-campus and off-campus bases and one generated HR person per company (each step
    skips what exists). Needs the schools of schools/demo.py."""
    companies = _companies(rng)
    _bases(companies, rng)
    _company_staff(companies, rng)


# The smallest well-formed PDF: the demo's written inspection reports (generated, marked 演示 in the findings).
DEMO_REPORT = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _inspect(base: TrainingBase, school: Institution, day: date, findings: str) -> SiteInspection:
    """A passing on-site inspection of `base` by `school` (its first admin, else teacher, as the inspector)."""
    # "admin" sorts before "teacher"
    staff = Teacher.objects.filter(institution=school, archived_at__isnull=True).order_by("role", "id").first()
    inspection = SiteInspection(
        base=base,
        institution=school,
        inspected_on=day,
        inspector=staff.user if staff else None,
        findings=findings,
        outcome=SiteInspection.Outcome.PASSED,
        report_extension="pdf",
        report_content_type="application/pdf",
        report_size=len(DEMO_REPORT),
    )
    inspection.report.save("report", ContentFile(DEMO_REPORT), save=False)
    inspection.save()
    return inspection


def _list(company: Company, school: Institution, inspection: SiteInspection) -> None:
    """The school puts the company on its list on that assessment (the assessed base then serves it), through the
    service its admin uses; a school with no admin in the demo has the row written as the migration would."""
    from accounts.actor import actor_for
    from companies.listing import is_listed, listing_add
    from companies.models import ListedCompany

    if is_listed(institution_id=school.pk, company_id=company.pk):
        inspection.base.institutions.add(school)
        return
    admin = Teacher.objects.filter(institution=school, role="admin", archived_at__isnull=True).order_by("id").first()
    if admin is not None and company.vetting_status == "approved":
        listing_add(
            actor=actor_for(admin.user),
            institution=school,
            company=company,
            assessment=inspection,
            decision="演示：校企合作工作委员会会议集体决定（演示数据）",
        )
        return
    ListedCompany.objects.create(
        institution=school, company=company, source="migration", decided_at=timezone.now(), assessment=inspection
    )
    inspection.base.institutions.add(school)


def _days_ago(rng: random.Random, low: int, high: int) -> date:
    return timezone.localdate() - timedelta(days=rng.randint(low, high))


def _companies(rng: random.Random) -> list[Company]:
    out = []
    serial = 0
    for name, short, district, zone, park, segment, note in COMPANIES:
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
                "headcount": rng.randrange(800, 20000, 100),
                "description": note,
                "vetting_status": VettingStatus.APPROVED,
                "data_note": REAL_COMPANY_NOTE,
            },
        )
        out.append(company)
    districts = list(District.values)
    for i in range(1, GENERATED_COMPANIES + 1):
        serial += 1
        segment = DEMO_SEGMENTS[i % len(DEMO_SEGMENTS)]
        district = districts[i % len(districts)]
        status = VettingStatus.PENDING if i >= GENERATED_PENDING_FROM else VettingStatus.APPROVED
        company, _ = Company.objects.get_or_create(
            name=f"演示企业{i:02d}·武汉{SEGMENT_WORDS[segment]}有限公司",
            defaults={
                "short_name": f"演示企业{i:02d}",
                "credit_code": make_demo_credit_code(serial),
                "district": district,
                "zone": "wedz" if district == "hannan" else "",
                "segment": segment,
                "headcount": rng.randrange(60, 3000, 10),
                "description": "生成的演示企业，不对应任何真实企业。/ A generated demo company.",
                "vetting_status": status,
                "data_note": DEMO_NOTE,
            },
        )
        out.append(company)
    return out


def _bases(companies: list[Company], rng: random.Random) -> None:
    clusters = {c.code: c for c in JobCluster.objects.all()}
    schools = {i.name: i for i in Institution.objects.filter(name__in=[WCP, WBU, WSEVC])}
    year = academic_year(timezone.localdate())
    wcp = schools[WCP]
    themes = ["新能源汽车技术实训中心", "汽车检测与维修实训中心"]
    existing = set(TrainingBase.objects.values_list("name", flat=True))
    for brand_cn, brand_en in ON_CAMPUS_BRANDS:
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
                capacity=rng.randrange(30, 81, 5),
                agreement_start=date(year - 4, 9, 1),
                agreement_end=date(year + 1, 8, 31),
                description=f"与{brand_cn}（{brand_en}）合作共建的校内实训基地（合作品牌来自来源文件；基地名称、容量为演示数据）。",
                data_note="合作品牌为真实信息；名称与容量为演示数据 / brand true; name, capacity demo",
            )
            # inspected within the last four months: current (rule 14, 365 days) for the next term too
            _inspect(base, wcp, _days_ago(rng, 20, 120), "演示：年度安全检查合格，消防与用电设施完好。")
            base.institutions.add(wcp)
            base.job_clusters.add(clusters["aftersales"], clusters["production"] if i == 0 else clusters["rd"])
    partners = [wcp, schools[WBU], schools[WSEVC]]
    for company in companies:
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
            capacity=rng.randrange(10, 121, 5),
            agreement_start=date(year - 3, 9, 1),
            agreement_end=date(year + 2, 8, 31),
            description="校外实习实训基地（演示数据）。",
            data_note=DEMO_NOTE,
        )
        # Each school assesses the base on site, with a written report, before it joins the school's list.
        inspected = _days_ago(rng, 20, 120)
        for school in partners[: 1 + company.pk % 3]:
            inspection = _inspect(base, school, inspected, "演示：学校实地检查记录，场地、安全设施与带教安排符合要求。")
            _list(company, school, inspection)
        base.job_clusters.add(*(clusters[c] for c in CLUSTERS_BY_SEGMENT.get(company.segment, ["production"])))


def _company_staff(companies: list[Company], rng: random.Random) -> None:
    """One generated HR person per company that has none (demo data; they have no password)."""
    staffed = set(CompanyMember.objects.values_list("company_id", flat=True))
    for i, company in enumerate(companies, start=1):
        if company.pk in staffed or company.name == HR_LOGIN_COMPANY:
            continue
        user = demo_user(
            email=f"hr{i:02d}@demo.example.com",
            username=f"demo-hr{i:02d}",
            full_name=person_name(rng) + "（演示）",
        )
        CompanyMember.objects.get_or_create(
            company=company, user=user, defaults={"role": CompanyMember.Role.HR, "title": "人力资源（演示）"}
        )
