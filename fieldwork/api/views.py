"""The fieldwork API: the school's settings, bases' locations, check-in, field work, leave and attendance."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins, parsers, status, viewsets
from rest_framework import serializers as drf_serializers
from rest_framework.decorators import action, api_view
from rest_framework.response import Response

from accounts.actor import actor_for
from companies.models import TrainingBase
from config.exports import attachment, file_title
from config.params import IdParam, read_params
from config.schema import UPLOADED_FILE
from config.uploads import protected_file_response
from fieldwork import attendance
from fieldwork.api import serializers as s
from fieldwork.filters import CheckInFilter, FieldWorkFilter, LeaveRequestFilter
from fieldwork.models import CheckIn, FieldWork, FieldworkPolicy, LeaveRequest
from fieldwork.selectors import (
    attendance_placements_for,
    checkins_visible_to,
    field_work_visible_to,
    fieldwork_policy_for,
    leave_visible_to,
)
from fieldwork.services import checkins, field_work, geofences, leave
from fieldwork.services.policy import fieldwork_policy_update
from placements.choices import PlacementStatus
from placements.models import Placement
from schools.models import Institution


class ActorMixin:
    @property
    def actor(self):
        return actor_for(self.request.user)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "actor": self.actor}


class FieldworkPolicyViewSet(ActorMixin, viewsets.GenericViewSet):
    """A school's fieldwork settings, by the school's id: read by its staff and students, changed by its admins.
    A school that never changed them reads the defaults."""

    serializer_class = s.FieldworkPolicySerializer
    pagination_class = None  # one row per school the reader belongs to: one or two
    lookup_value_regex = r"\d+"

    def _schools(self) -> set[int]:
        actor = self.actor
        return set(actor.school_ids) | ({actor.student_institution_id} if actor.student_institution_id else set())

    def _policy(self, institution_id: int) -> FieldworkPolicy:
        policy = fieldwork_policy_for(institution_id)
        policy.institution = Institution.objects.get(pk=institution_id)
        return policy

    def get_queryset(self):
        return FieldworkPolicy.objects.none()  # for the schema; the rows are read through fieldwork_policy_for

    @extend_schema(responses=s.FieldworkPolicySerializer(many=True))
    def list(self, request):
        policies = [self._policy(i) for i in sorted(self._schools())]
        return Response(self.get_serializer(policies, many=True).data)

    def _get(self, pk) -> FieldworkPolicy:
        try:
            institution_id = int(pk)
        except (TypeError, ValueError):
            raise exceptions.NotFound() from None
        if institution_id not in self._schools():
            raise exceptions.NotFound()
        return self._policy(institution_id)

    @extend_schema(parameters=[OpenApiParameter("id", int, OpenApiParameter.PATH, description="The school's id.")])
    def retrieve(self, request, pk=None):
        return Response(self.get_serializer(self._get(pk)).data)

    @extend_schema(parameters=[OpenApiParameter("id", int, OpenApiParameter.PATH, description="The school's id.")])
    def partial_update(self, request, pk=None):
        policy = self._get(pk)
        serializer = self.get_serializer(policy, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        policy = fieldwork_policy_update(
            actor=self.actor, institution_id=policy.institution_id, **serializer.validated_data
        )
        return Response(self.get_serializer(self._policy(policy.institution_id)).data)


class BaseGeofenceViewSet(ActorMixin, viewsets.GenericViewSet):
    """Bases and their location for check-in, by the base's id: the school staff of the schools a base works with
    and its company's staff read them; an admin of such a school sets them (PATCH: latitude, longitude, radius)."""

    serializer_class = s.BaseGeofenceSerializer
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        actor = self.actor
        condition = Q(institutions__in=actor.school_ids) | Q(host_institution_id__in=actor.school_ids)
        condition |= Q(company_id__in=actor.company_ids)
        return (
            TrainingBase.objects.filter(condition, is_active=True)
            .select_related("company", "geofence")
            .prefetch_related("institutions")
            .distinct()
            .order_by("id")
        )

    def get_serializer_context(self):
        actor = self.actor

        def can_edit(base) -> bool:
            schools = {i.pk for i in base.institutions.all()} | (
                {base.host_institution_id} if base.host_institution_id else set()
            )
            return bool(schools & actor.admin_school_ids)

        return {**super().get_serializer_context(), "can_edit_base": can_edit}

    def list(self, request):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, pk=None):
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(request=s.BaseGeofenceWriteSerializer)
    def partial_update(self, request, pk=None):
        base = self.get_object()
        serializer = s.BaseGeofenceWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        geofences.geofence_set(actor=self.actor, base=base, **serializer.validated_data)
        return Response(self.get_serializer(self.get_queryset().get(pk=base.pk)).data)


class CheckInViewSet(ActorMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Check-ins: the student checks in (POST the position once; only the outcome is kept); the student, their
    school's staff and the host company's staff read the outcomes."""

    serializer_class = s.CheckInSerializer
    filterset_class = CheckInFilter
    ordering_fields = ["day"]

    def get_queryset(self):
        return checkins_visible_to(
            self.actor, CheckIn.objects.select_related("placement__student").order_by("-day", "-id")
        )

    @extend_schema(
        request=s.CheckInPositionSerializer, responses={201: s.CheckInResultSerializer, 200: s.CheckInResultSerializer}
    )
    def create(self, request):
        """Check in for today. The position is compared with the base and discarded; a second check-in the same
        day answers 200 with the first."""
        position = s.CheckInPositionSerializer(data=request.data)
        position.is_valid(raise_exception=True)
        checkin, created = checkins.checkin_record(actor=self.actor, **_position(position.validated_data))
        position = None
        data = s.CheckInResultSerializer(checkin, context=self.get_serializer_context()).data
        return Response({**data, "created": created}, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)

    @extend_schema(responses=s.TodayCheckInSerializer)
    @action(detail=False, methods=["get"])
    def today(self, request):
        """The student's check-in page: can they check in now (and why not), today's outcome, this week."""
        actor = self.actor
        if not actor.is_student:
            raise exceptions.PermissionDenied(_("Only students check in."))
        placement = (
            Placement.objects.filter(student_id=actor.student_id, status=PlacementStatus.ACTIVE)
            .select_related("slot__base", "slot__company", "student__cohort")
            .order_by("-started_at", "-id")
            .first()
        )
        policy = fieldwork_policy_for(actor.student_institution_id)
        empty = {"has_placement": False, "checkin_enabled": policy.checkin_enabled, "can_check_in": False,
                 "refusal": None, "refusal_code": None, "base_name": None, "opens": None, "closes": None,
                 "today": None, "week": None}  # fmt: skip
        if placement is None:
            return Response(empty)
        now = timezone.localtime()
        today = CheckIn.objects.filter(placement=placement, day=now.date()).select_related("placement__student").first()
        refusal = None if today else checkins.checkin_refusal(placement, now)
        monday, _sunday = attendance.week_bounds(None)
        (row,) = attendance.attendance_week([placement], monday)
        slot = placement.slot
        opens = (
            timezone.datetime.combine(now.date(), slot.work_starts)
            - timezone.timedelta(minutes=checkins.CHECKIN_EARLY_MINUTES)
        ).time()
        data = {
            **empty,
            "has_placement": True,
            "can_check_in": today is None and refusal is None,
            "refusal": str(refusal.detail) if refusal else None,
            "refusal_code": refusal.code if refusal else None,
            "base_name": slot.base.name,
            "opens": opens.strftime("%H:%M"),
            "closes": slot.work_ends.strftime("%H:%M"),
            "today": s.CheckInSerializer(today).data if today else None,
            "week": s.AttendanceRowSerializer(row).data,
        }
        return Response(data)


def _position(data: dict) -> dict:
    return {"latitude": data["latitude"], "longitude": data["longitude"], "accuracy": data.get("accuracy")}


class FieldWorkViewSet(ActorMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Field work: the student declares a day away from the base; the mentor confirms or declines."""

    serializer_class = s.FieldWorkSerializer
    filterset_class = FieldWorkFilter
    ordering_fields = ["day", "created_at"]

    def get_queryset(self):
        return field_work_visible_to(
            self.actor,
            FieldWork.objects.select_related(
                "placement__student", "placement__slot__company", "placement__mentor", "decided_by"
            ).order_by("-day", "-id"),
        )

    @extend_schema(request=s.FieldWorkCreateSerializer, responses={201: s.FieldWorkSerializer})
    def create(self, request):
        data = s.FieldWorkCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        work = field_work.field_work_declare(actor=self.actor, **data.validated_data)
        return Response(self.get_serializer(self.get_queryset().get(pk=work.pk)).data, status=status.HTTP_201_CREATED)

    def _decide(self, request, confirm: bool):
        data = s.LeaveDecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        work = field_work.field_work_decide(
            actor=self.actor, work=self.get_object(), confirm=confirm, reason=data.validated_data["reason"]
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=work.pk)).data)

    @extend_schema(request=s.LeaveDecisionSerializer, responses=s.FieldWorkSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        return self._decide(request, True)

    @extend_schema(request=s.RefusalReasonSerializer, responses=s.FieldWorkSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        return self._decide(request, False)


class LeaveRequestViewSet(ActorMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Leave requests: the student asks (multipart, with an optional scan); the mentor and the teacher decide in
    the school's order; the student may cancel while it waits."""

    serializer_class = s.LeaveRequestSerializer
    filterset_class = LeaveRequestFilter
    ordering_fields = ["created_at", "start_date"]
    parser_classes = [parsers.JSONParser, parsers.MultiPartParser, parsers.FormParser]

    def get_queryset(self):
        return leave_visible_to(
            self.actor,
            LeaveRequest.objects.select_related(
                "placement__student__advisor",
                "placement__slot__company",
                "placement__mentor",
                "placement__teacher",
                "mentor_decided_by",
                "teacher_decided_by",
            ).order_by("-created_at", "-id"),
        )

    def _one(self, leave_request, code=status.HTTP_200_OK):
        return Response(self.get_serializer(self.get_queryset().get(pk=leave_request.pk)).data, status=code)

    @extend_schema(
        request={"multipart/form-data": s.LeaveCreateSerializer, "application/json": s.LeaveCreateSerializer},
        responses={201: s.LeaveRequestSerializer},
    )
    def create(self, request):
        data = s.LeaveCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        upload = fields.pop("attachment", None)
        created = leave.leave_request(actor=self.actor, upload=upload, **fields)
        return self._one(created, status.HTTP_201_CREATED)

    @extend_schema(request=s.LeaveDecisionSerializer, responses=s.LeaveRequestSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        data = s.LeaveDecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._one(leave.leave_approve(actor=self.actor, leave=self.get_object(), **data.validated_data))

    @extend_schema(request=s.RefusalReasonSerializer, responses=s.LeaveRequestSerializer)
    @action(detail=True, methods=["post"])
    def refuse(self, request, pk=None):
        data = s.LeaveDecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._one(leave.leave_refuse(actor=self.actor, leave=self.get_object(), **data.validated_data))

    @extend_schema(request=None, responses=s.LeaveRequestSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        return self._one(leave.leave_cancel(actor=self.actor, leave=self.get_object()))

    @extend_schema(responses=UPLOADED_FILE)
    @action(detail=True, methods=["get"])
    def attachment(self, request, pk=None):
        """The scan attached to the request, for its parties only (never a public URL)."""
        leave_request = self.get_object()
        if not leave_request.attachment:
            raise exceptions.NotFound(_("This request has no attachment."))
        name = file_title(str(_("Leave request")), leave_request.placement.student.full_name)
        ext = leave_request.attachment_extension
        disposition = attachment(f"{name}.{ext}", f"leave-{leave_request.pk}.{ext}", disposition="inline")
        return protected_file_response(
            leave_request.attachment, content_type=leave_request.attachment_content_type, disposition=disposition
        )


ATTENDANCE_PAGE = 200  # students per page of the week's table


class AttendanceParams(drf_serializers.Serializer):
    week = drf_serializers.RegexField(r"^\d{4}-W\d{2}$", required=False, help_text="ISO week, e.g. 2026-W49.")
    cohort = IdParam(help_text="Only students of this class.")
    company = IdParam(help_text="Only placements at this company.")
    mine = drf_serializers.BooleanField(required=False, default=False, help_text="Only my advisees.")
    page = drf_serializers.IntegerField(required=False, default=1, min_value=1, max_value=10_000)


@extend_schema(parameters=[AttendanceParams], responses=s.AttendanceSerializer)
@api_view(["GET"])
def attendance_week(request):
    """Per student and ISO week: workdays checked in, on leave, in field work and missing, one page of
    ATTENDANCE_PAGE students at a time. Opening it also raises the missing-run notices that are due (once per run;
    the platform's scheduled task raises them too)."""
    params = read_params(AttendanceParams, request)
    try:
        monday, sunday = attendance.week_bounds(params.get("week"))
    except ValueError:
        raise drf_serializers.ValidationError({"week": [_("Give an ISO week such as 2026-W49.")]}) from None
    actor = actor_for(request.user)
    placements = attendance_placements_for(
        actor,
        Placement.objects.filter(status__in=attendance.ATTENDING).select_related(
            "slot__company", "slot__base", "student__cohort", "student__advisor", "teacher"
        ),
    ).filter(slot__start_date__lte=sunday, slot__end_date__gte=monday)
    if params.get("cohort"):
        placements = placements.filter(student__cohort_id=params["cohort"])
    if params.get("company"):
        placements = placements.filter(slot__company_id=params["company"])
    if params.get("mine"):
        placements = placements.filter(Q(teacher__user_id=actor.user_id) | Q(student__advisor__user_id=actor.user_id))
    count = placements.count()
    first = (params["page"] - 1) * ATTENDANCE_PAGE
    ordered = placements.order_by("student__cohort__name", "student__student_number", "id")
    placements = list(ordered[first : first + ATTENDANCE_PAGE])
    if actor.school_ids:
        attendance.alert_missing_runs(placements)
    rows = attendance.attendance_week(placements, monday)
    week = attendance.iso_week_of(monday)
    envelope = {"week": week, "monday": monday, "sunday": sunday, "count": count, "page_size": ATTENDANCE_PAGE}
    return Response(s.AttendanceSerializer({**envelope, "page": params["page"], "rows": rows}).data)
