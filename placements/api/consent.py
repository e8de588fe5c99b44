"""The guardian's consent online (services/consent.py) and the school's filing with the education authority
(services/filing.py): the school's endpoints, and the guardian's, which need no sign-in (the token travels in the
body, never in a URL the server logs)."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action, api_view, authentication_classes, permission_classes, throttle_classes
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import SimpleRateThrottle

from accounts.actor import actor_for
from config.exports import attachment
from config.params import read_params
from core.api.serializers import BackgroundJobSerializer
from core.api.views import job_accepted
from core.jobs import job_start
from core.models import Job
from core.sms import masked
from placements import export_jobs
from placements.models import Filing, GuardianConsent, Placement
from placements.selectors import placements_visible_to
from placements.services import consent as consents
from placements.services import filing as filings

# -- the school's side ------------------------------------------------------------------------------------------


class GuardianConsentSerializer(serializers.ModelSerializer):
    """A link sent to a guardian, as the school sees it (the phone masked, never the token or the code)."""

    state = serializers.SerializerMethodField()
    phone = serializers.SerializerMethodField()
    sent_by_name = serializers.CharField(source="sent_by.display_name", default="", read_only=True)

    class Meta:
        model = GuardianConsent
        fields = [
            "id", "placement", "guardian_name", "relation", "phone", "status", "state", "sent_at", "sent_by_name",
            "expires_at", "decided_at", "note", "failed_attempts", "is_demo",
        ]  # fmt: skip
        read_only_fields = fields

    def get_state(self, obj) -> str:
        return consents.link_state(obj)

    def get_phone(self, obj) -> str:
        return masked(obj.phone)


class GuardianConsentSendSerializer(serializers.Serializer):
    placement = serializers.IntegerField()
    guardian_name = serializers.CharField(max_length=50)
    relation = serializers.ChoiceField(choices=GuardianConsent.Relation.choices)
    phone = serializers.CharField(max_length=20)


class ConsentListParams(serializers.Serializer):
    placement = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1)


class GuardianConsentViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The guardian-consent links of the placements of the viewer's school: listed (for one placement with
    `?placement=`) and sent (a new one supersedes the last)."""

    serializer_class = GuardianConsentSerializer
    filter_backends: list = []
    pagination_class = None

    def get_queryset(self):
        actor = actor_for(self.request.user)
        queryset = GuardianConsent.objects.filter(placement__student__institution_id__in=actor.school_ids)
        wanted = read_params(ConsentListParams, self.request).get("placement")
        if wanted:
            queryset = queryset.filter(placement_id=wanted)
        return queryset.select_related("sent_by").order_by("-sent_at", "-id")[:200]

    @extend_schema(parameters=[ConsentListParams])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=GuardianConsentSendSerializer, responses={201: GuardianConsentSerializer})
    def create(self, request, *args, **kwargs):
        """Text the guardian a one-time link and code (staff of the student's school)."""
        actor = actor_for(request.user)
        if not actor.school_ids:
            raise exceptions.PermissionDenied(_("Only staff of the student's school ask the guardian for consent."))
        data = GuardianConsentSendSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        placement = placements_visible_to(actor, Placement.objects.filter(pk=fields.pop("placement"))).first()
        if placement is None:
            raise exceptions.ValidationError({"placement": [_("No such placement.")]})
        sent = consents.guardian_consent_send(actor=actor, placement=placement, **fields)
        return Response(GuardianConsentSerializer(sent.consent).data, status=status.HTTP_201_CREATED)


# -- the guardian's side -----------------------------------------------------------------------------------------


class GuardianThrottle(SimpleRateThrottle):
    """Per address: the code has a million values and each link allows a few wrong ones; nobody should try
    links quickly either."""

    scope = "guardian_consent"

    def get_rate(self):
        return settings.GUARDIAN_CONSENT_RATE

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class GuardianTokenSerializer(serializers.Serializer):
    token = serializers.CharField(max_length=100)


class GuardianCodeSerializer(GuardianTokenSerializer):
    code = serializers.CharField(max_length=10)


class GuardianDecideSerializer(GuardianCodeSerializer):
    agree = serializers.BooleanField()
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class GuardianLinkSerializer(serializers.Serializer):
    link_state = serializers.ChoiceField(choices=["open", "expired", "superseded", "locked", "agreed", "refused"])
    expires_at = serializers.DateTimeField()


class GuardianArrangementSerializer(serializers.Serializer):
    """What the guardian consents to."""

    student = serializers.CharField()
    school = serializers.CharField()
    company = serializers.CharField()
    post = serializers.CharField()
    base = serializers.CharField()
    address = serializers.CharField()
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    work_starts = serializers.TimeField(format="%H:%M")
    work_ends = serializers.TimeField(format="%H:%M")
    daily_hours = serializers.DecimalField(max_digits=4, decimal_places=2)
    days_per_week = serializers.IntegerField()
    post_wage = serializers.DecimalField(max_digits=9, decimal_places=2, allow_null=True)
    stipend = serializers.DecimalField(max_digits=9, decimal_places=2, allow_null=True)
    pay_cycle = serializers.CharField()
    insurance_paid_by = serializers.CharField()
    insurer = serializers.CharField()
    insurance_covers_to = serializers.DateField(allow_null=True)
    guardian_name = serializers.CharField()
    expires_at = serializers.DateTimeField()


def _link(consent) -> dict:
    return {"link_state": consents.link_state(consent), "expires_at": consent.expires_at}


@extend_schema(request=GuardianTokenSerializer, responses=GuardianLinkSerializer)
@api_view(["POST"])
@authentication_classes([])
@permission_classes([AllowAny])
@throttle_classes([GuardianThrottle])
def guardian_link(request):
    """For the guardian's link: whether it still works (nothing about the student before the code)."""
    data = GuardianTokenSerializer(data=request.data)
    data.is_valid(raise_exception=True)
    return Response(GuardianLinkSerializer(_link(consents.guardian_link(data.validated_data["token"]))).data)


@extend_schema(request=GuardianCodeSerializer, responses=GuardianArrangementSerializer)
@api_view(["POST"])
@authentication_classes([])
@permission_classes([AllowAny])
@throttle_classes([GuardianThrottle])
def guardian_open(request):
    """The guardian's code: what the student is to do (a wrong code counts; too many lock the link)."""
    data = GuardianCodeSerializer(data=request.data)
    data.is_valid(raise_exception=True)
    consent = consents.guardian_consent_open(**data.validated_data)
    return Response(GuardianArrangementSerializer(consents.arrangement(consent)).data)


@extend_schema(request=GuardianDecideSerializer, responses=GuardianLinkSerializer)
@api_view(["POST"])
@authentication_classes([])
@permission_classes([AllowAny])
@throttle_classes([GuardianThrottle])
def guardian_decide(request):
    """The guardian agrees or refuses, once."""
    data = GuardianDecideSerializer(data=request.data)
    data.is_valid(raise_exception=True)
    consent = consents.guardian_consent_decide(**data.validated_data)
    return Response(GuardianLinkSerializer(_link(consent)).data)


# -- filing with the education authority ----------------------------------------------------------------------


class FilingSerializer(serializers.ModelSerializer):
    recorded_by_name = serializers.CharField(source="recorded_by.display_name", default="", read_only=True)
    placement_count = serializers.IntegerField(source="placements.count", read_only=True)

    class Meta:
        model = Filing
        fields = [
            "id", "institution", "filed_on", "authority", "reference", "recorded_by_name", "recorded_at",
            "placement_count", "is_demo",
        ]  # fmt: skip
        read_only_fields = fields


class FilingRecordSerializer(serializers.Serializer):
    placements = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**31 - 1), min_length=1, max_length=500
    )
    filed_on = serializers.DateField()
    authority = serializers.CharField(max_length=100)
    reference = serializers.CharField(max_length=100)


class CrossProvinceApprovalSerializer(serializers.Serializer):
    placement = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    reason = serializers.CharField(max_length=500)


class FilingBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    filed_on = serializers.DateField()
    authority = serializers.CharField()
    reference = serializers.CharField()


class FilingArrangementSerializer(serializers.Serializer):
    """One post internship on the filing page."""

    id = serializers.IntegerField()
    student = serializers.CharField(source="student.full_name")
    student_number = serializers.CharField(source="student.student_number")
    company = serializers.CharField(source="slot.company.name")
    post = serializers.CharField(source="slot.title")
    base = serializers.CharField(source="slot.base.name")
    province = serializers.CharField(source="slot.base.get_province_display")
    start_date = serializers.DateField(source="slot.start_date")
    end_date = serializers.DateField(source="slot.end_date")
    status = serializers.CharField()
    is_demo = serializers.BooleanField(source="slot.is_demo")
    filing = serializers.SerializerMethodField()
    cross_province = serializers.SerializerMethodField()
    cross_province_approved = serializers.SerializerMethodField()

    @extend_schema_field(FilingBriefSerializer(allow_null=True))
    def get_filing(self, obj):
        filing = filings.filed_by_school(obj)
        return FilingBriefSerializer(filing).data if filing else None

    def get_cross_province(self, obj) -> bool:
        return filings.is_cross_province(obj)

    def get_cross_province_approved(self, obj) -> bool:
        return filings.cross_province_approved(obj)


class FilingArrangementParams(serializers.Serializer):
    # only those still to file: not started, no filing covers them (the admin's to-do count)
    unfiled = serializers.BooleanField(required=False, default=False)


class FilingViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The school's filings (its staff read them) and, for its admins, the post-internship arrangements to file,
    their export for the authority, the filing record and the cross-province approvals."""

    serializer_class = FilingSerializer
    filter_backends: list = []

    def get_queryset(self):
        return (
            filings.visible_filings(actor_for(self.request.user))
            .select_related("recorded_by")
            .prefetch_related(Prefetch("placements", queryset=Placement.objects.only("id")))
            .order_by("-filed_on", "-id")
        )

    def _admin(self):
        actor = actor_for(self.request.user)
        filings.require_school_admin(actor)
        return actor

    @extend_schema(request=FilingRecordSerializer, responses={201: FilingSerializer})
    def create(self, request, *args, **kwargs):
        """Record a filing for the chosen placements (a school admin, their own school's post internships)."""
        actor = self._admin()
        data = FilingRecordSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        filing = filings.filing_record(actor=actor, **data.validated_data)
        return Response(FilingSerializer(filing).data, status=status.HTTP_201_CREATED)

    @extend_schema(parameters=[FilingArrangementParams], responses=FilingArrangementSerializer(many=True))
    @action(detail=False, methods=["get"], pagination_class=None)
    def arrangements(self, request):
        """The admin's school's post internships (approved or later), with their filing and cross-province state."""
        actor = self._admin()
        queryset = filings.arrangements_for(actor)
        if read_params(FilingArrangementParams, request)["unfiled"]:
            queryset = filings.to_file(queryset)
        return Response(FilingArrangementSerializer(queryset[:2000], many=True).data)

    @extend_schema(
        parameters=[FilingArrangementParams],
        responses={
            (200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"): bytes,
            (202, "application/json"): BackgroundJobSerializer,
        },
    )
    @action(detail=False, methods=["get"])
    def export(self, request):
        """The arrangements as an XLSX sheet for the education authority (demo rows marked). Over
        settings.JOBS_EXPORT_THRESHOLD rows it becomes a background job (202 with the job)."""
        actor = self._admin()
        unfiled = read_params(FilingArrangementParams, request)["unfiled"]
        queryset = export_jobs.filings_queryset(actor, unfiled=unfiled)
        if queryset.count() > settings.JOBS_EXPORT_THRESHOLD:
            job = job_start(actor=actor, kind=Job.Kind.FILINGS_EXPORT, params={"unfiled": unfiled})
            return job_accepted(job, request)
        data, name, fallback, content_type = export_jobs.filings_file(list(queryset[: export_jobs.EXPORT_LIMIT]))
        response = HttpResponse(data, content_type=content_type)
        response["Content-Disposition"] = attachment(name, fallback)
        return response

    @extend_schema(request=CrossProvinceApprovalSerializer, responses={201: FilingArrangementSerializer})
    @action(detail=False, methods=["post"], url_path="approve-cross-province")
    def approve_cross_province(self, request):
        """Approve a post internship at a base outside Hubei (a school admin, with a reason)."""
        actor = self._admin()
        data = CrossProvinceApprovalSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        placement = filings.arrangements_for(actor).filter(pk=data.validated_data["placement"]).first()
        if placement is None:
            raise exceptions.ValidationError({"placement": [_("No such post internship of your school.")]})
        filings.cross_province_approve(actor=actor, placement=placement, reason=data.validated_data["reason"])
        placement = filings.arrangements_for(actor).get(pk=placement.pk)
        return Response(FilingArrangementSerializer(placement).data, status=status.HTTP_201_CREATED)
