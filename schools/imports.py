"""Import a school's students from XLSX: every row is checked first; nothing is written unless all are valid.
New students get a one-time activation code each; existing ones (same student number) are updated."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from config.importing import Column, RowErrors, as_date, as_int, as_text, model_field_errors, read_rows
from schools.models import Cohort, Institution, Student, Teacher
from schools.services import student_issue_activation_code

COLUMNS = [
    Column("student_number", "学号", "student number", example="{entry_year}460702010"),
    Column("full_name", "姓名", "name", example="张三"),
    Column("gender", "性别", "gender", required=False, example="男 / 女"),
    Column("birth_date", "出生日期", "birth date", example="{birth_date}"),
    Column("entry_year", "入学年份", "entry year", example="{entry_year}"),
    Column("cohort", "班级", "class", required=False, example="新能源汽车技术{entry_year}级1班"),
    Column("advisor", "指导教师邮箱", "advisor e-mail", required=False, example="teacher@example.com"),
]
NOTES = [
    "每行一名学生；学号在本校内唯一。已存在的学号将被更新，新学号将生成一次性激活码。",
    "One student per row; the student number is unique within the school. Existing numbers are updated; "
    "new ones get a one-time activation code.",
    "班级须为本校已有班级的名称；指导教师须为本校教师的登录邮箱。",
]
GENDERS = {"男": "m", "女": "f", "m": "m", "f": "f", "male": "m", "female": "f", "": ""}


@dataclass
class StudentImportResult:
    rows: int = 0
    created: int = 0
    updated: int = 0
    codes: list[dict] = field(default_factory=list)


def students_import(*, institution: Institution, upload, dry_run: bool) -> StudentImportResult:
    rows = read_rows(upload, COLUMNS)
    errors = RowErrors()
    cohorts = {c.name: c for c in Cohort.objects.filter(major__institution=institution)}
    advisors = {t.user.email.lower(): t for t in Teacher.objects.filter(institution=institution).select_related("user")}
    existing = {s.student_number: s for s in Student.objects.filter(institution=institution)}
    seen: dict[str, int] = {}
    cleaned = []
    for number, raw in rows:
        data = {}
        student_number = as_text(raw.get("student_number"))
        if not student_number:
            errors.add(number, "student_number", _("The student number is required."))
        elif len(student_number) > 32:
            errors.add(number, "student_number", _("At most 32 characters."))
        elif student_number in seen:
            errors.add(
                number,
                "student_number",
                _("The same student number is on row %(row)d.") % {"row": seen[student_number]},
            )
        else:
            seen[student_number] = number
        data["student_number"] = student_number
        full_name = as_text(raw.get("full_name"))
        if not full_name:
            errors.add(number, "full_name", _("The name is required."))
        elif len(full_name) > 64:
            errors.add(number, "full_name", _("At most 64 characters."))
        data["full_name"] = full_name
        gender = as_text(raw.get("gender")).lower()
        if gender not in GENDERS:
            errors.add(number, "gender", _("Write 男 or 女 (or leave it empty)."))
        data["gender"] = GENDERS.get(gender, "")
        try:
            data["birth_date"] = as_date(raw.get("birth_date"))
            if data["birth_date"] is None:
                errors.add(number, "birth_date", _("The birth date is required."))
            for message in model_field_errors(Student, "birth_date", data["birth_date"]):
                errors.add(number, "birth_date", message)
        except ValueError as exc:
            errors.add(number, "birth_date", exc)
        try:
            data["entry_year"] = as_int(raw.get("entry_year"))
            if data["entry_year"] is None:
                errors.add(number, "entry_year", _("The entry year is required."))
            for message in model_field_errors(Student, "entry_year", data["entry_year"]):
                errors.add(number, "entry_year", message)
        except ValueError as exc:
            errors.add(number, "entry_year", exc)
        cohort_name = as_text(raw.get("cohort"))
        data["cohort"] = cohorts.get(cohort_name) if cohort_name else None
        if cohort_name and data["cohort"] is None:
            errors.add(number, "cohort", _("No class of this school has this name."))
        advisor_email = as_text(raw.get("advisor")).lower()
        data["advisor"] = advisors.get(advisor_email) if advisor_email else None
        if advisor_email and data["advisor"] is None:
            errors.add(number, "advisor", _("No teacher of this school has this e-mail."))
        cleaned.append(data)
    errors.raise_if_any()

    result = StudentImportResult(rows=len(cleaned))
    if dry_run:
        result.updated = sum(1 for d in cleaned if d["student_number"] in existing)
        result.created = result.rows - result.updated
        return result
    with transaction.atomic():
        for data in cleaned:
            student = existing.get(data["student_number"])
            if student is None:
                student = Student.objects.create(institution=institution, **data)
                code = student_issue_activation_code(student=student)
                result.created += 1
                result.codes.append(
                    {
                        "student_number": student.student_number,
                        "full_name": student.full_name,
                        "cohort": student.cohort.name if student.cohort else "",
                        "activation_code": code,
                    }
                )
            else:
                for key, value in data.items():
                    setattr(student, key, value)
                student.save()
                result.updated += 1
    return result
