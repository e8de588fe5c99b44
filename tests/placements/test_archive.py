"""The internship archive (issue 15): a placement's record as a PDF the school keeps (the student may download
their own), a class's placements as one ZIP with one PDF each; nobody else gets either."""

from __future__ import annotations

import io
import re
import zipfile
import zlib

import pytest
from django.utils import timezone, translation

from placements.archive import archive_queryset, placement_archive_pdf
from placements.models import Assessment, Journal, Placement
from tests import factories as f
from tests.placements.helpers import client_for, new_student

pytestmark = pytest.mark.django_db


def started(world, student=None):
    slot = f.SlotFactory(company=world.company, base=world.base, majors=[world.major], mentor=world.mentor)
    placement = f.PlacementFactory(student=student or world.student, slot=slot, status="active")
    placement.started_at = timezone.now()
    placement.final_grade = "good"
    placement.save()
    Journal.objects.create(
        placement=placement, period=1, title="第一周", body="熟悉了电池包装调工位。", teacher_comment="很好"
    )
    Assessment.objects.create(placement=placement, role="teacher", grade="good", comments="认真负责")
    f.PlacementDocumentFactory(placement=placement, kind="tripartite")
    return placement


def _streams(pdf: bytes) -> list[bytes]:
    out = []
    for raw in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            out.append(zlib.decompress(raw))
        except zlib.error:
            out.append(raw)  # the ToUnicode CMap is written uncompressed
    return out


def _literal(body: bytes) -> bytes:
    """A PDF literal string's bytes, its escapes undone."""
    out, i = bytearray(), 0
    escapes = {ord("n"): 10, ord("r"): 13, ord("t"): 9, ord("b"): 8, ord("f"): 12}
    while i < len(body):
        c = body[i]
        if c == 0x5C and i + 1 < len(body):  # backslash
            nxt = body[i + 1]
            octal = re.match(rb"[0-7]{1,3}", body[i + 1 : i + 4])
            if octal:
                out.append(int(octal.group(), 8) & 0xFF)
                i += 1 + len(octal.group())
                continue
            out.append(escapes.get(nxt, nxt))
            i += 2
            continue
        out.append(c)
        i += 1
    return bytes(out)


def text_of(pdf: bytes) -> str:
    """The PDF's text as a reader extracts it: each shown string's glyph ids (fpdf2 writes a CID font) mapped back
    to characters through the ToUnicode CMap it embeds."""
    streams = _streams(pdf)
    cmap: dict[int, str] = {}
    for stream in streams:
        for block in re.findall(rb"beginbfchar(.*?)endbfchar", stream, re.S):
            for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                cmap[int(src, 16)] = bytes.fromhex(dst.decode()).decode("utf-16-be")
        for block in re.findall(rb"beginbfrange(.*?)endbfrange", stream, re.S):
            for lo, hi, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                first = ord(bytes.fromhex(dst.decode()).decode("utf-16-be"))
                for i, gid in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                    cmap[gid] = chr(first + i)
    shown = []
    for stream in streams:
        for body in re.findall(rb"\(((?:\\.|[^\\)])*)\)\s*Tj", stream, re.S):
            raw = _literal(body)
            shown.append("".join(cmap.get(int.from_bytes(raw[i : i + 2], "big"), "?") for i in range(0, len(raw), 2)))
    return "\n".join(shown)


def test_the_pdf_holds_the_agreement_journals_assessments_grade_and_timeline(world):
    placement = started(world)
    pdf = placement_archive_pdf(placement)
    assert pdf.startswith(b"%PDF") and len(pdf) > 2000
    text = text_of(pdf)
    for expected in (
        world.student.full_name,
        world.company.name,
        placement.slot.title,
        "熟悉了电池包装调工位",
        "认真负责",
    ):
        assert expected in text, expected
    assert "FontFile2" in pdf.decode("latin-1")  # the CJK font is embedded


def test_a_returned_paper_says_so_in_the_archive(world):
    placement = started(world)
    paper = f.PlacementDocumentFactory(placement=placement, kind="consent")
    paper.returned_at, paper.return_reason = timezone.now(), "签名页缺失"
    paper.save()
    with translation.override("zh-hans"):
        text = text_of(placement_archive_pdf(archive_queryset(Placement.objects.filter(pk=placement.pk)).get()))
    assert "退回原因" in text and "签名页缺失" in text


def test_the_students_school_and_the_student_download_the_pdf_and_nobody_else(world):
    placement = started(world)
    url = f"/api/v1/placements/{placement.pk}/internship-archive/"
    for user in (world.teacher.user, world.admin.user, world.student.user):
        response = client_for(user).get(url)
        assert response.status_code == 200, user
        assert response["Content-Type"] == "application/pdf"
    for user in (world.hr.user, world.mentor.user):  # the company sees the placement, not the school's archive
        assert client_for(user).get(url).status_code == 403
    for user in (world.classmate.user, world.other_admin.user, world.other_teacher.user, world.outsider):
        assert client_for(user).get(url).status_code == 404
    assert client_for(None).get(url).status_code in (401, 403)


def test_the_class_zip_has_one_pdf_per_started_placement(world):
    placements = [started(world), started(world, new_student(world))]
    f.PlacementFactory(student=new_student(world), status="pending")  # never started: not in the archive
    response = client_for(world.admin.user).get(f"/api/v1/cohorts/{world.cohort.pk}/internship-archive/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = archive.namelist()
    assert len(names) == len(placements)
    assert all(name.endswith(".pdf") for name in names)
    assert all(archive.read(name).startswith(b"%PDF") for name in names)
    for user in (world.student.user, world.hr.user, world.other_admin.user):
        assert client_for(user).get(f"/api/v1/cohorts/{world.cohort.pk}/internship-archive/").status_code == 404


def test_a_big_class_zip_is_a_background_job_whose_file_only_its_owner_downloads(
    world, settings, django_capture_on_commit_callbacks
):
    settings.JOBS_ARCHIVE_THRESHOLD = 1
    placements = [started(world), started(world, new_student(world))]
    with django_capture_on_commit_callbacks(execute=True):  # the job runs after commit (inline: no broker)
        answer = client_for(world.admin.user).get(f"/api/v1/cohorts/{world.cohort.pk}/internship-archive/")
    assert answer.status_code == 202, answer.content
    assert answer.json()["kind"] == "cohort_archive"
    job = client_for(world.admin.user).get(f"/api/v1/background-jobs/{answer.json()['id']}/").json()
    assert job["status"] == "succeeded", job
    download = client_for(world.admin.user).get(f"/api/v1/background-jobs/{job['id']}/download/")
    assert download.status_code == 200 and download["Content-Type"] == "application/zip"
    body = b"".join(download.streaming_content) if download.streaming else download.content
    assert len(zipfile.ZipFile(io.BytesIO(body)).namelist()) == len(placements)
    for user in (world.teacher.user, world.other_admin.user):
        assert client_for(user).get(f"/api/v1/background-jobs/{job['id']}/download/").status_code == 404
