"""Import a school's students from XLSX: every row is checked first; nothing is written unless all are valid.
New students get a one-time activation code each; existing ones (same student number) are updated."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from config.importing import Column, RowErrors, as_date, as_int, as_text, clean_row, read_rows
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
FIELDS = [c.field for c in COLUMNS]
GENDERS = {"男": "m", "女": "f", "m": "m", "f": "f", "male": "m", "female": "f", "": ""}


@dataclass
class StudentImportResult:
    rows: int = 0
    created: int = 0
    updated: int = 0
    codes: list[dict] = field(default_factory=list)
    created_ids: list[int] = field(default_factory=list)


def students_import(
    *, institution: Institution, upload, dry_run: bool, issue_codes: bool = True, progress=None
) -> StudentImportResult:
    """Read the sheet's cells into students (types, the school's classes by name and teachers by e-mail, a
    student number repeated in the file; the school's record of the same number updated in place), then check
    each with the model's full_clean(), as the student create service does: its rules (required fields,
    lengths, the plausible birth dates and entry years) are the model's, not restated here. Every row's errors
    are collected first; one bad row and nothing is written.

    As a background job (schools/import_jobs.py) it reports `progress(done, total)` (checking, then writing) and
    issues no codes (`issue_codes=False`): nobody is there to receive them, and a code is never stored; the job's
    owner takes them once the import has succeeded."""
    rows = read_rows(upload, COLUMNS)
    steps = 2 * len(rows)
    report = progress or (lambda done, total: None)
    errors = RowErrors(COLUMNS)
    cohorts = {c.name: c for c in Cohort.objects.filter(major__institution=institution)}
    advisors = {t.user.email.lower(): t for t in Teacher.objects.filter(institution=institution).select_related("user")}
    existing = {s.student_number: s for s in Student.objects.filter(institution=institution)}
    seen: dict[str, int] = {}
    students: list[Student] = []
    for index, (number, raw) in enumerate(rows):
        if index % 50 == 0:
            report(index, steps)
        unread: set[str] = set()

        def refuse(field: str, message, number=number, unread=unread) -> None:
            errors.add(number, field, message)
            unread.add(field)

        student_number = as_text(raw.get("student_number"))
        if student_number in seen:
            refuse("student_number", _("The same student number is on row %(row)d.") % {"row": seen[student_number]})
        elif student_number:
            seen[student_number] = number
        gender = as_text(raw.get("gender")).lower()
        if gender not in GENDERS:
            refuse("gender", _("Write 男 or 女 (or leave it empty)."))
        try:
            birth_date = as_date(raw.get("birth_date"))
        except ValueError as exc:
            refuse("birth_date", exc)
            birth_date = None
        try:
            entry_year = as_int(raw.get("entry_year"))
        except ValueError as exc:
            refuse("entry_year", exc)
            entry_year = None
        cohort_name = as_text(raw.get("cohort"))
        cohort = cohorts.get(cohort_name) if cohort_name else None
        if cohort_name and cohort is None:
            refuse("cohort", _("No class of this school has this name."))
        advisor_email = as_text(raw.get("advisor")).lower()
        advisor = advisors.get(advisor_email) if advisor_email else None
        if advisor_email and advisor is None:
            refuse("advisor", _("No teacher of this school has this e-mail."))
        # A repeated number is checked on its own, never as the stored student (it is refused above).
        stored = existing.get(student_number) if seen.get(student_number) == number else None
        student = stored or Student(institution=institution)
        student.student_number, student.full_name = student_number, as_text(raw.get("full_name"))
        student.gender, student.birth_date, student.entry_year = GENDERS.get(gender, ""), birth_date, entry_year
        student.cohort, student.advisor = cohort, advisor
        clean_row(errors, number, student, fields=FIELDS, unread=unread)
        students.append(student)
    errors.raise_if_any()

    result = StudentImportResult(rows=len(students))
    result.updated = sum(1 for s in students if s.pk)
    result.created = result.rows - result.updated
    if dry_run:
        return result
    with transaction.atomic():
        for index, student in enumerate(students):
            if index % 50 == 0:
                report(len(students) + index, steps)
            new = student.pk is None
            student.save()
            if new:
                result.created_ids.append(student.pk)
            if new and issue_codes:
                code = student_issue_activation_code(student=student)
                result.codes.append(
                    {
                        "student_number": student.student_number,
                        "full_name": student.full_name,
                        "cohort": student.cohort.name if student.cohort else "",
                        "activation_code": code,
                    }
                )
    report(steps, steps)
    return result
