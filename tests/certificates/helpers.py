"""Steps the certificates tests share: uploading a scan as a student, files to upload, reading what is stored."""

from __future__ import annotations

import io
import random
from pathlib import Path

from PIL import Image

from tests.placements.factories import MINIMAL_PDF
from tests.placements.helpers import client_for, image_bytes, named

CERTIFICATES = "/api/v1/student-certificates/"
SESSIONS = "/api/v1/assessment-sessions/"

GPS = {1: "N", 2: (30.0, 35.0, 0.0), 3: "E", 4: (114.0, 17.0, 0.0)}  # 武汉


def upload(user, program, file, **fields):
    """POST a certificate with its scan as `user` (multipart, as the browser sends it)."""
    data = {"program": program.pk, "level": "junior", "number": "NEV-2026-0001", "issue_date": days_ago(150)}
    data.update(fields)
    data["file"] = file
    return client_for(user).post(CERTIFICATES, data, format="multipart")


def days_ago(days: int) -> str:
    """A date in the past, as the form sends it."""
    from tests.factories import days_from_today

    return days_from_today(-days).isoformat()


def png(size=(40, 30), color="white") -> io.BytesIO:
    return named(image_bytes("PNG", size=size, color=color), "scan.png")


def pdf() -> io.BytesIO:
    return named(MINIMAL_PDF, "scan.pdf")


def exif_with(*, gps: bool = False, orientation: int | None = None) -> Image.Exif:
    exif = Image.Exif()
    if orientation is not None:
        exif[0x0112] = orientation
    if gps:
        exif[0x8825] = GPS
    return exif


def noise_png(size=(64, 64), seed: int = 1) -> bytes:
    """A PNG that does not compress (about 3 bytes a pixel)."""
    pixels = random.Random(seed).randbytes(size[0] * size[1] * 3)
    buffer = io.BytesIO()
    Image.frombytes("RGB", size, pixels).save(buffer, format="PNG")
    return buffer.getvalue()


def big_blank_png(size) -> bytes:
    """A PNG of many pixels in few bytes (a single grey), the shape of a decompression bomb."""
    buffer = io.BytesIO()
    Image.new("L", size, 128).save(buffer, format="PNG")
    return buffer.getvalue()


def body_of(response) -> bytes:
    """The bytes of a served file. Reading the stream to its end lets the test client close the file (calling
    response.close() here would also close the test's database connection)."""
    return b"".join(response.streaming_content)


def stored_files(root) -> list[Path]:
    return [p for p in Path(root).rglob("*") if p.is_file()]


def image_of(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image
