"""Import graduate outcomes in the shape of a school's employment report (就业质量报告 data sheet): all rows
checked first (by the same service that checks a school's record and a graduate's report), nothing written
unless all are valid; a re-import of the same year updates rather than duplicates."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.actor import Actor
from alumni.models import GraduateOutcome, OutcomeSource, OutcomeStatus, SalaryBand
from alumni.services import OutcomesInvalid, outcomes_write
from companies.imports import DISTRICT_WORDS, ZONE_WORDS, _lookup
from config.importing import Column, RowErrors, as_date, as_int, as_text, read_rows
from schools.choices import District, Zone
from schools.models import Cohort, Institution, Major, Student

COLUMNS = [
    Column("student_number", "学号", "student number", example="{graduate_entry}4607020101"),
    Column("full_name", "姓名", "name", example="张三"),
    Column("graduation_year", "毕业年份", "graduation year", example="{graduation_year}"),
    Column("major", "专业代码", "major code", required=False, example="460702"),
    Column("cohort", "班级", "class", required=False, example="新能源汽车技术{graduate_entry}级1班"),
    Column("status", "毕业去向", "outcome", example="就业 / 自主创业 / 升学 / 参军入伍 / 暂不就业 / 待就业 / 未知"),
    Column("employer_name", "单位名称", "employer", required=False, example="东风汽车集团有限公司"),
    Column("employer_credit_code", "统一社会信用代码", "employer credit code", required=False),
    Column("work_city", "工作城市", "city", required=False, example="武汉"),
    Column("district", "所在区", "district", required=False, example="蔡甸区"),
    Column("zone", "功能区", "zone", required=False, example="武汉经开区"),
    Column("industry", "行业", "industry", required=False, example="汽车制造业"),
    Column("cluster_965", "965产业集群", "965 cluster", required=False),
    Column("fits_major", "专业对口", "fits major", required=False, example="是 / 否"),
    Column("salary_band", "月薪区间", "monthly salary", required=False, example="3000-4999"),
    Column("reported_on", "填报日期", "reported on", required=False, example="{graduation_year}-08-31"),
]
NOTES = [
    "每行一名毕业生；本年度全部毕业生都应列出（去向不明的填“未知”），以便计算去向知晓率。",
    "One graduate per row; list every graduate of the year (write 未知 when unknown) so the knowledge rate is right.",
    "同一学号与毕业年份再次导入时更新原记录。Re-importing the same student number and year updates the record.",
]
STATUS_WORDS = {
    "就业": OutcomeStatus.EMPLOYED, "签约就业": OutcomeStatus.EMPLOYED, "灵活就业": OutcomeStatus.EMPLOYED,
    "自主创业": OutcomeStatus.SELF_EMPLOYED, "创业": OutcomeStatus.SELF_EMPLOYED,
    "升学": OutcomeStatus.FURTHER_STUDY, "专升本": OutcomeStatus.FURTHER_STUDY,
    "参军入伍": OutcomeStatus.MILITARY, "参军": OutcomeStatus.MILITARY,
    "暂不就业": OutcomeStatus.NOT_SEEKING, "待就业": OutcomeStatus.SEEKING,
    "未知": OutcomeStatus.UNKNOWN, "": OutcomeStatus.UNKNOWN,
}  # fmt: skip
SALARY_WORDS = {
    "3000以下": "lt3000",
    "3000-4999": "3000",
    "5000-6999": "5000",
    "7000-9999": "7000",
    "10000以上": "10000",
}
STATUSES, SALARY_BANDS = frozenset(OutcomeStatus.values), frozenset(SalaryBand.values)
YES_NO = {"是": True, "否": False, "yes": True, "no": False, "": None}


@dataclass
class OutcomeImportResult:
    rows: int = 0
    created: int = 0
    updated: int = 0


def outcomes_import(*, institution: Institution, actor: Actor, upload, dry_run: bool) -> OutcomeImportResult:
    """Read the sheet's cells into outcomes (the words of the template's vocabulary, the school's majors and
    classes, a graduate on the platform by student number, the same graduate and year updated in place), then
    check and write them all through alumni.services.outcomes_write, the one writer: the model's and the
    domain's rules are its, not restated here. Every row's errors are collected first, the cells' and the
    writer's together; one bad row and nothing is written."""
    if institution.pk not in actor.admin_school_ids:
        raise PermissionDenied(_("You can only import into a school you administer."))
    rows = read_rows(upload, COLUMNS)
    errors = RowErrors(COLUMNS)
    unread: set[tuple[int, str]] = set()  # (row, field) of cells that could not be read: one message each

    def refuse(number: int, field: str, message) -> None:
        errors.add(number, field, message)
        unread.add((number, field))

    majors = {m.code: m for m in Major.objects.filter(institution=institution).select_related("institution")}
    cohorts = {c.name: c for c in Cohort.objects.filter(major__institution=institution).select_related("major")}
    seen: dict[tuple, int] = {}
    cleaned: list[tuple[int, dict]] = []
    for number, raw in rows:
        d: dict = {"student_number": as_text(raw.get("student_number")), "full_name": as_text(raw.get("full_name"))}
        try:
            d["graduation_year"] = as_int(raw.get("graduation_year"))
        except ValueError as exc:
            refuse(number, "graduation_year", exc)
            d["graduation_year"] = None
        key = (d["student_number"], d["graduation_year"])
        if key in seen:
            refuse(number, "student_number", _("The same graduate is on row %(row)d.") % {"row": seen[key]})
        seen.setdefault(key, number)
        status_text = as_text(raw.get("status"))
        d["status"] = STATUS_WORDS.get(status_text, status_text if status_text in STATUSES else None)
        if d["status"] is None:
            refuse(number, "status", _("Not a known outcome (就业, 自主创业, 升学, 参军入伍, 暂不就业, 待就业, 未知)."))
        major_code = as_text(raw.get("major"))
        d["major"] = majors.get(major_code) if major_code else None
        if major_code and d["major"] is None:
            refuse(number, "major", _("No major of this school has this code."))
        cohort_name = as_text(raw.get("cohort"))
        d["cohort"] = cohorts.get(cohort_name) if cohort_name else None
        if cohort_name and d["cohort"] is None:
            refuse(number, "cohort", _("No class of this school has this name."))
        d["employer_name"] = as_text(raw.get("employer_name"))
        d["employer_credit_code"] = as_text(raw.get("employer_credit_code"))
        d["work_city"] = as_text(raw.get("work_city"))
        district = _lookup(as_text(raw.get("district")), DISTRICT_WORDS, District)
        zone = _lookup(as_text(raw.get("zone")), ZONE_WORDS, Zone)
        if district is None:
            refuse(number, "district", _("Not one of Wuhan's 13 districts."))
        if zone is None:
            refuse(number, "zone", _("Not one of Wuhan's functional zones."))
        d["district"], d["zone"] = district or "", zone or ""
        d["industry"] = as_text(raw.get("industry"))
        d["cluster_965"] = as_text(raw.get("cluster_965"))
        fits = as_text(raw.get("fits_major")).lower()
        if fits not in YES_NO:
            refuse(number, "fits_major", _("Write 是 or 否 (or leave it empty)."))
        d["fits_major"] = YES_NO.get(fits)
        salary = as_text(raw.get("salary_band"))
        d["salary_band"] = SALARY_WORDS.get(salary, salary if salary in SALARY_BANDS or not salary else None)
        if d["salary_band"] is None:
            refuse(number, "salary_band", _("Use one of the salary bands of the template."))
        try:
            d["reported_on"] = as_date(raw.get("reported_on")) or timezone.localdate()
        except ValueError as exc:
            refuse(number, "reported_on", exc)
            d["reported_on"] = None
        cleaned.append((number, d))

    existing = {
        (o.student_number, o.graduation_year): o
        for o in GraduateOutcome.objects.filter(
            institution=institution,
            graduation_year__in={d["graduation_year"] for _n, d in cleaned if d["graduation_year"] is not None},
        )
    }
    students = {
        s.student_number: s
        for s in Student.objects.filter(institution=institution).select_related("cohort__major", "institution")
    }
    result = OutcomeImportResult(rows=len(rows))
    outcomes = []
    for number, d in cleaned:
        key = (d["student_number"], d["graduation_year"])
        # A second row of the same graduate is checked on its own (never written: it is refused above).
        outcome = existing.get(key) if seen[key] == number else None
        if outcome is None:
            outcome = GraduateOutcome(institution=institution)
            result.created += 1
        else:
            outcome.institution = institution
            result.updated += 1
        for name, value in d.items():
            setattr(outcome, name, value)
        outcome.student = students.get(d["student_number"])
        if outcome.student is not None and outcome.cohort is None:
            outcome.cohort = outcome.student.cohort
        if outcome.major is None and outcome.cohort is not None:
            outcome.major = outcome.cohort.major
        outcome.source = OutcomeSource.IMPORT
        outcome.confirmed = True
        outcome.confirmed_by = actor.user
        outcomes.append(outcome)
    try:
        # The one writer checks every row; it writes only when told to and when no cell was unreadable.
        outcomes_write(outcomes=outcomes, dry_run=dry_run or bool(errors.items))
    except OutcomesInvalid as invalid:
        for position, fields in invalid.by_position.items():
            number = cleaned[position][0]
            for field, messages in fields.items():
                if (number, field) not in unread:
                    errors.add(number, field, messages[0])
        errors.items.sort(key=lambda e: e["row"])
    errors.raise_if_any()
    return result
