"""Tables as downloads, for every list and report that offers XLSX or CSV."""

from __future__ import annotations

import csv
import io
import re
from typing import Any
from urllib.parse import quote

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook

# A cell starting with one of these is read as a formula by Excel, LibreOffice and Google Sheets (CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """User text as inert text: a leading formula character gets a single quote in front (OWASP's advice for
    CSV injection). Numbers, dates and empty cells are left as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


# Characters a sheet name may not hold (Excel's rule), and its length limit.
SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_MAX = 31


def attachment(name: str, fallback: str, *, disposition: str = "attachment") -> str:
    """A Content-Disposition header for a download named in the page's language: `filename=` in ASCII for old
    clients and RFC 5987's `filename*=UTF-8''...` with the real (usually Chinese) name. `disposition="inline"`
    for a file the browser shows (a scan) that is still saved under its name."""
    ascii_name = fallback.encode("ascii", "ignore").decode().replace('"', "").replace("\\", "") or "download"
    return f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"


def file_title(*parts: object) -> str:
    """A file name's stem from what the file is and whose (三方协议-张三): no path separators or control
    characters, whatever a name holds."""
    text = "-".join(str(p).strip() for p in parts if p is not None and str(p).strip())
    return re.sub(r'[\x00-\x1f/\\:*?"<>|]+', " ", text).strip() or "file"


def dated_name(title: str, ext: str) -> str:
    """What a download holds and the day it was made: 实习名单-2026-12-02.xlsx."""
    return f"{title}-{timezone.localdate().isoformat()}.{ext}"


def sheet_name(title: str) -> str:
    return SHEET_FORBIDDEN.sub(" ", title)[:SHEET_MAX].strip() or "Data"


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"


def table_file(
    rows: list[dict], columns: list[tuple[str, str]], fmt: str, filename: str, *, title: str | None = None
) -> tuple[bytes, str, str, str]:
    """Rows as a file: (its bytes, its name in the request's language, the ASCII fallback name, its type).
    XLSX, or CSV in UTF-8 with a BOM (so Excel opens Chinese correctly). `columns` are (key, header) pairs;
    headers may be lazy translations. `title` (translated: 实习名单) names the file, with today's date, and the
    sheet; `filename` is the ASCII fallback (placements). A background export keeps the same bytes (core.jobs)."""
    title = str(title) if title else filename
    header = [str(label) for _key, label in columns]
    values = [[safe_cell(row.get(key)) for key, _label in columns] for row in rows]
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        writer.writerows(values)
        data = ("\ufeff" + buffer.getvalue()).encode()
        return data, dated_name(title, "csv"), dated_name(filename, "csv"), CSV_TYPE
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_name(title)
    sheet.append(header)
    for row in values:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue(), dated_name(title, "xlsx"), dated_name(filename, "xlsx"), XLSX_TYPE


def table_response(
    rows: list[dict], columns: list[tuple[str, str]], fmt: str, filename: str, *, title: str | None = None
) -> HttpResponse:
    """Rows as a download (table_file's file, named in the request's language)."""
    data, name, fallback, content_type = table_file(rows, columns, fmt, filename, title=title)
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = attachment(name, fallback)
    return response
