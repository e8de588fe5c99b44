"""A student's scan of a certificate, checked on real files: the type is decided by the content, images are
re-encoded (no EXIF, so no GPS) and turned upright, images get a small JPEG thumbnail, and anything refused
leaves nothing behind: no row and no file under MEDIA_ROOT."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from PIL import Image

from certificates.models import StudentCertificate
from notices.models import Notice
from tests import factories as f
from tests.certificates.helpers import (
    MINIMAL_PDF,
    big_blank_png,
    body_of,
    exif_with,
    image_of,
    noise_png,
    pdf,
    png,
    stored_files,
    upload,
)
from tests.placements.helpers import client_for, image_bytes, named

pytestmark = pytest.mark.django_db


def served(user, response, field: str):
    """GET the scan_url or thumbnail_url of an uploaded certificate as `user`."""
    return client_for(user).get(response.json()[field])


# -- what comes out --------------------------------------------------------------------------------------------


def test_a_png_with_gps_in_its_exif_is_stored_without_any_exif(world, program, media_root):
    raw = image_bytes("PNG", size=(40, 30), exif=exif_with(gps=True))
    assert image_of(raw).getexif(), "the test file must carry EXIF"
    response = upload(world.student.user, program, named(raw, "IMG_0001.png"))
    assert response.status_code == 201, response.json()
    scan = served(world.student.user, response, "scan_url")
    assert scan["Content-Type"] == "image/png"
    data = body_of(scan)
    stored = image_of(data)
    assert stored.format == "PNG"
    assert stored.size == (40, 30)
    assert not stored.getexif()
    assert "exif" not in stored.info
    assert b"eXIf" not in data  # no EXIF chunk at all
    [path] = [p for p in stored_files(media_root) if p.suffix == ".png"]
    assert path.read_bytes() == data


def test_a_jpeg_rotated_by_its_exif_orientation_is_stored_upright(world, program):
    # 60×40, red on top and blue below; orientation 6 means "turn 90° clockwise to view", so upright the photo
    # is 40×60 with red on the right.
    photo = Image.new("RGB", (60, 40), "blue")
    photo.paste((255, 0, 0), (0, 0, 60, 20))
    buffer = io.BytesIO()
    photo.save(buffer, format="JPEG", exif=exif_with(orientation=6, gps=True), quality=95)
    response = upload(world.student.user, program, named(buffer.getvalue(), "IMG_0002.jpg"))
    assert response.status_code == 201, response.json()
    scan = served(world.student.user, response, "scan_url")
    assert scan["Content-Type"] == "image/jpeg"
    stored = image_of(body_of(scan))
    assert stored.format == "JPEG"
    assert stored.size == (40, 60)
    assert not stored.getexif()  # the orientation tag is gone too: the pixels themselves are upright
    red, _, blue = stored.getpixel((35, 30))
    assert red > 200 and blue < 60, "the top of the photo must be on the right"
    red, _, blue = stored.getpixel((4, 30))
    assert blue > 200 and red < 60


def test_an_image_gets_a_jpeg_thumbnail_of_at_most_320_pixels(world, program):
    response = upload(world.student.user, program, png(size=(1000, 600), color="green"))
    assert response.status_code == 201, response.json()
    assert response.json()["thumbnail_url"]
    thumb = served(world.teacher.user, response, "thumbnail_url")
    assert thumb.status_code == 200
    assert thumb["Content-Type"] == "image/jpeg"
    image = image_of(body_of(thumb))
    assert image.format == "JPEG"
    assert max(image.size) <= 320
    assert image.size == (320, 192)  # the proportions are kept


def test_a_small_image_keeps_its_size_in_the_thumbnail(world, program):
    response = upload(world.student.user, program, png(size=(40, 30)))
    thumb = image_of(body_of(served(world.student.user, response, "thumbnail_url")))
    assert (thumb.format, thumb.size) == ("JPEG", (40, 30))


def test_a_pdf_is_accepted_as_it_is_and_gets_no_thumbnail(world, program, media_root):
    response = upload(world.student.user, program, pdf())
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "pending"
    assert body["source"] == "upload"
    assert body["thumbnail_url"] is None
    scan = served(world.student.user, response, "scan_url")
    assert scan["Content-Type"] == "application/pdf"
    assert body_of(scan) == MINIMAL_PDF
    assert (
        client_for(world.student.user).get(f"/api/v1/student-certificates/{body['id']}/thumbnail/").status_code == 404
    )
    assert [p.suffix for p in stored_files(media_root)] == [".pdf"]


def test_a_scan_is_stored_under_a_random_name_whatever_the_student_called_it(world, program, media_root):
    response = upload(world.student.user, program, named(image_bytes("PNG"), "../../etc/我的证书.png"))
    assert response.status_code == 201, response.json()
    names = sorted(p.relative_to(media_root).as_posix() for p in stored_files(media_root))
    assert len(names) == 2  # the scan and its thumbnail
    assert all(n.startswith(f"certificates/{world.student.pk}/") for n in names)
    assert not any("证书" in n or ".." in n for n in names)


def test_an_upload_waits_for_verification_and_tells_the_advisor(world, program):
    response = upload(world.student.user, program, png())
    assert response.status_code == 201, response.json()
    certificate = StudentCertificate.objects.get(pk=response.json()["id"])
    assert (certificate.status, certificate.student, certificate.number) == ("pending", world.student, "NEV-2026-0001")
    assert Notice.objects.filter(recipient=world.teacher.user, kind="certificate_uploaded").count() == 1


# -- what is refused, leaving nothing behind -------------------------------------------------------------------


def elf_executable() -> bytes:
    return b"\x7fELF\x02\x01\x01\x00" + bytes(8) + b"\x02\x00\x3e\x00" + bytes(300)


def damaged_png() -> bytes:
    """A real PNG with bytes in the middle of its image data flipped (the chunk's checksum no longer fits)."""
    data = bytearray(noise_png())
    middle = len(data) // 2
    data[middle : middle + 16] = bytes(b ^ 0xFF for b in data[middle : middle + 16])
    return bytes(data)


NOT_A_SCAN = "not a PDF, JPEG or PNG file"
DAMAGED = "damaged"
TOO_MANY_PIXELS = "too many pixels"
PIXEL_LIMIT = {"UPLOAD_MAX_PIXELS": 1_000_000}

# what the student uploads, under which name, with which settings, and the reason they read (in English)
REFUSED_FILES = {
    "a text file renamed .jpg": (lambda: b"just a text file, not a scan\n", "certificate.jpg", {}, NOT_A_SCAN),
    "an executable renamed .png": (elf_executable, "certificate.png", {}, NOT_A_SCAN),
    "a file over the size limit": (noise_png, "certificate.png", {"CERTIFICATE_UPLOAD_MAX_BYTES": 4096}, "larger"),
    "a PNG cut off half way": (lambda: noise_png()[: len(noise_png()) // 2], "certificate.png", {}, DAMAGED),
    "a PNG with damaged image data": (damaged_png, "certificate.png", {}, DAMAGED),
    "a PNG signature followed by garbage": (lambda: b"\x89PNG\r\n\x1a\n" + bytes(200), "certificate.png", {}, DAMAGED),
    "a decompression bomb": (lambda: big_blank_png((3000, 3000)), "certificate.png", PIXEL_LIMIT, TOO_MANY_PIXELS),
    "an image just over the pixel limit": (
        lambda: big_blank_png((1100, 1000)),
        "certificate.png",
        PIXEL_LIMIT,
        TOO_MANY_PIXELS,
    ),
    "a PDF without its end": (lambda: MINIMAL_PDF.replace(b"%%EOF", b""), "certificate.pdf", {}, DAMAGED),
    "an empty file": (lambda: b"", "certificate.png", {}, "empty"),
}


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
@pytest.mark.parametrize("case", list(REFUSED_FILES))
def test_a_bad_file_is_refused_on_file_and_nothing_is_stored(case, world, program, settings, media_root):
    make, name, overrides, reason = REFUSED_FILES[case]
    for setting, value in overrides.items():
        setattr(settings, setting, value)
    response = upload(world.student.user, program, named(make(), name))
    assert response.status_code == 400, response.json()
    assert list(response.json()["fields"]) == ["file"]
    assert reason in " ".join(response.json()["fields"]["file"])
    assert not StudentCertificate.objects.exists()
    assert stored_files(media_root) == []
    assert not Notice.objects.exists()


def test_the_same_file_under_the_size_limit_is_accepted(world, program, settings):
    settings.CERTIFICATE_UPLOAD_MAX_BYTES = len(noise_png()) + 1
    assert upload(world.student.user, program, named(noise_png(), "certificate.png")).status_code == 201


def test_an_image_within_the_pixel_limit_is_accepted(world, program, settings):
    settings.UPLOAD_MAX_PIXELS = 1_000_000
    assert upload(world.student.user, program, named(big_blank_png((1000, 1000)), "scan.png")).status_code == 201


def test_a_number_already_recorded_in_the_programme_is_refused_on_number(world, program, media_root):
    f.StudentCertificateFactory(student=world.classmate, program=program, number="NEV-2026-0001")
    response = upload(world.student.user, program, png(), number="NEV-2026-0001")
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["number"]
    assert StudentCertificate.objects.count() == 1
    assert stored_files(media_root) == []


def test_the_same_number_in_another_programme_is_accepted(world, program):
    f.StudentCertificateFactory(student=world.classmate, number="NEV-2026-0001")
    assert upload(world.student.user, program, png(), number="NEV-2026-0001").status_code == 201


def test_a_level_the_programme_does_not_offer_is_refused_on_level(world, media_root):
    program = f.CertificateProgramFactory(levels=["junior", "intermediate"])
    response = upload(world.student.user, program, png(), level="senior")
    assert response.status_code == 400
    assert "level" in response.json()["fields"]
    assert not StudentCertificate.objects.exists()
    assert stored_files(media_root) == []


def test_an_issue_date_in_the_future_is_refused(world, program, media_root):
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = upload(world.student.user, program, png(), issue_date=tomorrow.isoformat())
    assert response.status_code == 400
    assert "issue_date" in response.json()["fields"]
    assert not StudentCertificate.objects.exists()
    assert stored_files(media_root) == []


def test_a_certificate_issued_today_is_accepted(world, program):
    response = upload(world.student.user, program, png(), issue_date=timezone.localdate().isoformat())
    assert response.status_code == 201, response.json()
