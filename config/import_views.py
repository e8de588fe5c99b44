"""The import endpoints share a shape: GET the template, POST a file with dry_run, answer counts or row errors."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import exceptions, parsers, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.actor import actor_for
from config.exports import attachment
from config.importing import template_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ImportUploadSerializer(serializers.Serializer):
    file = serializers.FileField()
    dry_run = serializers.BooleanField(default=True)
    institution = serializers.IntegerField(required=False)


class ImportResultSerializer(serializers.Serializer):
    """What every import answers; an import that says more names its own result (see ``import_schema``)."""

    ok = serializers.BooleanField()
    dry_run = serializers.BooleanField()
    rows = serializers.IntegerField()
    created = serializers.IntegerField()
    updated = serializers.IntegerField()


@dataclass(frozen=True)
class Upload:
    """A checked import request: the file, whether it is a dry run, and the school it is for."""

    file: Any
    dry_run: bool
    institution: Any  # schools.models.Institution; None for imports that are not a school's own (companies)


class SchoolAdminOnly:
    def check_permissions(self, request):
        super().check_permissions(request)
        if not actor_for(request.user).is_school_admin:
            raise exceptions.PermissionDenied(_("Only school administrators import spreadsheets."))


class SchoolAdminImportView(SchoolAdminOnly, APIView):
    """Base for imports run by a school admin."""

    parser_classes = [parsers.MultiPartParser, parsers.FormParser]

    def institution_id(self, request, data) -> int:
        admin_ids = actor_for(request.user).admin_school_ids
        wanted = data.get("institution")
        if wanted is None:
            if len(admin_ids) > 1:
                raise exceptions.ValidationError({"institution": [_("Choose the school to import into.")]})
            return next(iter(admin_ids))
        if wanted not in admin_ids:
            raise exceptions.ValidationError({"institution": [_("You can only import into a school you administer.")]})
        return wanted

    def read_upload(self, request, *, for_school: bool = True) -> Upload:
        """The file and dry_run of the request, and the school it imports into (one the admin administers)."""
        from schools.models import Institution

        upload = ImportUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        data = upload.validated_data
        institution = Institution.objects.get(pk=self.institution_id(request, data)) if for_school else None
        return Upload(file=data["file"], dry_run=data["dry_run"], institution=institution)


class TemplateView(SchoolAdminOnly, APIView):
    """An import's blank sheet, named for what it is in the page's language (学生导入模板.xlsx / Student import
    template.xlsx, `filename` the ASCII fallback) with its data sheet named for what the rows are (`sheet`)."""

    columns: list = []
    notes: list[str] = []
    filename = "template.xlsx"
    title = _("Import template")
    sheet = _("Data")

    @extend_schema(responses={(200, XLSX): bytes})
    def get(self, request):
        workbook = template_workbook(self.columns, self.notes, sheet_title=str(self.sheet))
        response = HttpResponse(workbook, content_type=XLSX)
        response["Content-Disposition"] = attachment(f"{self.title}.xlsx", self.filename)
        return response


class ActivationCodeRowSerializer(serializers.Serializer):
    """A student the import created, with the activation code handed out once."""

    student_number = serializers.CharField()
    full_name = serializers.CharField()
    cohort = serializers.CharField(
        help_text="The class's name, empty when the row names none (for the slips per class)"
    )
    activation_code = serializers.CharField()


def import_schema(extra: dict | None = None, *, name: str = "ImportResult", job: bool = False):
    """An import's schema: the upload, and ImportResultSerializer's answer with the ``extra`` fields it adds;
    with `job`, a large import's 202 with the background job (core.api.serializers.BackgroundJobSerializer)."""
    answer = inline_serializer(name, {**ImportResultSerializer().get_fields(), **(extra or {})})
    responses = answer
    if job:
        from core.api.serializers import BackgroundJobSerializer

        responses = {200: answer, 202: BackgroundJobSerializer}
    return extend_schema(request={"multipart/form-data": ImportUploadSerializer}, responses=responses)


def result_response(result, dry_run: bool, **extra) -> Response:
    return Response(
        {
            "ok": True,
            "dry_run": dry_run,
            "rows": result.rows,
            "created": result.created,
            "updated": result.updated,
            **extra,
        }
    )
