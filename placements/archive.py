"""The internship archive (COMPLIANCE.md: internship records are kept as an archive): per placement, a PDF of its
record (the agreement and its terms, the papers, the safety training, the journals with the teacher's comments,
the assessments and the final grade, the timeline) that the school keeps; a whole class as one ZIP with one PDF a
placement.

`cohort_archive_zip` writes to any file object and asks nothing of a request, so a background job can call it for a
big class as the view does for a small one. The CJK font is embedded as in careers/documents.py."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from typing import IO

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from careers.documents import cjk_font_path
from placements.models import Journal, Placement, PlacementEvent

ARCHIVED_PREFETCH = (
    "documents",
    "safety_trainings",
    "assessments__assessor",
    "assessments__paper_scan",
    "filings",
    "guardian_consents",
    Prefetch("journals", queryset=Journal.objects.filter(status="submitted").order_by("period")),
    Prefetch("events", queryset=PlacementEvent.objects.select_related("actor").order_by("at", "id")),
)


def archive_queryset(queryset: QuerySet[Placement]) -> QuerySet[Placement]:
    return queryset.select_related(
        "student__institution", "student__cohort__major", "slot__company", "slot__base", "teacher__user", "mentor__user"
    ).prefetch_related(*ARCHIVED_PREFETCH)


def _date(value) -> str:
    if value is None:
        return "—"
    if hasattr(value, "tzinfo"):
        value = timezone.localtime(value)
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def archive_filename(placement: Placement) -> str:
    student = placement.student
    return f"{student.student_number}-{student.full_name}-{placement.pk}.pdf".replace("/", "-")


def placement_archive_pdf(placement: Placement) -> bytes:
    """The placement's record as an A4 PDF in the viewer's language, the CJK font embedded (a subset)."""
    from fpdf import FPDF

    slot, student = placement.slot, placement.student
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    font = cjk_font_path()
    if font.suffix == ".ttc":
        pdf.add_font("cjk", "", str(font), collection_font_number=0)
    else:
        pdf.add_font("cjk", "", str(font))
    title = f"{student.full_name} {_('Internship archive')}"
    pdf.set_title(title)
    pdf.set_subject(f"{student.student_number} · {slot.company.name} · {slot.title}")
    pdf.set_creator("wuhan-placements")
    width = pdf.epw

    def heading(text: str) -> None:
        pdf.ln(3)
        pdf.set_font("cjk", size=13)
        pdf.cell(width, 8, text, new_x="LMARGIN", new_y="NEXT")
        pdf.set_draw_color(160, 160, 160)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + width, pdf.get_y())
        pdf.ln(1)
        pdf.set_font("cjk", size=10)

    def line(text: str) -> None:
        pdf.multi_cell(width, 5.5, text or "—", new_x="LMARGIN", new_y="NEXT")

    def pair(label: str, value) -> None:
        line(f"{label}：{value if value not in (None, '') else '—'}")

    pdf.set_font("cjk", size=18)
    pdf.cell(width, 11, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("cjk", size=10)
    line(
        " · ".join(
            x
            for x in (student.institution.name, student.cohort.major.name, student.cohort.name, student.student_number)
        )
    )

    heading(_("The placement"))
    pair(_("Company"), slot.company.name)
    pair(_("Unified social credit code"), slot.company.credit_code)
    pair(_("Base"), f"{slot.base.name} {slot.base.address}".strip())
    pair(_("Post"), f"{slot.title}（{slot.get_kind_display()}）")
    pair(_("Dates"), f"{_date(slot.start_date)} – {_date(slot.end_date)}")
    pair(
        _("Working time"),
        f"{slot.work_starts:%H:%M}–{slot.work_ends:%H:%M}, {slot.daily_hours} h × {slot.days_per_week}",
    )
    pair(_("Stipend and post wage (CNY/month)"), f"{slot.stipend} / {slot.post_wage}")
    pair(_("Status"), placement.get_status_display())
    pair(_("Started"), _date(placement.started_at))
    pair(_("Ended"), _date(placement.ended_at))
    teacher = placement.teacher.user.display_name if placement.teacher else ""
    mentor = placement.mentor.user.display_name if placement.mentor else placement.external_mentor_name
    pair(_("School teacher"), teacher)
    pair(_("Company mentor"), mentor)

    heading(_("Agreement and papers"))
    for doc in sorted(placement.documents.all(), key=lambda d: (d.kind, d.uploaded_at)):
        extra = []
        if doc.signed_on:
            extra.append(f"{_('signed on')} {_date(doc.signed_on)}")
        if doc.policy_number:
            extra.append(f"{doc.insurer} {doc.policy_number} {_date(doc.covers_from)} – {_date(doc.covers_to)}")
        if doc.returned_at:  # a returned paper stays on file but counted for nothing: the record says so
            returned = f"{_('returned at')} {_date(doc.returned_at)}"
            extra.append(f"{returned} · {_('reason for returning')} {doc.return_reason}")
        elif doc.checked_at:
            extra.append(f"{_('checked at')} {_date(doc.checked_at)}")
        line(f"{doc.get_kind_display()} · {_date(doc.uploaded_at)} {' · '.join(extra)}")
    for consent in placement.guardian_consents.all():
        if consent.status == "agreed":
            line(f"{_('Guardian consent online')} · {consent.guardian_name} · {_date(consent.decided_at)}")
    for filing in placement.filings.all():
        line(f"{_('Filing')} · {filing.authority} · {filing.reference} · {_date(filing.filed_on)}")
    for training in placement.safety_trainings.all():
        passed = _("passed") if training.passed else _("not passed")
        line(
            f"{_('Safety training')} · {_date(training.delivered_on)} · {training.hours} h · "
            f"{training.delivered_by} · {passed}"
        )

    journals = list(placement.journals.all())
    heading(_("Journals (%(n)d)") % {"n": len(journals)})
    for journal in journals:
        pdf.set_font("cjk", size=10.5)
        line(f"{_('Journal')} {journal.period} · {journal.title} · {_date(journal.submitted_at)}")
        pdf.set_font("cjk", size=9.5)
        line(journal.body)
        if journal.teacher_comment:
            score = f"（{journal.score}）" if journal.score is not None else ""
            line(f"{_('Teacher')}{score}：{journal.teacher_comment}")
        if journal.mentor_comment:
            line(f"{_('Mentor')}：{journal.mentor_comment}")
        pdf.ln(1)
    pdf.set_font("cjk", size=10)

    heading(_("Assessments and grade"))
    for assessment in placement.assessments.all():
        who = assessment.assessor.display_name if assessment.assessor else ""
        line(f"{assessment.get_role_display()} · {assessment.get_grade_display()} · {who}")
        if assessment.paper_scan is not None:  # the company assessed on paper; the school recorded it (who: above)
            signed = assessment.paper_scan.signed_on.isoformat() if assessment.paper_scan.signed_on else ""
            line(
                _("Recorded by the school from the paper form signed by %(name)s on %(date)s.")
                % {"name": assessment.paper_signed_by, "date": signed}
            )
        if assessment.comments:
            line(assessment.comments)
    pair(_("Final grade"), placement.get_final_grade_display() if placement.final_grade else "")

    heading(_("Timeline"))
    for event in placement.events.all():
        who = event.actor.display_name if event.actor else _("the platform")
        move = f"{event.from_status}→{event.to_status}" if event.from_status or event.to_status else ""
        reason = f" · {event.reason}" if event.reason else ""
        line(f"{_date(event.at)} · {event.action} {move} · {who}{reason}")

    pdf.ln(4)
    pdf.set_font("cjk", size=8)
    pdf.set_text_color(120, 120, 120)
    line(_("Archived from the platform's records on %(when)s.") % {"when": _date(timezone.now())})
    return bytes(pdf.output())


def cohort_archive_zip(placements: Iterable[Placement], out: IO[bytes]) -> int:
    """One PDF per placement into a ZIP written to `out` (a response stream, a temporary or a storage file);
    returns how many. Callable from a background job for a big class."""
    count = 0
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for placement in placements:
            archive.writestr(archive_filename(placement), placement_archive_pdf(placement))
            count += 1
    return count
