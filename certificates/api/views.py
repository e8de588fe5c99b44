from __future__ import annotations

from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, parsers, serializers, status
from rest_framework.decorators import action, api_view
from rest_framework.response import Response

from accounts.actor import Actor, actor_for
from certificates import imports as certificate_import
from certificates import report as certificate_report
from certificates import services
from certificates.api.params import ReportParams
from certificates.api.responses import CertificateReportSerializer
from certificates.api.serializers import (
    CertificateSerializer,
    CertificateUploadSerializer,
    ProgramSerializer,
    RegistrationSerializer,
    RejectSerializer,
    ResultsSerializer,
    SessionSerializer,
)
from certificates.filters import CertificateFilter, ProgramFilter, SessionFilter
from certificates.models import AssessmentSession, CertificateProgram, StudentCertificate
from certificates.selectors import certificates_visible_to, sessions_visible_to
from config.exports import attachment, file_title, table_response
from config.import_views import (
    SchoolAdminImportView,
    TemplateView,
    import_schema,
    result_response,
)
from config.params import read_params
from config.parsers import JSONParser
from config.schema import UPLOADED_FILE, with_downloads
from config.uploads import protected_file_response
from config.viewsets import ScopedViewSet


class ProgramViewSet(ScopedViewSet):
    """The certificate catalogue: read by everyone signed in. A school admin adds programmes for their school,
    and only that school's admins change them; the national catalogue (no school) is not changed through the
    API. Nothing is deleted: certificates and sessions refer to programmes."""

    serializer_class = ProgramSerializer
    filterset_class = ProgramFilter
    search_fields = ["name", "code", "organisation"]

    def base_queryset(self):
        return CertificateProgram.objects.prefetch_related("majors").order_by("kind", "name")

    def scope(self, queryset, actor):
        return queryset

    def can_write(self, obj, actor: Actor) -> bool:
        return obj.institution_id is not None and obj.institution_id in actor.admin_school_ids

    def can_create(self, actor: Actor) -> bool:
        return actor.is_school_admin


class CertificateViewSet(ScopedViewSet):
    """Students' certificates: the student uploads, their school's teachers verify, companies the student
    applied to may look. Files are served here only, never from a public URL."""

    serializer_class = CertificateSerializer
    filterset_class = CertificateFilter
    search_fields = ["number", "student__full_name", "student__student_number", "program__name"]
    http_method_names = ["get", "post", "head", "options"]
    services_check_writes = True
    parser_classes = [JSONParser, parsers.MultiPartParser, parsers.FormParser]

    def base_queryset(self):
        return StudentCertificate.objects.select_related("student", "program", "verified_by").order_by(
            "-created_at", "-id"
        )

    def scope(self, queryset, actor):
        return certificates_visible_to(actor, queryset)

    def can_create(self, actor: Actor) -> bool:
        return actor.is_student

    @extend_schema(request={"multipart/form-data": CertificateUploadSerializer}, responses={201: CertificateSerializer})
    def create(self, request, *args, **kwargs):
        if not self.can_create(self.actor):
            raise exceptions.PermissionDenied(_("Only students upload their certificates."))
        data = CertificateUploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        upload = fields.pop("file")
        certificate = services.certificate_upload(actor=self.actor, upload=upload, **fields)
        return Response(CertificateSerializer(certificate).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=CertificateSerializer)
    @action(detail=True, methods=["post"])
    def verify(self, request, pk=None):
        certificate = services.certificate_verify(actor=self.actor, certificate=self.get_object())
        return Response(CertificateSerializer(certificate).data)

    @extend_schema(request=RejectSerializer, responses=CertificateSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        certificate = self.get_object()
        services.certificate_require_decider(actor=self.actor, certificate=certificate)
        data = RejectSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        certificate = services.certificate_reject(
            actor=self.actor, certificate=certificate, reason=data.validated_data["reason"]
        )
        return Response(CertificateSerializer(certificate).data)

    def _file(self, field, content_type):
        certificate = self.get_object()
        stored = getattr(certificate, field)
        if not stored:
            raise exceptions.NotFound()
        ext = stored.name.rsplit(".", 1)[-1] if "." in stored.name else "bin"
        # saved as whose certificate it is: 证书名称-张三.jpg
        name = file_title(certificate.program.name, certificate.student.full_name)
        disposition = attachment(f"{name}.{ext}", f"certificate-{field}-{certificate.pk}.{ext}", disposition="inline")
        return protected_file_response(
            stored, content_type=content_type or certificate.scan_content_type, disposition=disposition
        )

    @extend_schema(responses=UPLOADED_FILE)
    @action(detail=True, methods=["get"])
    def scan(self, request, pk=None):
        return self._file("scan", None)

    @extend_schema(responses={(200, "image/jpeg"): bytes})
    @action(detail=True, methods=["get"])
    def thumbnail(self, request, pk=None):
        return self._file("thumbnail", "image/jpeg")


class SessionViewSet(ScopedViewSet):
    """Assessment sessions at on-campus bases: staff schedule them and enter results; students register."""

    serializer_class = SessionSerializer
    filterset_class = SessionFilter
    http_method_names = ["get", "post", "patch", "head", "options"]
    actions_checked_by_services = frozenset({"register", "results"})

    def base_queryset(self):
        return (
            AssessmentSession.objects.select_related("program", "base")
            .prefetch_related("registrations")
            .annotate(registered=Count("registrations"))
            .order_by("-date", "id")
        )

    def scope(self, queryset, actor):
        return sessions_visible_to(actor, queryset)

    def can_write(self, obj, actor: Actor) -> bool:
        return obj.base.host_institution_id in actor.school_ids

    def can_create(self, actor: Actor) -> bool:
        return bool(actor.school_ids)

    def perform_create(self, serializer):
        serializer.instance = services.session_create(actor=self.actor, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.session_update(
            actor=self.actor, session=serializer.instance, **serializer.validated_data
        )

    def _reload(self, session):
        return Response(self.get_serializer(self.base_queryset().get(pk=session.pk)).data)

    @extend_schema(request=None, responses=SessionSerializer)
    @action(detail=True, methods=["post"])
    def register(self, request, pk=None):
        session = self.get_object()
        services.session_register(actor=self.actor, session=session)
        return self._reload(session)

    @extend_schema(responses=RegistrationSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])  # a plain list
    def registrations(self, request, pk=None):
        session = self.get_object()
        if not self.can_write(session, self.actor):
            raise exceptions.PermissionDenied()
        return Response(RegistrationSerializer(session.registrations.select_related("student"), many=True).data)

    @extend_schema(request=ResultsSerializer, responses=SessionSerializer)
    @action(detail=True, methods=["post"])
    def results(self, request, pk=None):
        session = self.get_object()
        if not self.can_write(session, self.actor):  # before the rows: a student gets a 403, not a 400
            raise exceptions.PermissionDenied(_("Only staff of the host school enter results."))
        data = ResultsSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.session_results(actor=self.actor, session=session, results=data.validated_data["results"])
        return self._reload(session)


class CertificateImportView(SchoolAdminImportView):
    """Import an evaluation organisation's results (XLSX or CSV; dry run first)."""

    @import_schema({"skipped": serializers.IntegerField()}, name="CertificateImportResult")
    def post(self, request):
        upload = self.read_upload(request)
        result = certificate_import.certificates_import(
            institution=upload.institution, user=request.user, upload=upload.file, dry_run=upload.dry_run
        )
        return result_response(result, upload.dry_run, skipped=result.skipped)


class CertificateTemplateView(TemplateView):
    columns = certificate_import.COLUMNS
    notes = certificate_import.NOTES
    filename = "certificates-template.xlsx"
    title = _("Certificate import template")
    sheet = _("Certificates")


# What each grouping of the report is called in its download's name (证书统计-按专业-2026-12-02.xlsx).
REPORT_GROUP_NAMES = {"program": _("programme"), "level": _("level"), "major": _("major"), "cohort": _("class")}


@extend_schema(parameters=[ReportParams], responses=with_downloads(CertificateReportSerializer, "xlsx"))
@api_view(["GET"])
def report(request):
    """Holders (verified certificates, distinct students) and pass rates of assessments, grouped by programme,
    level, major or class, narrowed by school, programme, level or year; computed in the database
    (certificates.report). School staff see their school; analysts all schools."""
    school_ids = certificate_report.report_scope(actor_for(request.user))
    params = read_params(ReportParams, request)
    fmt = params.pop("format")
    rows = certificate_report.certificate_rows(school_ids=school_ids, **params)
    if fmt == "xlsx":
        group = REPORT_GROUP_NAMES[params["group_by"]]
        title = _("Certificates by %(group)s") % {"group": group}
        return table_response(
            rows, certificate_report.COLUMNS, "xlsx", f"certificates-by-{params['group_by']}", title=title
        )
    return Response({"group_by": params["group_by"], "rows": rows})
