"""Tables as downloads, for every list and report that offers XLSX or CSV."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook

# A cell starting with one of these is read as a formula by Excel, LibreOffice and Google Sheets (CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """User text as inert text: a leading formula character gets a single quote in front (OWASP's advice for
    CSV injection). Numbers, dates and empty cells are left as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def table_response(rows: list[dict], columns: list[tuple[str, str]], fmt: str, filename: str) -> HttpResponse:
    """Rows as a download: XLSX, or CSV in UTF-8 with a BOM (so Excel opens Chinese correctly).
    `columns` are (key, header) pairs; headers may be lazy translations."""
    header = [str(label) for _key, label in columns]
    values = [[safe_cell(row.get(key)) for key, _label in columns] for row in rows]
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        writer.writerows(values)
        response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        return response
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in values:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    response = HttpResponse(
        out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
