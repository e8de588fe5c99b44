"""The placement list's and the filing's exports: their rows in one place, for the inline download and for the
background job (core/jobs.py) that makes the same file when the export is large (settings.JOBS_EXPORT_THRESHOLD).
The job rebuilds what the request asked (the list's filters, the filing's `unfiled`) as its owner, so it holds
exactly what they may see at the time it runs."""

from __future__ import annotations

from types import SimpleNamespace

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.actor import actor_for
from config.exports import file_title, table_file
from core.jobs import JobOutput

EXPORT_LIMIT = 20000

PLACEMENT_COLUMNS = [
    ("number", _("student number")), ("student", _("student")), ("class", _("class")),
    ("institution", _("institution")), ("company", _("company")), ("slot", _("slot")), ("kind", _("kind")),
    ("start", _("start date")), ("end", _("end date")), ("status", _("status")),
    ("grade", _("final grade")), ("applied", _("applied")), ("demo", _("demo data")),
]  # fmt: skip


def placement_rows(placements, progress=None) -> list[dict]:
    demo_mark = str(_("Demo"))
    rows = []
    total = len(placements)
    for index, p in enumerate(placements):
        if progress and index % 200 == 0:
            progress(index, total)
        rows.append(
            {
                "number": p.student.student_number, "student": p.student.full_name,
                "class": p.student.cohort.name if p.student.cohort else "", "institution": p.student.institution.name,
                "company": p.slot.company.name, "slot": p.slot.title, "kind": p.slot.get_kind_display(),
                "start": p.slot.start_date, "end": p.slot.end_date, "status": p.get_status_display(),
                "grade": p.get_final_grade_display(),
                "applied": timezone.localtime(p.created_at).strftime("%Y-%m-%d %H:%M"),
                "demo": demo_mark if p.slot.is_demo else "",
            }
        )  # fmt: skip
    return rows


def placements_file(placements, progress=None) -> tuple[bytes, str, str, str]:
    rows = placement_rows(placements, progress)
    return table_file(rows, PLACEMENT_COLUMNS, "xlsx", "placements", title=_("Placement list"))


def _placement_queryset(job):
    """The list's queryset with the request's filters, search and order, as the job's owner sees it now."""
    from django.http import HttpRequest, QueryDict
    from rest_framework.request import Request

    from placements.api.views import PlacementViewSet

    http = HttpRequest()
    http.method = "GET"
    http.GET = QueryDict(job.params.get("query", ""))
    http.user = job.owner
    request = Request(http)
    request.user = job.owner
    view = PlacementViewSet(request=request, action="export", format_kwarg=None, args=(), kwargs={})
    return view.filter_queryset(view.get_queryset())


def run_placements(*, job, progress) -> JobOutput:
    if not actor_for(job.owner).school_ids:
        raise PermissionDenied(_("Only school staff export placements."))
    placements = list(_placement_queryset(job)[:EXPORT_LIMIT])
    data, name, _fallback, content_type = placements_file(placements, progress)
    return JobOutput(summary={"rows": len(placements)}, content=data, filename=name, content_type=content_type)


def filings_file(placements, progress=None) -> tuple[bytes, str, str, str]:
    from placements.services import filing as filings

    if progress:
        progress(0, len(placements))
    rows = filings.export_rows(placements)
    return table_file(
        rows, filings.EXPORT_COLUMNS, "xlsx", "post-internship-filing", title=_("Post internship arrangements")
    )


def filings_queryset(actor, *, unfiled: bool):
    from placements.services import filing as filings

    queryset = filings.arrangements_for(actor)
    return filings.to_file(queryset) if unfiled else queryset


def run_filings(*, job, progress) -> JobOutput:
    from placements.services import filing as filings

    actor = actor_for(job.owner)
    filings.require_school_admin(actor)
    placements = list(filings_queryset(actor, unfiled=bool(job.params.get("unfiled")))[:EXPORT_LIMIT])
    data, name, _fallback, content_type = filings_file(placements, progress)
    return JobOutput(summary={"rows": len(placements)}, content=data, filename=name, content_type=content_type)


def archive_placements(actor, cohort_id: int):
    """The class (of the actor's school) and its placements that started, ready for the archive; None when the
    class is not theirs to archive."""
    from placements.archive import archive_queryset
    from placements.models import Placement
    from schools.models import Cohort

    cohort = Cohort.objects.select_related("major").filter(pk=cohort_id).first()
    if cohort is None or cohort.major.institution_id not in actor.school_ids:
        return None, None
    placements = Placement.objects.filter(student__cohort=cohort, started_at__isnull=False)
    return cohort, archive_queryset(placements.order_by("student__student_number", "id"))


def run_archive(*, job, progress) -> JobOutput:
    """A big class's internship archive: the same ZIP the request makes for a small one, kept for the owner."""
    import io

    from placements.archive import cohort_archive_zip

    cohort, placements = archive_placements(actor_for(job.owner), job.params.get("cohort"))
    if cohort is None:
        raise PermissionDenied(_("Only the class's school keeps its internship archive."))
    total = placements.count()

    def counted():
        for index, placement in enumerate(placements.iterator(chunk_size=50)):
            progress(index, total)
            yield placement

    out = io.BytesIO()
    count = cohort_archive_zip(counted(), out)
    name = f"{file_title(cohort.name, _('Internship archive'))}.zip"
    return JobOutput(summary={"rows": count}, content=out.getvalue(), filename=name, content_type="application/zip")


PLACEMENTS = SimpleNamespace(run=run_placements)
ARCHIVE = SimpleNamespace(run=run_archive)
FILINGS = SimpleNamespace(run=run_filings)
