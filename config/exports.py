"""Tables as downloads, for every list and report that offers XLSX or CSV."""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse
from openpyxl import Workbook


def table_response(rows: list[dict], columns: list[tuple[str, str]], fmt: str, filename: str) -> HttpResponse:
    """Rows as a download: XLSX, or CSV in UTF-8 with a BOM (so Excel opens Chinese correctly).
    `columns` are (key, header) pairs; headers may be lazy translations."""
    header = [str(label) for _key, label in columns]
    values = [[row.get(key) for key, _label in columns] for row in rows]
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
