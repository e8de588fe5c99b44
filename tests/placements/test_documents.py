"""Paperwork uploads (POST /api/v1/placements/{id}/documents/): the file is judged by its content, images are
stripped of their metadata (phones put GPS there) and turned upright, and anything refused leaves nothing
behind. Who may upload which paper, and who may read it back."""

from __future__ import annotations

import io
import os
from urllib.parse import quote

import pytest
from PIL import ExifTags, Image

from placements.models import PlacementDocument, PlacementEvent
from tests import factories as f
from tests.access import assert_access
from tests.placements.helpers import client_for, document_fields, image_bytes, named

pytestmark = pytest.mark.django_db

PDF = f.MINIMAL_PDF


@pytest.fixture(autouse=True)
def pillow_limit(monkeypatch):
    """The upload check sets Pillow's process-wide pixel limit from settings; put it back after each test."""
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", Image.MAX_IMAGE_PIXELS)


@pytest.fixture
def placement(world, slot):
    """The world's student, confirmed on the slot: the paperwork is due."""
    return f.PlacementFactory(student=world.student, slot=slot, status="confirmed")


def upload(user, placement, kind: str, content: bytes, name: str, **fields):
    data = {"kind": kind, "file": named(content, name), **document_fields(kind), **fields}
    return client_for(user).post(f"/api/v1/placements/{placement.pk}/documents/", data, format="multipart")


def stored_files(media_root) -> list:
    return [p for p in media_root.rglob("*") if p.is_file()]


def assert_nothing_stored(placement, media_root) -> None:
    assert not PlacementDocument.objects.exists()
    assert stored_files(media_root) == []
    assert not PlacementEvent.objects.filter(placement=placement, action="document_uploaded").exists()


def photo_with_gps() -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "HUAWEI"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (30.0, 35.0, 12.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (114.0, 18.0, 5.0)
    content = image_bytes("PNG", exif=exif)
    with Image.open(io.BytesIO(content)) as original:  # the test's own premise: the upload does carry GPS
        assert original.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    return content


def sideways_jpeg() -> bytes:
    """A 60×40 phone photo stored sideways: left half red, right half blue, EXIF orientation 6 (turn it 90°
    clockwise to view it), so upright it is 40×60 with red on top."""
    image = Image.new("RGB", (60, 40), "blue")
    image.paste((255, 0, 0), (0, 0, 30, 40))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif, quality=95)
    return buffer.getvalue()


def noisy_png(size=(64, 64)) -> bytes:
    buffer = io.BytesIO()
    Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)).save(buffer, format="PNG")
    return buffer.getvalue()


# -- what is stored --------------------------------------------------------------------------------------------


def test_a_photo_is_stored_without_its_exif_and_gps(world, placement):
    response = upload(world.student.user, placement, "consent", photo_with_gps(), "consent.png")
    assert response.status_code == 201, response.content
    document = PlacementDocument.objects.get()
    assert (document.content_type, document.extension) == ("image/png", "png")
    raw = document.file.read()
    document.file.close()
    assert b"eXIf" not in raw
    assert b"HUAWEI" not in raw
    with Image.open(io.BytesIO(raw)) as stored:
        assert dict(stored.getexif()) == {}
        assert stored.getexif().get_ifd(ExifTags.IFD.GPSInfo) == {}


def test_a_sideways_jpeg_is_stored_upright(world, placement):
    response = upload(world.student.user, placement, "consent", sideways_jpeg(), "IMG_0001.JPG")
    assert response.status_code == 201, response.content
    document = PlacementDocument.objects.get()
    assert (document.content_type, document.extension) == ("image/jpeg", "jpg")
    with Image.open(document.file.path) as stored:
        assert stored.size == (40, 60)
        assert stored.getexif().get(ExifTags.Base.Orientation) in (None, 1)
        top, bottom = stored.convert("RGB").getpixel((20, 10)), stored.convert("RGB").getpixel((20, 50))
    assert top[0] > 200 and top[2] < 60, top  # red
    assert bottom[2] > 200 and bottom[0] < 60, bottom  # blue


def test_a_pdf_is_stored_as_it_came(world, placement):
    response = upload(world.hr.user, placement, "tripartite", PDF, "三方协议.pdf")
    assert response.status_code == 201, response.content
    document = PlacementDocument.objects.get()
    assert (document.content_type, document.extension, document.size) == ("application/pdf", "pdf", len(PDF))
    with document.file.open("rb") as handle:
        assert handle.read() == PDF
    assert response.json()["documents"][0]["url"] == f"/api/v1/placement-documents/{document.pk}/file/"


def test_the_stored_name_never_reuses_the_uploaded_one(world, placement, media_root):
    upload(world.hr.user, placement, "tripartite", PDF, "../../张三身份证号420102200601011234.pdf")
    (path,) = stored_files(media_root)
    assert path.parent == media_root / "placements" / str(placement.pk)
    assert path.name.startswith("tripartite-")
    assert path.suffix == ".pdf"
    assert "420102" not in path.name


# -- what is refused -------------------------------------------------------------------------------------------

REFUSED = {
    "text-named-pdf": (b"This is not a PDF, only notes.\n" * 20, "agreement.pdf"),
    "executable-named-pdf": (b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 500, "agreement.pdf"),
    "executable-named-png": (b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 500, "scan.png"),
    "truncated-png": ("truncated", "scan.png"),
    "pdf-without-its-end": (PDF.replace(b"%%EOF", b""), "agreement.pdf"),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_a_file_that_is_not_what_it_claims_is_refused_and_nothing_is_stored(world, placement, media_root, case):
    content, name = REFUSED[case]
    if content == "truncated":
        whole = noisy_png()
        content = whole[: len(whole) * 6 // 10]
    response = upload(world.teacher.user, placement, "tripartite", content, name)
    assert response.status_code == 400, response.content
    assert response.json()["fields"]["file"]
    assert_nothing_stored(placement, media_root)


def test_an_oversized_file_is_refused_and_nothing_is_stored(world, placement, media_root, settings):
    settings.PLACEMENT_UPLOAD_MAX_BYTES = 1024
    big = PDF.replace(b"%%EOF", b"%" + b"x" * 2000 + b"\n%%EOF")
    response = upload(world.teacher.user, placement, "tripartite", big, "agreement.pdf")
    assert response.status_code == 400
    assert response.json()["fields"]["file"]
    assert_nothing_stored(placement, media_root)


def test_an_image_with_too_many_pixels_is_refused_and_nothing_is_stored(world, placement, media_root, settings):
    settings.UPLOAD_MAX_PIXELS = 10_000
    response = upload(world.teacher.user, placement, "consent", image_bytes("PNG", size=(200, 200)), "scan.png")
    assert response.status_code == 400
    assert "pixels" in response.json()["fields"]["file"][0]
    assert_nothing_stored(placement, media_root)


def test_an_image_just_within_the_pixel_limit_is_accepted(world, placement, settings):
    settings.UPLOAD_MAX_PIXELS = 10_000
    response = upload(world.teacher.user, placement, "consent", image_bytes("PNG", size=(100, 100)), "scan.png")
    assert response.status_code == 201, response.content


@pytest.mark.parametrize(
    "kind, fields, error_on",
    [
        ("insurance", {"covers_from": "", "covers_to": ""}, "covers_to"),
        ("insurance", {"covers_from": "2027-08-31", "covers_to": "2027-03-01"}, "covers_to"),
        ("insurance", {"policy_number": ""}, "policy_number"),
        ("consent", {"signed_on": ""}, "signed_on"),
    ],
    ids=["insurance-without-dates", "insurance-ending-before-it-starts", "insurance-without-number", "unsigned"],
)
def test_a_paper_without_its_details_is_refused_and_nothing_is_stored(
    world, placement, media_root, kind, fields, error_on
):
    response = upload(world.teacher.user, placement, kind, PDF, "paper.pdf", **fields)
    assert response.status_code == 400
    assert error_on in response.json()["fields"]
    assert_nothing_stored(placement, media_root)


@pytest.mark.parametrize("status", ["pending", "approved", "completed", "withdrawn"])
def test_papers_are_taken_only_between_confirmation_and_the_end(world, slot, media_root, status):
    placement = f.PlacementFactory(student=world.student, slot=slot, status=status)
    response = upload(world.teacher.user, placement, "tripartite", PDF, "agreement.pdf")
    assert response.status_code == 409
    assert response.json()["current_status"] == status
    assert_nothing_stored(placement, media_root)


# -- who may upload which paper --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "who, kind, expected",
    [
        ("student", "consent", 201),
        ("student", "other", 201),
        ("student", "tripartite", 403),
        ("student", "insurance", 403),
        ("hr", "tripartite", 201),
        ("hr", "insurance", 201),
        ("hr", "consent", 403),
        ("teacher", "tripartite", 201),
        ("teacher", "consent", 201),
        ("teacher", "insurance", 201),
        ("admin", "consent", 201),
        ("mentor", "tripartite", 403),
        ("mentor", "other", 403),
        ("classmate", "consent", 404),
        ("other_teacher", "insurance", 404),
        ("other_hr", "tripartite", 404),
        ("outsider", "other", 404),
    ],
)
def test_each_party_uploads_only_its_own_papers(world, placement, media_root, who, kind, expected):
    persona = getattr(world, who)
    user = persona if who == "outsider" else persona.user
    response = upload(user, placement, kind, PDF, "paper.pdf")
    assert response.status_code == expected, response.content
    if expected == 201:
        assert PlacementDocument.objects.get().uploaded_by == user
    else:
        assert_nothing_stored(placement, media_root)


def test_a_complete_set_of_papers_makes_the_placement_ready(world, placement):
    upload(world.hr.user, placement, "tripartite", PDF, "a.pdf")
    upload(world.student.user, placement, "consent", PDF, "b.pdf")
    response = upload(world.teacher.user, placement, "insurance", PDF, "c.pdf")
    # the student's consent form counts once the school checked it (test_consent_check.py)
    assert (response.json()["status"], [m["code"] for m in response.json()["missing"]]) == (
        "confirmed",
        ["consent_check"],
    )
    consent = PlacementDocument.objects.get(placement=placement, kind="consent")
    checked = client_for(world.teacher.user).post(f"/api/v1/placement-documents/{consent.pk}/check/")
    assert checked.status_code == 200
    response = client_for(world.teacher.user).get(f"/api/v1/placements/{placement.pk}/")
    assert response.json()["status"] == "ready"
    assert response.json()["missing"] == []


# -- reading a paper back --------------------------------------------------------------------------------------


def test_a_paper_is_served_only_to_the_placements_parties(world, placement):
    upload(world.hr.user, placement, "tripartite", PDF, "agreement.pdf")
    document = PlacementDocument.objects.get()
    url = f"/api/v1/placement-documents/{document.pk}/file/"
    parties = [world.student.user, world.teacher.user, world.hr.user]
    strangers = [world.other_hr.user, world.other_teacher.user, world.other_student.user, world.classmate.user,
                 world.outsider]  # fmt: skip
    # assert_access leaves the responses it gets unread, and an unread file response closes the test's database
    # connection when it is collected; so the parties are checked here, reading each answer to the end (which
    # closes it the way the test client expects).
    assert_access(url, allowed=[], denied=strangers, denied_status=(404,))
    for user in parties:
        response = client_for(user).get(url)
        assert response.status_code == 200, user.username
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "no-store" in response["Cache-Control"]


def test_anonymous_visitors_get_401_for_a_paper(world, placement):
    upload(world.hr.user, placement, "tripartite", PDF, "agreement.pdf")
    document = PlacementDocument.objects.get()
    assert client_for(None).get(f"/api/v1/placement-documents/{document.pk}/file/").status_code == 401


def test_a_paper_is_saved_as_what_it_is_and_whose(world, placement):
    upload(world.hr.user, placement, "tripartite", PDF, "scan.pdf")
    document = PlacementDocument.objects.get()
    response = client_for(world.hr.user).get(f"/api/v1/placement-documents/{document.pk}/file/")
    b"".join(response.streaming_content)  # read to the end: an unread file response closes the connection
    disposition = response["Content-Disposition"]
    assert disposition.startswith(f'inline; filename="tripartite-{document.pk}.pdf"')  # the ASCII fallback
    name = f"{document.get_kind_display()}-{world.student.full_name}.pdf"  # 三方协议-<the student>.pdf
    assert disposition.endswith(f"filename*=UTF-8''{quote(name)}")
