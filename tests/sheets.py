"""Spreadsheets for the import tests: a header row and the rows below it, as an XLSX file's bytes or upload."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook


def xlsx_bytes(headers: list, rows: list[list]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for values in rows:
        sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_upload(headers: list, rows: list[list], name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, xlsx_bytes(headers, rows))
