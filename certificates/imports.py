"""Import assessment results as an evaluation organisation exports them (XLSX or CSV): every row checked
first, nothing written unless all are valid, exact duplicates skipped, the rest created as verified."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from certificates.models import CertificateProgram, Level, StudentCertificate
from certificates.services import check_level
from config.importing import Column, RowErrors, as_date, as_text, clean_row, read_csv, read_rows
from schools.models import Institution, Student

COLUMNS = [
    Column("student_number", "学号", "student number", example="{entry_year}4607020101"),
    Column("full_name", "姓名", "name", example="张明"),
    Column("program", "证书名称", "certificate", example="智能新能源汽车"),
    Column("level", "等级", "level", example="初级 / 中级 / 高级"),
    Column("number", "证书编号", "certificate number", example="证书上的编号"),
    Column("issue_date", "发证日期", "issue date", example="{issued}"),
    Column("score", "成绩", "score", required=False, example="86"),
]
NOTES = [
    "每行一张证书；学号须为本校学生。与平台记录完全相同的行会被跳过；同一证书编号属于他人时报错。",
    "One certificate per row; the student number must be one of your school's students. Rows identical to a "
    "recorded certificate are skipped; a number recorded for someone else is an error.",
]
# The cells a row's certificate is checked on by the model (student and programme are resolved, not typed).
FIELDS = ["level", "number", "issue_date", "score"]
LEVEL_WORDS = {"初级": Level.JUNIOR, "中级": Level.INTERMEDIATE, "高级": Level.SENIOR}


@dataclass
class CertificateImportResult:
    rows: int = 0
    created: int = 0
    updated: int = 0
    skipped: int = 0


def _csv_rows(upload) -> list[tuple[int, dict]]:
    if upload.size > settings.IMPORT_MAX_BYTES:
        raise DjangoValidationError({"file": [_("The file is too large.")]})
    rows = read_csv(upload.read())
    if not rows:
        raise DjangoValidationError({"file": [_("The spreadsheet is empty.")]})
    by_header = {}
    for col in COLUMNS:
        by_header[col.header_zh] = col.field
        by_header[col.header_en] = col.field
    index = {by_header[h.strip().rstrip("*")]: i for i, h in enumerate(rows[0]) if h.strip().rstrip("*") in by_header}
    missing = [f"{c.header_zh} / {c.header_en}" for c in COLUMNS if c.required and c.field not in index]
    if missing:
        raise DjangoValidationError(
            {"file": [_("Missing columns: %(cols)s. Use the template.") % {"cols": ", ".join(missing)}]}
        )
    out = []
    for number, values in enumerate(rows[1:], start=2):
        if not any(v.strip() for v in values):
            continue
        out.append((number, {f: (values[i].strip() if i < len(values) else "") for f, i in index.items()}))
        if len(out) > settings.IMPORT_MAX_ROWS:
            raise DjangoValidationError(
                {"file": [_("At most %(n)d rows can be imported at once.") % {"n": settings.IMPORT_MAX_ROWS}]}
            )
    if not out:
        raise DjangoValidationError({"file": [_("The spreadsheet has no data rows.")]})
    return out


def certificates_import(*, institution: Institution, user, upload, dry_run: bool) -> CertificateImportResult:
    name = (getattr(upload, "name", "") or "").lower()
    rows = _csv_rows(upload) if name.endswith(".csv") else read_rows(upload, COLUMNS)
    errors = RowErrors(COLUMNS)
    students = {s.student_number: s for s in Student.objects.filter(institution=institution)}
    programs = {p.name: p for p in CertificateProgram.objects.all()}
    programs.update({p.code: p for p in programs.values() if p.code})
    existing = {
        (c.program_id, c.number): c for c in StudentCertificate.objects.filter(program__in=list(programs.values()))
    }
    seen: dict[tuple, int] = {}
    now = timezone.now()
    certificates: list[StudentCertificate] = []
    duplicates = 0
    for number, raw in rows:
        unread: set[str] = set()

        def refuse(field: str, message, number=number, unread=unread) -> None:
            errors.add(number, field, message)
            unread.add(field)

        student = students.get(as_text(raw.get("student_number")))
        if student is None:
            refuse("student_number", _("No student of your school has this number."))
        elif as_text(raw.get("full_name")) and as_text(raw.get("full_name")) not in student.full_name:
            refuse("full_name", _("The name does not match the student number."))
        program = programs.get(as_text(raw.get("program")))
        if program is None:
            refuse("program", _("Not a programme in the catalogue."))
        level = LEVEL_WORDS.get(as_text(raw.get("level")), as_text(raw.get("level")))
        if program is not None:
            try:
                check_level(program, level)
            except DjangoValidationError as exc:
                refuse("level", exc.message_dict["level"][0])
        cert_number = as_text(raw.get("number"))
        try:
            issue_date = as_date(raw.get("issue_date"))
        except ValueError as exc:
            refuse("issue_date", exc)
            issue_date = None
        score_text = as_text(raw.get("score"))
        score = None
        if score_text:
            try:
                score = round(float(score_text), 1)
            except ValueError:
                refuse("score", _("Enter a number."))
        duplicate = False
        if program and cert_number:
            key = (program.pk, cert_number)
            if key in seen:
                refuse("number", _("The same certificate is on row %(row)d.") % {"row": seen[key]})
            seen[key] = number
            previous = existing.get(key)
            if previous is not None and student is not None:
                if previous.student_id != student.pk:
                    refuse("number", _("This certificate number is recorded for another student."))
                elif previous.level == level:
                    duplicate = True
                else:
                    refuse("level", _("This certificate is recorded with another level."))
        certificate = StudentCertificate(
            student=student, program=program, level=level, number=cert_number, issue_date=issue_date, score=score,
            status=StudentCertificate.Status.VERIFIED, source=StudentCertificate.Source.IMPORT, verified_by=user,
            verified_at=now,
        )  # fmt: skip
        clean_row(errors, number, certificate, fields=FIELDS, unread=unread)
        if duplicate:
            duplicates += 1
        else:
            certificates.append(certificate)
    errors.raise_if_any()
    result = CertificateImportResult(rows=len(rows), created=len(certificates), skipped=duplicates)
    if dry_run:
        return result
    with transaction.atomic():
        StudentCertificate.objects.bulk_create(certificates)
    return result
