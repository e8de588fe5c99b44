"""The student import as a background job (core/jobs.py): the sheet kept with the job is imported exactly as
the inline import does it (schools/imports.py), without codes; the owner takes the new students' codes once
afterwards (hand_over), made at that moment, so no copy of them is ever stored."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from core.jobs import JobOutput
from schools.imports import students_import
from schools.models import Student
from schools.services import student_issue_activation_code


def run(*, job, progress) -> JobOutput:
    with job.input.open("rb") as stored:
        data = stored.read()
    upload = SimpleUploadedFile("sheet.xlsx", data)
    result = students_import(
        institution=job.institution, upload=upload, dry_run=False, issue_codes=False, progress=progress
    )
    return JobOutput(
        summary={"rows": result.rows, "created": result.created, "updated": result.updated},
        created_ids=result.created_ids,
    )


def hand_over(*, job) -> list[dict]:
    """A new code for each student the job created who has not activated meanwhile, in the order of the slips
    (by class, then number)."""
    students = (
        Student.objects.filter(pk__in=job.created_ids, user__isnull=True, archived_at__isnull=True)
        .select_related("cohort")
        .order_by("cohort__name", "student_number")
    )
    return [
        {
            "student_number": s.student_number,
            "full_name": s.full_name,
            "cohort": s.cohort.name if s.cohort else "",
            "activation_code": student_issue_activation_code(student=s),
        }
        for s in students
    ]
