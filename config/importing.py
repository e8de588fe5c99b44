"""Spreadsheet imports: read an uploaded XLSX, map its columns by their Chinese or English headers, and
collect every row's errors before anything is written (all-or-nothing)."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.db.models import Field
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from config.exports import sheet_name
from core.errors import ImportRowsInvalid


@dataclass(frozen=True)
class Column:
    field: str
    header_zh: str
    header_en: str
    required: bool = True
    example: str = ""


class RowErrors:
    """A refused import's errors by row. Each carries the column's header as the template spells it, in the
    request's language (`header`: 姓名 / Full name), so people read the sheet's own words, not the API's field
    names; blank when the error is about no column of the template (the whole row)."""

    def __init__(self, columns: Iterable[Column] = ()) -> None:
        self.items: list[dict] = []
        self.columns = {c.field: c for c in columns}

    def header(self, field: str) -> str:
        column = self.columns.get(field)
        if column is None:
            return ""
        return column.header_en if (get_language() or "").startswith("en") else column.header_zh

    def add(self, row: int, field: str, message: Any) -> None:
        self.items.append({"row": row, "field": field, "header": self.header(field), "message": str(message)})

    def raise_if_any(self) -> None:
        if self.items:
            raise ImportRowsInvalid(self.items[:500])


def _file_error(message) -> DjangoValidationError:
    return DjangoValidationError({"file": [message]})


def read_rows(upload, columns: list[Column]) -> list[tuple[int, dict[str, Any]]]:
    """Rows of the first sheet as (spreadsheet row number, {field: value}); blank rows are skipped."""
    if upload is None:
        raise _file_error(_("Choose an XLSX file to upload."))
    if upload.size > settings.IMPORT_MAX_BYTES:
        raise _file_error(_("The file is larger than %(mb)d MB.") % {"mb": settings.IMPORT_MAX_BYTES // (1024 * 1024)})
    head = upload.read(4)
    upload.seek(0)
    if head != b"PK\x03\x04":
        raise _file_error(_("This is not an XLSX spreadsheet. Save it as .xlsx (Excel 2007 or later) and try again."))
    data = io.BytesIO(upload.read())
    check_archive(data)
    try:
        workbook = load_workbook(data, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise _file_error(_("The spreadsheet could not be read; it may be damaged.")) from exc
    try:
        return _sheet_rows(workbook, columns)
    finally:
        workbook.close()


def count_rows(upload, columns: list[Column]) -> int:
    """How many data rows the sheet holds (read as the import reads it, so a sheet it refuses is refused here
    the same way); whether an import runs inline or as a background job depends on it."""
    try:
        return len(read_rows(upload, columns))
    finally:
        if upload is not None:
            upload.seek(0)


def check_archive(data: io.BytesIO) -> None:
    """Refuse a ZIP bomb before openpyxl inflates it: an XLSX is a ZIP archive, and a few hundred KB can hold
    gigabytes of XML. The members' declared sizes are read from the central directory (nothing is inflated);
    zipfile itself stops with an error if a member inflates past its declared size."""
    too_large = _file_error(_("The spreadsheet holds more data than an import may have. Split it into smaller files."))
    try:
        with zipfile.ZipFile(data) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise _file_error(_("The spreadsheet could not be read; it may be damaged.")) from exc
    finally:
        data.seek(0)
    if len(members) > MAX_ARCHIVE_MEMBERS:
        raise too_large
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_CHECK_FROM and ratio > settings.IMPORT_MAX_COMPRESSION_RATIO:
            raise too_large
    if total > settings.IMPORT_MAX_UNCOMPRESSED_BYTES:
        raise too_large


# Small members (styles, themes) may compress very well and are harmless; the ratio is checked from 1 MB.
RATIO_CHECK_FROM = 1024 * 1024
MAX_ARCHIVE_MEMBERS = 1000
# No template has more columns than this; a sheet declaring 16384 columns is not read that wide.
MAX_COLUMNS = 100


def _sheet_rows(workbook, columns: list[Column]) -> list[tuple[int, dict[str, Any]]]:
    sheet = workbook.worksheets[0]
    # max_col bounds the padding openpyxl adds to each row from the sheet's declared dimension.
    rows = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)
    try:
        header = next(rows)
    except StopIteration:
        raise _file_error(_("The spreadsheet is empty.")) from None
    by_header = {}
    for col in columns:
        by_header[col.header_zh.strip().lower()] = col.field
        by_header[col.header_en.strip().lower()] = col.field
    index: dict[str, int] = {}
    for i, cell in enumerate(header):
        key = str(cell or "").strip().lower().rstrip("*")
        if key in by_header:
            index[by_header[key]] = i
    missing = [f"{c.header_zh} / {c.header_en}" for c in columns if c.required and c.field not in index]
    if missing:
        raise _file_error(_("Missing columns: %(cols)s. Use the template.") % {"cols": ", ".join(missing)})
    out = []
    too_many = _file_error(_("At most %(n)d rows can be imported at once.") % {"n": settings.IMPORT_MAX_ROWS})
    # Blank rows count too (up to as many again as the data rows may be): a sheet of a million empty rows is
    # refused after reading a few thousand, not after reading them all.
    scan_limit = 2 * settings.IMPORT_MAX_ROWS + 1
    for number, values in enumerate(rows, start=2):
        if number > scan_limit:
            raise too_many
        if values is None or all(v is None or str(v).strip() == "" for v in values):
            continue
        record = {}
        for field, i in index.items():
            value = values[i] if i < len(values) else None
            if isinstance(value, str):
                value = value.strip()
            record[field] = value
        out.append((number, record))
        if len(out) > settings.IMPORT_MAX_ROWS:
            raise too_many
    if not out:
        raise _file_error(_("The spreadsheet has no data rows."))
    return out


def read_csv(raw: bytes) -> list[list[str]]:
    """The rows of an uploaded CSV (UTF-8 with or without a BOM, or GB18030, as Excel saves it in China). A
    field longer than any cell may be, or a malformed file, is a 400 on the file, never a 500."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise _file_error(_("The CSV file is not in UTF-8 or GB18030."))
    # csv refuses a field longer than csv.field_size_limit() (128 K characters) with a bare csv.Error; the
    # limit is process-wide, so it is not changed here but its error is answered.
    try:
        rows = []
        for values in csv.reader(io.StringIO(text)):
            rows.append(values)
            if len(rows) > 2 * settings.IMPORT_MAX_ROWS + 1:
                raise _file_error(_("At most %(n)d rows can be imported at once.") % {"n": settings.IMPORT_MAX_ROWS})
        return rows
    except csv.Error as exc:
        raise _file_error(
            _("The CSV file could not be read: a cell is far too long, or a quotation mark is not closed.")
        ) from exc


def clean_row(errors: RowErrors, row: int, instance: models.Model, *, fields: Iterable[str], unread=()) -> bool:
    """Check a row's model instance as the API and the admin do, with its full_clean(), and add what the model
    says to spreadsheet row `row`'s errors; whether the row passed. Only the `fields` the sheet gave are
    checked, less those whose cell could not be read (`unread`: the import has said why already). References
    given as loaded objects (resolved from the school's own classes, teachers, programmes) are not fetched
    again, and uniqueness is left to the import, which checks a whole file in one query rather than one per
    row. An empty required cell reads "This field cannot be blank." whether its field stores "" or NULL."""
    checked = set(fields).difference(unread)
    exclude = {
        f.name for f in instance._meta.fields if f.name not in checked or (f.is_relation and f.is_cached(instance))
    }
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except DjangoValidationError as exc:
        for field, problems in exc.error_dict.items():
            for problem in problems:
                if problem.code == "null":
                    problem = DjangoValidationError(Field.default_error_messages["blank"], code="blank")
                for message in problem.messages:
                    errors.add(row, field, message)
        return False
    return True


def as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def as_date(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = as_text(value).replace("/", "-").replace(".", "-").replace("年", "-").replace("月", "-").rstrip("日")
    parts = text.split("-")
    if len(parts) != 3 or not all(part.isdigit() for part in parts) or len(parts[0]) != 4:
        try:  # other ISO spellings (20060203)
            return date.fromisoformat(text)
        except ValueError:
            raise ValueError(_("Enter a date as YYYY-MM-DD.")) from None
    try:
        return date(*(int(part) for part in parts))
    except ValueError:
        # written as a date, but no such day (2006-02-30, a 13th month): say so, not "wrong format"
        raise ValueError(_("This date does not exist.")) from None


def as_int(value: Any) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = float(as_text(value))
    except ValueError:
        raise ValueError(_("Enter a whole number.")) from None
    if not number.is_integer():
        raise ValueError(_("Enter a whole number."))
    return int(number)


def example_text(example: str) -> str:
    """A column's example with its years filled in from today ({entry_year}, {graduation_year}, {graduate_entry},
    {birth_date}, {issued}), so a template downloaded any year shows plausible values."""
    from core.calendar import academic_year

    today = timezone.localdate()
    year = academic_year(today)
    return example.format(
        entry_year=year,
        graduation_year=year,
        graduate_entry=year - 3,
        birth_date=date(year - 18, 5, 1).isoformat(),
        issued=(today - timedelta(days=30)).isoformat(),
    )


def template_workbook(columns: list[Column], notes: list[str], *, sheet_title: str = "") -> bytes:
    """An XLSX with the headers (required ones marked *) in the request's language (the import reads either),
    on a sheet named for what it holds (学生 / Students), and a sheet of notes (填写说明 / Notes)."""
    english = (get_language() or "").startswith("en")
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_name(str(sheet_title or _("Data")))
    sheet.append([f"{c.header_en if english else c.header_zh}{'*' if c.required else ''}" for c in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for i, _col in enumerate(columns, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=i).column_letter].width = 18
    help_sheet = workbook.create_sheet(sheet_name(str(_("Notes"))))
    help_sheet.append(["列 / column", "English", "必填 / required", "示例 / example"])
    for c in columns:
        help_sheet.append([c.header_zh, c.header_en, "是 / yes" if c.required else "否 / no", example_text(c.example)])
    help_sheet.append([])
    for note in notes:
        help_sheet.append([note])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
