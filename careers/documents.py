"""What the careers app hands out as files: a résumé (its content for a viewer, and as a Chinese PDF with the
CJK font embedded) and an interview as an iCalendar (.ics) event."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from careers.models import Interview, Resume, ResumeSection
from certificates.models import StudentCertificate
from placements.choices import PlacementStatus
from placements.models import Placement
from schools.models import Student

S = ResumeSection


def resume_content(student: Student, resume: Resume | None, sections: set[str] | None) -> dict:
    """The résumé as a viewer may read it: the verified facts every application carries (name, school, major,
    class), then each section the viewer may see, read live from the verified records. `sections` None: the
    viewer sees no résumé, only those facts."""
    cohort = student.cohort
    content: dict = {
        "student_id": student.pk,
        "full_name": student.full_name,
        "institution": student.institution.name,
        "major": cohort.major.name if cohort else "",
        "cohort": cohort.name if cohort else "",
        "entry_year": student.entry_year,
        "visible": sections is not None,
        "sections": sorted(sections or []),
    }
    sections = sections or set()
    resume = resume or Resume(student=student)
    if S.CONTACT in sections:
        content["phone"] = resume.phone
        content["email"] = resume.email
    if S.PHOTO in sections:
        content["has_photo"] = bool(resume.photo)
    if S.STATEMENT in sections:
        content["statement"] = resume.statement
    if S.SKILLS in sections:
        content["skills"] = list(resume.skills or [])
    if S.CERTIFICATES in sections:
        content["certificates"] = [
            {"program": c.program.name, "level": c.get_level_display(), "issue_date": c.issue_date.isoformat()}
            for c in StudentCertificate.objects.filter(student=student, status=StudentCertificate.Status.VERIFIED)
            .select_related("program")
            .order_by("-issue_date")
        ]
    if S.PLACEMENTS in sections:
        content["placements"] = [
            {
                "company": p.slot.company.name,
                "title": p.slot.title,
                "start_date": p.slot.start_date.isoformat(),
                "end_date": p.slot.end_date.isoformat(),
                **({"grade": p.get_final_grade_display()} if S.GRADES in sections and p.final_grade else {}),
            }
            for p in Placement.objects.filter(student=student, status=PlacementStatus.COMPLETED)
            .select_related("slot__company")
            .order_by("-slot__start_date")
        ]
    return content


def cjk_font_path() -> Path:
    return Path(getattr(settings, "CAREERS_PDF_FONT", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"))


def resume_pdf(content: dict, photo: bytes | None = None) -> bytes:
    """The résumé as an A4 PDF in Chinese (the viewer's language), the CJK font embedded (a subset of it)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    font = cjk_font_path()
    if font.suffix == ".ttc":
        pdf.add_font("cjk", "", str(font), collection_font_number=0)
    else:
        pdf.add_font("cjk", "", str(font))
    pdf.set_title(f"{content['full_name']} {_('Résumé')}")
    width = pdf.epw

    def heading(text: str) -> None:
        pdf.ln(3)
        pdf.set_font("cjk", size=13)
        pdf.cell(width, 8, text, new_x="LMARGIN", new_y="NEXT")
        pdf.set_draw_color(160, 160, 160)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + width, pdf.get_y())
        pdf.ln(1)
        pdf.set_font("cjk", size=10.5)

    def line(text: str) -> None:
        pdf.multi_cell(width, 6, text, new_x="LMARGIN", new_y="NEXT")

    pdf.set_font("cjk", size=20)
    pdf.cell(width - 35, 12, content["full_name"], new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("cjk", size=10.5)
    line(" · ".join(x for x in (content["institution"], content["major"], content["cohort"]) if x))
    contact = " · ".join(x for x in (content.get("phone"), content.get("email")) if x)
    if contact:
        line(contact)
    if photo:
        pdf.image(io.BytesIO(photo), x=pdf.l_margin + width - 30, y=15, w=30)
        pdf.set_y(max(pdf.get_y(), 55))
    if content.get("statement"):
        heading(_("Personal statement"))
        line(content["statement"])
    if content.get("skills"):
        heading(_("Skills"))
        line("、".join(content["skills"]))
    if content.get("certificates"):
        heading(_("Verified certificates"))
        for c in content["certificates"]:
            line(f"{c['program']}（{c['level']}） {c['issue_date']}")
    if content.get("placements"):
        heading(_("Completed placements"))
        for p in content["placements"]:
            grade = f" · {_('grade')}: {p['grade']}" if p.get("grade") else ""
            line(f"{p['company']} · {p['title']}  {p['start_date']} – {p['end_date']}{grade}")
    pdf.ln(4)
    pdf.set_font("cjk", size=8)
    pdf.set_text_color(120, 120, 120)
    line(_("School, major, class, certificates and placements are verified records of the platform."))
    return bytes(pdf.output())


def _ics_text(value: str) -> str:
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def interview_ics(interview: Interview, *, host: str = "wuhan-placements") -> str:
    """The scheduled interview as an iCalendar event (RFC 5545), in UTC, with a reminder the day before; a
    cancelled one as a cancelled event, so a calendar that imported it drops it."""
    from datetime import UTC

    application = interview.application
    job = application.job
    start = interview.starts_at.astimezone(UTC)
    end = start + timedelta(minutes=interview.minutes)
    stamp = timezone.now().astimezone(UTC)
    fmt = "%Y%m%dT%H%M%SZ"
    cancelled = interview.status == "cancelled"
    summary = f"{_('Interview')}: {job.title} · {job.company.name} · {application.student.full_name}"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Wuhan placements//careers//ZH",
        "CALSCALE:GREGORIAN",
        f"METHOD:{'CANCEL' if cancelled else 'PUBLISH'}",
        "BEGIN:VEVENT",
        f"UID:interview-{interview.pk}@{host}",
        f"DTSTAMP:{stamp.strftime(fmt)}",
        f"DTSTART:{start.strftime(fmt)}",
        f"DTEND:{end.strftime(fmt)}",
        f"SUMMARY:{_ics_text(summary)}",
        f"LOCATION:{_ics_text(interview.location)}",
        f"DESCRIPTION:{_ics_text(interview.note)}",
        f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        f"DESCRIPTION:{_ics_text(summary)}",
        "TRIGGER:-P1D",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(lines) + "\r\n"
