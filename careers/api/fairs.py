"""The recruitment fairs' API: fairs (organisers create, open, close and cancel them; students register; the desk
checks students in; the report and its XLSX), booths (companies apply, organisers decide) and registrations.
Every rule is careers.fairs.services'; the views read input and shape answers."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import exceptions, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.actor import Actor
from careers.fairs import services
from careers.fairs.filters import BoothFilter, FairFilter, RegistrationFilter
from careers.fairs.models import Booth, BoothStatus, Fair, FairRegistration, FairStatus
from careers.fairs.report import COLUMNS, fair_report
from careers.fairs.selectors import (
    booths_visible_to,
    fairs_visible_to,
    is_desk_staff,
    is_organiser,
    registrations_visible_to,
)
from careers.models import Job
from companies.models import Segment
from config.exports import table_response
from config.serializers import label_field
from config.viewsets import ScopedViewSet
from core.sms import masked
from placements.models import Slot
from schools.models import Institution, Major

XLSX = {(200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"): OpenApiTypes.BINARY}
CITY = _("Wuhan Municipal Human Resources and Social Security Bureau")

# -- serializers ---------------------------------------------------------------------------------------------------


class MyFairRegistrationSerializer(serializers.Serializer):
    """The student's own registration: the QR code carries `qr` (prefix and token), `code` is typed instead."""

    id = serializers.IntegerField()
    code = serializers.CharField()
    qr = serializers.CharField()
    checked_in_at = serializers.DateTimeField(allow_null=True)


class MyBoothSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=BoothStatus.choices)
    status_label = serializers.CharField()
    reason = serializers.CharField()


class FairSerializer(serializers.ModelSerializer):
    organiser_name = serializers.SerializerMethodField()
    # as everyone should read it: an open fair whose end has passed is closed (Fair.effective_status)
    status = serializers.ChoiceField(choices=FairStatus.choices, source="effective_status", read_only=True)
    status_label = serializers.SerializerMethodField()
    schools = serializers.PrimaryKeyRelatedField(many=True, queryset=Institution.objects.all(), required=False)
    school_names = serializers.SerializerMethodField()
    majors = serializers.PrimaryKeyRelatedField(many=True, queryset=Major.objects.all(), required=False)
    major_names = serializers.SerializerMethodField()
    graduation_years = serializers.ListField(
        child=serializers.IntegerField(min_value=2000, max_value=2100), required=False, max_length=6, source="years"
    )
    industries = serializers.ListField(child=serializers.ChoiceField(choices=Segment.choices), required=False)
    industry_labels = serializers.SerializerMethodField()
    booth_count = serializers.IntegerField(read_only=True, default=0)
    registration_count = serializers.IntegerField(read_only=True, default=0)
    checked_in_count = serializers.IntegerField(read_only=True, default=0)
    my_registration = serializers.SerializerMethodField()
    my_booth = serializers.SerializerMethodField()
    can_manage = serializers.SerializerMethodField()
    can_check_in = serializers.SerializerMethodField()

    class Meta:
        model = Fair
        fields = [
            "id", "title", "description", "starts_at", "ends_at", "venue", "online_url", "institution",
            "organiser_name", "schools", "school_names", "majors", "major_names", "graduation_years", "industries",
            "industry_labels", "status", "status_label", "cancel_reason", "is_demo", "booth_count",
            "registration_count", "checked_in_count", "my_registration", "my_booth", "can_manage", "can_check_in",
            "created_at",
        ]  # fmt: skip
        read_only_fields = ["status", "cancel_reason", "is_demo", "created_at"]
        extra_kwargs = {"institution": {"required": False, "allow_null": True}}

    @property
    def _actor(self) -> Actor:
        return self.context["actor"]

    def get_status_label(self, obj) -> str:
        return str(FairStatus(obj.effective_status).label)

    def get_organiser_name(self, obj) -> str:
        return obj.institution.name if obj.institution_id else str(CITY)

    def get_school_names(self, obj) -> list[str]:
        return [s.name for s in obj.schools.all()]

    def get_major_names(self, obj) -> list[str]:
        return [m.name for m in obj.majors.all()]

    def get_industry_labels(self, obj) -> list[str]:
        return obj.industry_labels()

    @extend_schema_field(MyFairRegistrationSerializer(allow_null=True))
    def get_my_registration(self, obj):
        registration = self.context.get("my_registrations", {}).get(obj.pk)
        if registration is None:
            return None
        return {
            "id": registration.pk,
            "code": registration.code,
            "qr": services.QR_PREFIX + registration.token,
            "checked_in_at": registration.checked_in_at,
        }

    @extend_schema_field(MyBoothSerializer(allow_null=True))
    def get_my_booth(self, obj):
        booth = self.context.get("my_booths", {}).get(obj.pk)
        if booth is None:
            return None
        return {
            "id": booth.pk,
            "status": booth.status,
            "status_label": str(booth.get_status_display()),
            "reason": booth.reason,
        }

    def get_can_manage(self, obj) -> bool:
        return is_organiser(self._actor, obj)

    def get_can_check_in(self, obj) -> bool:
        return is_desk_staff(self._actor, obj)


class FairReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500)


class CheckInSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=120, help_text="What the QR code holds, or the short code typed.")


class NamedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()


class BoothSerializer(serializers.ModelSerializer):
    fair_title = serializers.CharField(source="fair.title", read_only=True)
    company_name = serializers.CharField(source="company.name", read_only=True)
    status_label = label_field("status")
    jobs = serializers.PrimaryKeyRelatedField(many=True, queryset=Job.objects.all(), required=False)
    slots = serializers.PrimaryKeyRelatedField(many=True, queryset=Slot.objects.all(), required=False)
    job_list = serializers.SerializerMethodField()
    slot_list = serializers.SerializerMethodField()
    can_decide = serializers.SerializerMethodField()
    can_edit = serializers.SerializerMethodField()

    class Meta:
        model = Booth
        fields = [
            "id", "fair", "fair_title", "company", "company_name", "jobs", "job_list", "slots", "slot_list", "note",
            "status", "status_label", "reason", "decided_at", "is_demo", "can_decide", "can_edit", "created_at",
        ]  # fmt: skip
        read_only_fields = ["status", "reason", "decided_at", "is_demo", "created_at"]
        extra_kwargs = {"company": {"required": False}}
        validators = []  # one booth per company and fair: the service says so (409), with the company it picks

    @extend_schema_field(NamedSerializer(many=True))
    def get_job_list(self, obj):
        return [{"id": j.pk, "title": j.title} for j in obj.jobs.all()]

    @extend_schema_field(NamedSerializer(many=True))
    def get_slot_list(self, obj):
        return [{"id": s.pk, "title": s.title} for s in obj.slots.all()]

    def get_can_decide(self, obj) -> bool:
        return (
            obj.status == BoothStatus.PENDING
            and obj.fair.effective_status == FairStatus.OPEN
            and is_organiser(self.context["actor"], obj.fair)
        )

    def get_can_edit(self, obj) -> bool:
        actor = self.context["actor"]
        return (
            obj.company_id in actor.hr_company_ids
            and obj.status in (BoothStatus.PENDING, BoothStatus.APPROVED)
            and obj.fair.effective_status == FairStatus.OPEN
        )


class FairRegistrationSerializer(serializers.ModelSerializer):
    fair_title = serializers.CharField(source="fair.title", read_only=True)
    student_name = serializers.CharField(source="student.full_name", read_only=True)
    student_number = serializers.CharField(source="student.student_number", read_only=True)
    school_name = serializers.CharField(source="student.institution.name", read_only=True)
    major_name = serializers.SerializerMethodField()
    phone = serializers.SerializerMethodField(help_text="The student's mobile number, masked (138****5678).")

    class Meta:
        model = FairRegistration
        fields = [
            "id", "fair", "fair_title", "student", "student_name", "student_number", "school_name", "major_name",
            "phone", "checked_in_at", "cancelled_at", "created_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_major_name(self, obj) -> str | None:
        cohort = obj.student.cohort
        return cohort.major.name if cohort else None

    def get_phone(self, obj) -> str:
        return registration_phone(obj)


def registration_phone(registration: FairRegistration) -> str:
    user = registration.student.user
    return masked(user.phone) if user is not None and user.phone else ""


REGISTRATION_COLUMNS = [
    ("student_name", _("Student")),
    ("student_number", _("Student number")),
    ("school_name", _("School")),
    ("major_name", _("Major")),
    ("phone", _("Mobile number")),
    ("created_at", _("Registered at")),
]


class ReportRowSerializer(serializers.Serializer):
    booth = serializers.IntegerField()
    company = serializers.CharField()
    status = serializers.ChoiceField(choices=BoothStatus.choices)
    status_label = serializers.CharField()
    jobs = serializers.IntegerField()
    slots = serializers.IntegerField()
    applications = serializers.IntegerField()
    interviews = serializers.IntegerField()
    offers = serializers.IntegerField()
    hired = serializers.IntegerField()
    stayed = serializers.IntegerField()


class FairReportSerializer(serializers.Serializer):
    fair = serializers.IntegerField()
    title = serializers.CharField()
    companies = serializers.IntegerField()
    booths = serializers.IntegerField()
    booths_approved = serializers.IntegerField()
    booths_pending = serializers.IntegerField()
    jobs = serializers.IntegerField()
    registered = serializers.IntegerField()
    checked_in = serializers.IntegerField()
    applications = serializers.IntegerField()
    interviews = serializers.IntegerField()
    offers = serializers.IntegerField()
    hired = serializers.IntegerField()
    stayed = serializers.IntegerField()
    rows = ReportRowSerializer(many=True)
    is_demo = serializers.BooleanField()


# -- views ----------------------------------------------------------------------------------------------------------


class FairViewSet(ScopedViewSet):
    """Recruitment fairs: the city's staff or a school's admins organise them; students register; the desk checks
    them in; organisers and the city read the report."""

    serializer_class = FairSerializer
    filterset_class = FairFilter
    search_fields = ["title", "venue"]
    ordering_fields = ["starts_at", "created_at"]
    services_check_writes = True

    def base_queryset(self):
        return (
            Fair.objects.select_related("institution")
            .prefetch_related("schools", "majors")
            .annotate(
                booth_count=Count("booths", filter=Q(booths__status=BoothStatus.APPROVED), distinct=True),
                registration_count=Count(
                    "registrations", filter=Q(registrations__cancelled_at__isnull=True), distinct=True
                ),
                checked_in_count=Count(
                    "registrations",
                    filter=Q(registrations__cancelled_at__isnull=True, registrations__checked_in_at__isnull=False),
                    distinct=True,
                ),
            )
            .order_by("-starts_at", "-id")
        )

    def scope(self, queryset, actor):
        return fairs_visible_to(actor, queryset)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        actor = self.actor
        context["my_registrations"] = (
            {r.fair_id: r for r in FairRegistration.objects.filter(student_id=actor.student_id, cancelled_at=None)}
            if actor.student_id
            else {}
        )
        context["my_booths"] = (
            {b.fair_id: b for b in Booth.objects.filter(company_id__in=actor.company_ids)} if actor.company_ids else {}
        )
        return context

    def _detail(self, fair, code=status.HTTP_200_OK):
        return Response(self.get_serializer(self.base_queryset().get(pk=fair.pk)).data, status=code)

    def _fields(self, partial: bool) -> dict:
        data = self.get_serializer(data=self.request.data, partial=partial)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        if "years" in fields:
            fields["graduation_years"] = fields.pop("years")
        return fields

    def create(self, request, *args, **kwargs):
        """A new fair, as a draft (the city's staff: a city fair; a school's admin: their school's)."""
        actor = self.actor
        if not (actor.is_city_staff or actor.admin_school_ids):
            raise exceptions.PermissionDenied(_("The city's staff and schools' admins organise fairs."))
        return self._detail(services.fair_create(actor=actor, **self._fields(False)), status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        fair = self.get_object()
        fields = self._fields(True)
        fields.pop("institution", None)  # the organiser does not change
        return self._detail(services.fair_update(actor=self.actor, fair=fair, **fields))

    @extend_schema(request=None, responses=FairSerializer)
    @action(detail=True, methods=["post"])
    def open(self, request, pk=None):
        """Publish the fair: booths and registrations open, and the students it is for are told."""
        return self._detail(services.fair_open(actor=self.actor, fair=self.get_object()))

    @extend_schema(request=None, responses=FairSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        return self._detail(services.fair_close(actor=self.actor, fair=self.get_object()))

    @extend_schema(request=FairReasonSerializer, responses=FairSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        fair = self.get_object()
        if not is_organiser(self.actor, fair):
            raise exceptions.PermissionDenied(_("Only the fair's organisers manage it."))
        data = FairReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._detail(services.fair_cancel(actor=self.actor, fair=fair, reason=data.validated_data["reason"]))

    @extend_schema(request=None, responses={201: FairSerializer})
    @action(detail=True, methods=["post"])
    def register(self, request, pk=None):
        """The student registers; the answer carries their QR code's content and the short code."""
        fair = self.get_object()
        services.registration_create(actor=self.actor, fair=fair)
        return self._detail(fair, status.HTTP_201_CREATED)

    @extend_schema(request=CheckInSerializer, responses=FairRegistrationSerializer)
    @action(detail=True, methods=["post"], url_path="check-in")
    def check_in(self, request, pk=None):
        """At the door: the scanned QR code or the typed short code checks the student in (once: a second time
        is a 409 saying when; another fair's code a 400)."""
        fair = self.get_object()
        if not is_desk_staff(self.actor, fair):
            raise exceptions.PermissionDenied(_("Only the fair's staff check students in."))
        data = CheckInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        registration = services.registration_check_in(actor=self.actor, fair=fair, code=data.validated_data["code"])
        return Response(FairRegistrationSerializer(registration).data)

    def _report(self):
        fair = self.get_object()
        actor = self.actor
        if not (is_organiser(actor, fair) or actor.is_city_analyst or actor.is_city_staff):
            raise exceptions.PermissionDenied(_("The fair's report is for its organisers and the city."))
        return fair, fair_report(fair)

    @extend_schema(responses=FairReportSerializer)
    @action(detail=True, methods=["get"])
    def report(self, request, pk=None):
        """What came of the fair, in counts: booths, registered and checked-in students, and at the booths'
        jobs since the fair began the applications, interviews, offers, hires and hires working in Wuhan."""
        return Response(FairReportSerializer(self._report()[1]).data)

    @extend_schema(responses=XLSX)
    @action(detail=True, methods=["get"], url_path="report-xlsx")
    def report_xlsx(self, request, pk=None):
        fair, report = self._report()
        rows = [{**row, "status": row["status_label"]} for row in report["rows"]]
        title = f"{_('Fair report')}-{fair.title}" + (f" ({_('demo data')})" if fair.is_demo else "")
        return table_response(rows, COLUMNS, "xlsx", f"fair-{fair.pk}-report", title=title)

    @extend_schema(responses=XLSX)
    @action(detail=True, methods=["get"], url_path="not-checked-in-xlsx")
    def not_checked_in_xlsx(self, request, pk=None):
        """The students who registered and did not come (not cancelled, not checked in), for the fair's desk staff
        to follow up: name, number, school, major and the masked mobile number. Companies never see it."""
        fair = self.get_object()
        if not is_desk_staff(self.actor, fair):
            raise exceptions.PermissionDenied(_("Only the fair's staff see who did not come."))
        registrations = registrations_visible_to(
            self.actor,
            FairRegistration.objects.select_related("student__institution", "student__cohort__major", "student__user"),
        ).filter(fair=fair, cancelled_at__isnull=True, checked_in_at__isnull=True)
        rows = [
            {
                "student_name": r.student.full_name,
                "student_number": r.student.student_number,
                "school_name": r.student.institution.name,
                "major_name": r.student.cohort.major.name if r.student.cohort_id else "",
                "phone": registration_phone(r),
                "created_at": date_format(timezone.localtime(r.created_at), "Y-m-d H:i"),
            }
            for r in registrations.order_by("student__institution__name", "student__full_name", "pk")
        ]
        title = f"{_('Registered, not checked in')}-{fair.title}" + (" (演示数据)" if fair.is_demo else "")
        return table_response(rows, REGISTRATION_COLUMNS, "xlsx", f"fair-{fair.pk}-not-checked-in", title=title)


class BoothViewSet(ScopedViewSet):
    """Booths at fairs: a company's HR applies with its jobs and slots; the organiser approves or refuses."""

    serializer_class = BoothSerializer
    filterset_class = BoothFilter
    ordering_fields = ["created_at"]
    services_check_writes = True

    def base_queryset(self):
        return (
            Booth.objects.select_related("fair__institution", "company")
            .prefetch_related("jobs", "slots")
            .order_by("-created_at", "-id")
        )

    def scope(self, queryset, actor):
        return booths_visible_to(actor, queryset)

    def _detail(self, booth, code=status.HTTP_200_OK):
        return Response(self.get_serializer(self.base_queryset().get(pk=booth.pk)).data, status=code)

    def create(self, request, *args, **kwargs):
        """The company's HR applies for a booth at an open fair."""
        actor = self.actor
        if not (actor.hr_company_ids or actor.pending_hr_company_ids):
            raise exceptions.PermissionDenied(_("Only companies' HR staff apply for booths."))
        data = self.get_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        fair = fields.pop("fair")
        if not fairs_visible_to(actor).filter(pk=fair.pk).exists():
            raise exceptions.ValidationError({"fair": [_("This fair does not take booth applications now.")]})
        company = fields.pop("company", None)
        booth = services.booth_apply(
            actor=actor,
            fair=fair,
            company_id=company.pk if company else None,
            jobs=fields.get("jobs"),
            slots=fields.get("slots"),
            note=fields.get("note", ""),
        )
        return self._detail(booth, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        booth = self.get_object()
        data = self.get_serializer(booth, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        fields = data.validated_data
        booth = services.booth_update(
            actor=self.actor, booth=booth, jobs=fields.get("jobs"), slots=fields.get("slots"), note=fields.get("note")
        )
        return self._detail(booth)

    @extend_schema(request=None, responses=BoothSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._detail(services.booth_approve(actor=self.actor, booth=self.get_object()))

    @extend_schema(request=FairReasonSerializer, responses=BoothSerializer)
    @action(detail=True, methods=["post"])
    def refuse(self, request, pk=None):
        booth = self.get_object()
        if not is_organiser(self.actor, booth.fair):
            raise exceptions.PermissionDenied(_("Only the fair's organisers manage it."))
        data = FairReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._detail(services.booth_refuse(actor=self.actor, booth=booth, reason=data.validated_data["reason"]))

    @extend_schema(request=None, responses=BoothSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        return self._detail(services.booth_withdraw(actor=self.actor, booth=self.get_object()))


class RegistrationViewSet(ScopedViewSet):
    """Registrations: the student's own; the fair's desk staff see those of their fairs (who came)."""

    serializer_class = FairRegistrationSerializer
    filterset_class = RegistrationFilter
    ordering_fields = ["created_at", "checked_in_at"]
    http_method_names = ["get", "post", "head", "options"]
    services_check_writes = True

    def base_queryset(self):
        return FairRegistration.objects.select_related(
            "fair", "student__institution", "student__cohort__major", "student__user"
        ).order_by("-created_at", "-id")

    def scope(self, queryset, actor):
        return registrations_visible_to(actor, queryset)

    @extend_schema(exclude=True)  # a student registers through /fairs/{id}/register/
    def create(self, request, *args, **kwargs):
        raise exceptions.MethodNotAllowed("POST")

    @extend_schema(request=None, responses=FairRegistrationSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        registration = services.registration_cancel(actor=self.actor, registration=self.get_object())
        return Response(self.get_serializer(self.base_queryset().get(pk=registration.pk)).data)
