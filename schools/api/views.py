from __future__ import annotations

from django.conf import settings
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view, inline_serializer
from rest_framework import exceptions, serializers, status
from rest_framework.decorators import action, api_view, permission_classes, throttle_classes
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import SimpleRateThrottle

from accounts.actor import Actor, actor_for
from accounts.api.serializers import InvitationSerializer
from config.import_views import (
    ActivationCodeRowSerializer,
    SchoolAdminImportView,
    TemplateView,
    import_schema,
    result_response,
)
from config.importing import count_rows
from config.viewsets import ARCHIVED_PARAMETER, ArchiveMixin, ScopedViewSet
from core.api.views import job_accepted
from core.jobs import job_start
from core.models import Job
from schools import imports as student_import
from schools import services
from schools.api import serializers as s
from schools.filters import (
    CohortFilter,
    InstitutionFilter,
    MajorFilter,
    SpecialtyGroupFilter,
    StudentFilter,
    TeacherFilter,
)
from schools.imports import students_import
from schools.models import Cohort, Institution, Major, SpecialtyGroup, Student, Teacher
from schools.selectors import cohorts_visible_to, students_visible_to, teachers_visible_to


class SchoolOwnedViewSet(ScopedViewSet):
    """Records a school admin owns; `institution_path` leads from the record to its school."""

    institution_path = "institution_id"

    def institution_of(self, obj) -> int:
        value = obj
        for part in self.institution_path.split("__"):
            value = getattr(value, part)
        return value

    def can_write(self, obj, actor: Actor) -> bool:
        return self.institution_of(obj) in actor.admin_school_ids

    def can_create(self, actor: Actor) -> bool:
        return actor.is_school_admin


class InstitutionViewSet(ScopedViewSet):
    """The schools on the platform: a public directory; a school admin edits their own school's profile."""

    serializer_class = s.InstitutionSerializer
    http_method_names = ["get", "patch", "head", "options"]
    filterset_class = InstitutionFilter
    search_fields = ["name", "short_name", "name_en"]
    ordering_fields = ["id", "name"]

    def base_queryset(self):
        return Institution.objects.all()

    def scope(self, queryset, actor):
        return queryset

    def can_write(self, obj, actor):
        return obj.pk in actor.admin_school_ids


class SpecialtyGroupViewSet(SchoolOwnedViewSet):
    serializer_class = s.SpecialtyGroupSerializer
    filterset_class = SpecialtyGroupFilter
    search_fields = ["name"]

    def base_queryset(self):
        return SpecialtyGroup.objects.all()

    def scope(self, queryset, actor):
        return queryset


ARCHIVED_LIST = extend_schema_view(list=extend_schema(parameters=[ARCHIVED_PARAMETER]))


@ARCHIVED_LIST
class MajorViewSet(ArchiveMixin, SchoolOwnedViewSet):
    serializer_class = s.MajorSerializer
    filterset_class = MajorFilter
    search_fields = ["name", "code"]
    ordering_fields = ["code", "name"]

    def base_queryset(self):
        return Major.objects.all()

    def scope(self, queryset, actor):
        return queryset


@ARCHIVED_LIST
class CohortViewSet(ArchiveMixin, SchoolOwnedViewSet):
    serializer_class = s.CohortSerializer
    institution_path = "major__institution_id"
    filterset_class = CohortFilter
    search_fields = ["name"]
    ordering_fields = ["entry_year", "name"]

    def base_queryset(self):
        return (
            Cohort.objects.select_related("major")
            .annotate(student_count=Count("students"))
            .order_by("-entry_year", "name")
        )

    def scope(self, queryset, actor):
        return cohorts_visible_to(actor, queryset)


@ARCHIVED_LIST
class TeacherViewSet(ArchiveMixin, SchoolOwnedViewSet):
    """A school's staff. Removing someone from the school archives the membership (they lose access to the
    school, their advisees and decisions keep their history); the user account stays."""

    archive_denied_message = _("You cannot remove yourself from the school.")
    serializer_class = s.TeacherSerializer
    filterset_class = TeacherFilter
    search_fields = ["user__full_name", "user__email", "staff_number", "department"]
    ordering_fields = ["id", "user__full_name"]

    def base_queryset(self):
        return (
            Teacher.objects.select_related("user")
            .annotate(advisee_count=Count("advisees"))
            .order_by("institution_id", "id")
        )

    def scope(self, queryset, actor):
        return teachers_visible_to(actor, queryset)

    def can_archive(self, obj, actor: Actor) -> bool:
        return obj.user_id != actor.user_id

    def get_serializer_class(self):
        return s.TeacherCreateSerializer if self.action == "create" else s.TeacherSerializer

    @extend_schema(request=s.TeacherCreateSerializer, responses={201: InvitationSerializer})
    def create(self, request, *args, **kwargs):
        """Invite a member of staff by e-mail: the answer is the pending invitation; they join when they accept."""
        if not self.can_create(self.actor):
            return super().create(request, *args, **kwargs)  # raises the 403
        serializer = s.TeacherCreateSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        invitation = services.teacher_invite(actor=self.actor, **serializer.validated_data)
        out = InvitationSerializer(invitation, context=self.get_serializer_context())
        return Response(out.data, status=status.HTTP_201_CREATED)


@ARCHIVED_LIST
class StudentViewSet(ArchiveMixin, SchoolOwnedViewSet):
    """Students of a school: its staff read them, its admins manage them, a student reads their own. A student
    who graduated or left is archived, never deleted: out of the default lists and of new applications and
    notices, with placements, certificates and reports kept; they still sign in to read their own history and
    report their graduate outcome."""

    serializer_class = s.StudentSerializer
    filterset_class = StudentFilter
    search_fields = ["full_name", "student_number", "cohort__name"]
    ordering_fields = ["student_number", "full_name", "entry_year"]

    def base_queryset(self):
        return Student.objects.select_related("cohort__major", "advisor__user")

    def scope(self, queryset, actor):
        return students_visible_to(actor, queryset)

    @extend_schema(responses={201: s.StudentCreatedSerializer})
    def create(self, request, *args, **kwargs):
        if not self.can_create(self.actor):
            return super().create(request, *args, **kwargs)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        student, code = services.student_create(**serializer.validated_data)
        student.activation_code = code
        out = s.StudentCreatedSerializer(student, context=self.get_serializer_context())
        return Response(out.data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=None,
        responses=inline_serializer("ActivationCode", {"activation_code": serializers.CharField()}),
    )
    @action(detail=True, methods=["post"], url_path="activation-code")
    def reissue_code(self, request, pk=None):
        student = self.get_object()
        if not self.can_write(student, self.actor):
            raise exceptions.PermissionDenied(self.write_denied_message)
        if student.is_activated:
            raise serializers.ValidationError({"non_field_errors": [_("This student has already activated.")]})
        return Response({"activation_code": services.student_issue_activation_code(student=student)})


class ActivationThrottle(SimpleRateThrottle):
    """Per address, on top of the per-record attempt limit in the service."""

    scope = "activation"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


@extend_schema(
    request=s.ActivationSerializer,
    responses={201: inline_serializer("Activated", {"username": serializers.CharField()})},
)
@api_view(["POST"])
@permission_classes([AllowAny])
@throttle_classes([ActivationThrottle])
def activate(request):
    """A student activates the account their school created (student number + school + one-time code)."""
    serializer = s.ActivationSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    data = serializer.validated_data
    user = services.student_activate(
        institution_id=data["institution"].pk,
        student_number=data["student_number"],
        code=data["code"],
        username=data["username"],
        password=data["password"],
        email=data.get("email", ""),
        phone=data.get("phone", ""),
    )
    return Response({"username": user.username}, status=status.HTTP_201_CREATED)


@extend_schema(responses=s.InstitutionRefSerializer(many=True))
@api_view(["GET"])
@permission_classes([AllowAny])
def activation_institutions(request):
    """The schools a student can pick on the activation form (no sign-in needed)."""
    return Response(s.InstitutionRefSerializer(Institution.objects.order_by("id"), many=True).data)


class StudentImportView(SchoolAdminImportView):
    """Import students from XLSX (dry run first); new students' activation codes come back once."""

    @import_schema({"codes": ActivationCodeRowSerializer(many=True)}, name="StudentImportResult", job=True)
    def post(self, request):
        """Over settings.JOBS_IMPORT_THRESHOLD rows the import (not its dry run) becomes a background job: 202
        with the job, whose progress reaches the page over the socket; its codes are taken once from
        /background-jobs/{id}/codes/ when it has succeeded."""
        upload = self.read_upload(request)
        if not upload.dry_run and count_rows(upload.file, student_import.COLUMNS) > settings.JOBS_IMPORT_THRESHOLD:
            job = job_start(
                actor=actor_for(request.user),
                kind=Job.Kind.STUDENT_IMPORT,
                institution=upload.institution,
                upload=upload.file,
            )
            return job_accepted(job, request)
        result = students_import(institution=upload.institution, upload=upload.file, dry_run=upload.dry_run)
        return result_response(result, upload.dry_run, codes=result.codes)


class StudentTemplateView(TemplateView):
    columns = student_import.COLUMNS
    notes = student_import.NOTES
    filename = "students-template.xlsx"
    title = _("Student import template")
    sheet = _("Students")
