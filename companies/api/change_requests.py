"""Company change requests: a vetted company's HR asks to change its name, credit code, headcount or district
with evidence; an admin of a school working with the company approves or rejects it (companies/change_requests.py
says who). Evidence files are served here only, to the same people."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import exceptions, parsers, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.actor import Actor
from companies import change_requests as services
from companies.models import Company, CompanyChangeRequest
from config.schema import UPLOADED_FILE
from config.serializers import label_field
from config.uploads import protected_file_response
from config.viewsets import ScopedViewSet
from schools.choices import District


class ChangeRequestPreviousSerializer(serializers.Serializer):
    """The vetted facts a request would change, as they were when it was made (only those that had a value)."""

    name = serializers.CharField(required=False)
    credit_code = serializers.CharField(required=False)
    headcount = serializers.IntegerField(required=False)
    district = serializers.ChoiceField(choices=District.choices, required=False)


@extend_schema_field(ChangeRequestPreviousSerializer)
class _PreviousField(serializers.JSONField):
    pass


class ChangeRequestSerializer(serializers.ModelSerializer):
    previous = _PreviousField(read_only=True)
    company_name = serializers.CharField(source="company.name", read_only=True)
    status_label = label_field("status")
    district_label = label_field("district")
    requested_by_name = serializers.CharField(source="requested_by.display_name", read_only=True, default=None)
    decided_by_name = serializers.CharField(source="decided_by.display_name", read_only=True, default=None)
    evidence_url = serializers.SerializerMethodField()
    can_decide = serializers.SerializerMethodField()

    class Meta:
        model = CompanyChangeRequest
        fields = ["id", "company", "company_name", "name", "credit_code", "headcount", "district", "district_label",
                  "previous", "note", "status", "status_label", "reason", "requested_by_name", "decided_by_name",
                  "decided_at", "created_at", "evidence_url", "can_decide"]  # fmt: skip
        read_only_fields = fields

    def get_evidence_url(self, request) -> str:
        return f"/api/v1/company-change-requests/{request.pk}/evidence/"

    def get_can_decide(self, request) -> bool:
        if request.status != CompanyChangeRequest.Status.PENDING:
            return False
        decidable = getattr(request, "decidable", None)  # annotated by the list's scope: no query per row
        if decidable is not None:
            return bool(decidable)
        actor = self.context.get("actor")
        return bool(actor and services.may_decide(actor, request.company))


class ChangeRequestCreateSerializer(serializers.Serializer):
    company = serializers.PrimaryKeyRelatedField(queryset=Company.objects.all())
    name = serializers.CharField(max_length=120, required=False, allow_blank=True)
    credit_code = serializers.CharField(max_length=20, required=False, allow_blank=True)
    headcount = serializers.IntegerField(min_value=1, max_value=10_000_000, required=False, allow_null=True)
    district = serializers.ChoiceField(choices=District.choices, required=False, allow_blank=True)
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    evidence = serializers.FileField(help_text="A PDF, JPEG or PNG, e.g. the social-insurance headcount document.")


class DecisionSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True)


class CompanyChangeRequestViewSet(ScopedViewSet):
    """The company's staff see its requests; school admins the ones they may decide. Nothing is edited or
    deleted: a request is decided once."""

    serializer_class = ChangeRequestSerializer
    http_method_names = ["get", "post", "head", "options"]
    services_check_writes = True
    filterset_fields = ["status", "company"]
    parser_classes = [parsers.JSONParser, parsers.MultiPartParser, parsers.FormParser]

    def base_queryset(self):
        return CompanyChangeRequest.objects.select_related("company", "requested_by", "decided_by").order_by(
            "-created_at", "-id"
        )

    def scope(self, queryset, actor: Actor):
        return services.change_requests_visible_to(actor, queryset)

    def can_create(self, actor: Actor) -> bool:
        return bool(actor.hr_company_ids)

    @extend_schema(
        request={"multipart/form-data": ChangeRequestCreateSerializer}, responses={201: ChangeRequestSerializer}
    )
    def create(self, request, *args, **kwargs):
        if not self.can_create(self.actor):
            raise exceptions.PermissionDenied(_("Only a vetted company's HR asks for changes to it."))
        data = ChangeRequestCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        company = fields.pop("company")
        evidence = fields.pop("evidence")
        note = fields.pop("note", "")
        created = services.change_request_submit(
            actor=self.actor, user=request.user, company=company, changes=fields, evidence=evidence, note=note
        )
        out = self.get_serializer(self.base_queryset().get(pk=created.pk))
        return Response(out.data, status=status.HTTP_201_CREATED)

    def _decide(self, request, approve: bool):
        data = DecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        decided = services.change_request_decide(
            actor=self.actor,
            user=request.user,
            request=self.get_object(),
            approve=approve,
            reason=data.validated_data.get("reason", ""),
        )
        return Response(self.get_serializer(self.base_queryset().get(pk=decided.pk)).data)

    @extend_schema(request=DecisionSerializer, responses=ChangeRequestSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """The new values take effect at once."""
        return self._decide(request, True)

    @extend_schema(request=DecisionSerializer, responses=ChangeRequestSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        """The old values stay; the reason goes to the company."""
        return self._decide(request, False)

    @extend_schema(responses=UPLOADED_FILE)
    @action(detail=True, methods=["get"])
    def evidence(self, request, pk=None):
        change = self.get_object()
        disposition = f'inline; filename="evidence-{change.pk}.{change.evidence_extension}"'
        return protected_file_response(
            change.evidence, content_type=change.evidence_content_type, disposition=disposition
        )
