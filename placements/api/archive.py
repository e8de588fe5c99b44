"""The internship archive's downloads (placements/archive.py): one placement's record as a PDF, for staff of the
student's school and the student themself; a class's placements as one ZIP, for staff of its school."""

from __future__ import annotations

import tempfile

from django.conf import settings
from django.http import FileResponse, HttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework.decorators import api_view

from accounts.actor import actor_for
from config.exports import attachment, file_title
from core.api.serializers import BackgroundJobSerializer
from core.api.views import job_accepted
from core.jobs import job_start
from core.models import Job
from placements.archive import archive_filename, archive_queryset, cohort_archive_zip, placement_archive_pdf
from placements.export_jobs import archive_placements
from placements.models import Placement
from placements.selectors import placements_visible_to


@extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
@api_view(["GET"])
def placement_archive(request, id: int):
    """The placement's record (agreement, papers, training, journals, assessments, grade, timeline) as a PDF the
    school keeps; the student may download their own."""
    actor = actor_for(request.user)
    placement = archive_queryset(placements_visible_to(actor, Placement.objects.filter(pk=id))).first()
    if placement is None:
        raise exceptions.NotFound()
    if placement.student.institution_id not in actor.school_ids and placement.student_id != actor.student_id:
        raise exceptions.PermissionDenied(_("Only the student's school keeps the internship archive."))
    response = HttpResponse(placement_archive_pdf(placement), content_type="application/pdf")
    name = archive_filename(placement)
    response["Content-Disposition"] = attachment(name, f"placement-{placement.pk}.pdf")
    return response


@extend_schema(
    responses={(200, "application/zip"): OpenApiTypes.BINARY, (202, "application/json"): BackgroundJobSerializer}
)
@api_view(["GET"])
def cohort_archive(request, id: int):
    """Every placement of the class that started, one PDF each, as one ZIP (spooled to disk, then streamed). A class
    of more than settings.JOBS_ARCHIVE_THRESHOLD placements becomes a background job (202 with the job; the ZIP is
    downloaded from /background-jobs/{id}/download/ when done)."""
    actor = actor_for(request.user)
    cohort, placements = archive_placements(actor, id)
    if cohort is None:
        raise exceptions.NotFound()
    if placements.count() > settings.JOBS_ARCHIVE_THRESHOLD:
        return job_accepted(job_start(actor=actor, kind=Job.Kind.COHORT_ARCHIVE, params={"cohort": cohort.pk}), request)
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 (FileResponse closes it)
    cohort_archive_zip(placements.iterator(chunk_size=50), spool)
    spool.seek(0)
    name = f"{file_title(cohort.name, _('Internship archive'))}.zip"
    response = FileResponse(spool, content_type="application/zip")
    response["Content-Disposition"] = attachment(name, f"cohort-{cohort.pk}-archive.zip")
    return response
