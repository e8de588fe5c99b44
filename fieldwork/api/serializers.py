from __future__ import annotations

from rest_framework import serializers

from config.serializers import label_field
from fieldwork.models import BaseGeofence, CheckIn, FieldWork, FieldworkPolicy, LeaveKind, LeaveRequest


class FieldworkPolicySerializer(serializers.ModelSerializer):
    institution_name = serializers.CharField(source="institution.name", read_only=True)
    leave_order_label = label_field("leave_order")
    can_edit = serializers.SerializerMethodField()

    class Meta:
        model = FieldworkPolicy
        fields = [
            "institution", "institution_name", "checkin_enabled", "missing_days_alert", "leave_order",
            "leave_order_label", "visits_per_term", "incident_response_hours", "can_edit",
        ]  # fmt: skip
        read_only_fields = ["institution"]

    def get_can_edit(self, obj) -> bool:
        actor = self.context.get("actor")
        return bool(actor and obj.institution_id in actor.admin_school_ids)


class BaseGeofenceSerializer(serializers.Serializer):
    """A base and its location for check-in (empty until a school sets it)."""

    id = serializers.IntegerField(read_only=True, help_text="The base's id.")
    name = serializers.CharField(read_only=True)
    company_name = serializers.CharField(source="company.name", read_only=True, allow_null=True)
    address = serializers.CharField(read_only=True)
    latitude = serializers.DecimalField(max_digits=9, decimal_places=6, read_only=True, allow_null=True)
    longitude = serializers.DecimalField(max_digits=9, decimal_places=6, read_only=True, allow_null=True)
    radius_m = serializers.IntegerField(read_only=True, allow_null=True, help_text="Metres.")
    is_set = serializers.BooleanField(read_only=True)
    is_demo = serializers.BooleanField(read_only=True)
    can_edit = serializers.BooleanField(read_only=True)

    def to_representation(self, base):
        fence: BaseGeofence | None = getattr(base, "geofence", None) if hasattr(base, "geofence") else None
        can_edit = self.context.get("can_edit_base")
        return {
            "id": base.pk,
            "name": base.name,
            "company_name": base.company.name if base.company_id else None,
            "address": base.address,
            "latitude": str(fence.latitude) if fence else None,
            "longitude": str(fence.longitude) if fence else None,
            "radius_m": fence.radius_m if fence else None,
            "is_set": fence is not None,
            "is_demo": bool(fence and fence.is_demo),
            "can_edit": bool(can_edit and can_edit(base)),
        }


class BaseGeofenceWriteSerializer(serializers.Serializer):
    """A school admin sets a base's location and the radius check-ins count as inside."""

    latitude = serializers.DecimalField(max_digits=9, decimal_places=6, min_value=-90, max_value=90)
    longitude = serializers.DecimalField(max_digits=9, decimal_places=6, min_value=-180, max_value=180)
    radius_m = serializers.IntegerField(min_value=50, max_value=5000, help_text="Metres.")


class CheckInPositionSerializer(serializers.Serializer):
    """The phone's position, sent once in the body; compared with the base and discarded."""

    latitude = serializers.FloatField(min_value=-90, max_value=90)
    longitude = serializers.FloatField(min_value=-180, max_value=180)
    accuracy = serializers.FloatField(
        min_value=0, max_value=100_000, required=False, allow_null=True, help_text="Metres (68% confidence)."
    )


class CheckInSerializer(serializers.ModelSerializer):
    outcome_label = label_field("outcome")
    accuracy_band_label = label_field("accuracy_band")
    student_name = serializers.CharField(source="placement.student.full_name", read_only=True)

    class Meta:
        model = CheckIn
        fields = [
            "id", "placement", "student_name", "day", "at", "outcome", "outcome_label", "distance_m",
            "accuracy_band", "accuracy_band_label",
        ]  # fmt: skip
        read_only_fields = fields


class CheckInResultSerializer(CheckInSerializer):
    created = serializers.BooleanField(read_only=True, help_text="False: the day's earlier check-in stands.")

    class Meta(CheckInSerializer.Meta):
        fields = [*CheckInSerializer.Meta.fields, "created"]
        read_only_fields = fields


class AttendanceDaySerializer(serializers.Serializer):
    date = serializers.DateField()
    state = serializers.ChoiceField(
        choices=[
            "checked_in",
            "leave",
            "field_work",
            "field_work_pending",
            "missing",
            "rest",
            "to_come",
            "outside_placement",
        ]
    )
    outcome = serializers.CharField(allow_null=True)


class AttendanceRowSerializer(serializers.Serializer):
    placement = serializers.IntegerField(source="placement.pk")
    student = serializers.IntegerField(source="placement.student_id")
    student_name = serializers.CharField(source="placement.student.full_name")
    student_number = serializers.CharField(source="placement.student.student_number")
    cohort_name = serializers.CharField(source="placement.student.cohort.name", default=None)
    company_name = serializers.CharField(source="placement.slot.company.name")
    base_name = serializers.CharField(source="placement.slot.base.name")
    workdays = serializers.IntegerField()
    checked_in = serializers.IntegerField()
    on_leave = serializers.IntegerField()
    field_work = serializers.IntegerField()
    missing = serializers.IntegerField()
    days = AttendanceDaySerializer(many=True)


class AttendanceSerializer(serializers.Serializer):
    week = serializers.CharField()
    monday = serializers.DateField()
    sunday = serializers.DateField()
    count = serializers.IntegerField(help_text="Students in the week, on every page.")
    page = serializers.IntegerField()
    page_size = serializers.IntegerField()
    rows = AttendanceRowSerializer(many=True)


class TodayCheckInSerializer(serializers.Serializer):
    """The student's check-in page: whether they can check in now, why not, today's outcome and the week."""

    has_placement = serializers.BooleanField()
    checkin_enabled = serializers.BooleanField()
    can_check_in = serializers.BooleanField()
    refusal = serializers.CharField(allow_null=True)
    refusal_code = serializers.CharField(allow_null=True)
    base_name = serializers.CharField(allow_null=True)
    opens = serializers.CharField(allow_null=True)
    closes = serializers.CharField(allow_null=True)
    today = CheckInSerializer(allow_null=True)
    week = AttendanceRowSerializer(allow_null=True)


class FieldWorkSerializer(serializers.ModelSerializer):
    status_label = label_field("status")
    student_name = serializers.CharField(source="placement.student.full_name", read_only=True)
    company_name = serializers.CharField(source="placement.slot.company.name", read_only=True)
    decided_by_name = serializers.CharField(source="decided_by.display_name", read_only=True, default=None)
    can_decide = serializers.SerializerMethodField()

    class Meta:
        model = FieldWork
        fields = [
            "id", "placement", "student_name", "company_name", "day", "place", "reason", "status", "status_label",
            "decided_by_name", "decided_at", "decision_reason", "created_at", "is_demo", "can_decide",
        ]  # fmt: skip
        read_only_fields = ["placement", "status", "decided_at", "decision_reason", "created_at", "is_demo"]

    def get_can_decide(self, obj) -> bool:
        from fieldwork.models import FieldWorkStatus
        from fieldwork.services.common import is_mentor_of

        actor = self.context.get("actor")
        return bool(actor and obj.status == FieldWorkStatus.PENDING and is_mentor_of(actor, obj.placement))


class LeaveDecisionSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class RefusalReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500)


class LeaveRequestSerializer(serializers.ModelSerializer):
    kind_label = label_field("kind")
    status_label = label_field("status")
    student_name = serializers.CharField(source="placement.student.full_name", read_only=True)
    company_name = serializers.CharField(source="placement.slot.company.name", read_only=True)
    days = serializers.SerializerMethodField()
    has_attachment = serializers.SerializerMethodField()
    mentor_decided_by_name = serializers.CharField(
        source="mentor_decided_by.display_name", read_only=True, default=None
    )
    teacher_decided_by_name = serializers.CharField(
        source="teacher_decided_by.display_name", read_only=True, default=None
    )
    available_actions = serializers.SerializerMethodField()

    class Meta:
        model = LeaveRequest
        fields = [
            "id", "placement", "student_name", "company_name", "kind", "kind_label", "start_date", "end_date", "days",
            "reason", "status", "status_label", "has_attachment", "mentor_decided_by_name", "mentor_decided_at",
            "teacher_decided_by_name", "teacher_decided_at", "decision_reason", "created_at", "is_demo",
            "available_actions",
        ]  # fmt: skip
        read_only_fields = fields

    def get_days(self, obj) -> int:
        return (obj.end_date - obj.start_date).days + 1

    def get_has_attachment(self, obj) -> bool:
        return bool(obj.attachment)

    def get_available_actions(self, obj) -> list[str]:
        from fieldwork.models import PENDING_LEAVE, LeaveStatus
        from fieldwork.services.common import is_mentor_of, is_teacher_of

        actor = self.context.get("actor")
        if actor is None or obj.status not in PENDING_LEAVE:
            return []
        actions = []
        if (obj.status == LeaveStatus.PENDING_MENTOR and is_mentor_of(actor, obj.placement)) or (
            obj.status == LeaveStatus.PENDING_TEACHER and is_teacher_of(actor, obj.placement)
        ):
            actions += ["approve", "refuse"]
        if obj.placement.student_id == actor.student_id:
            actions.append("cancel")
        return actions


class LeaveCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=LeaveKind.choices)
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    reason = serializers.CharField(max_length=1000)
    attachment = serializers.FileField(required=False, allow_null=True)


class FieldWorkCreateSerializer(serializers.Serializer):
    day = serializers.DateField()
    place = serializers.CharField(max_length=200)
    reason = serializers.CharField(max_length=1000)
