"""Company change requests: a vetted company's HR asks to change its name, credit code, headcount or district
with evidence; an admin of a school working with the company approves or rejects it (companies/change_requests.py
says who). Evidence files are served here only, to the same people."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, parsers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.actor import Actor
from companies import change_requests as services
from companies.api.serializers import ChangeRequestCreateSerializer, ChangeRequestSerializer, DecisionSerializer
from companies.filters import ChangeRequestFilter
from companies.models import CompanyChangeRequest
from companies.selectors import change_requests_visible_to
from config.exports import attachment, file_title
from config.schema import UPLOADED_FILE
from config.uploads import protected_file_response
from config.viewsets import ScopedViewSet


class CompanyChangeRequestViewSet(ScopedViewSet):
    """The company's staff see its requests; school admins the ones they may decide. Nothing is edited or
    deleted: a request is decided once."""

    serializer_class = ChangeRequestSerializer
    http_method_names = ["get", "post", "head", "options"]
    services_check_writes = True
    filterset_class = ChangeRequestFilter
    parser_classes = [parsers.JSONParser, parsers.MultiPartParser, parsers.FormParser]

    def base_queryset(self):
        return CompanyChangeRequest.objects.select_related("company", "requested_by", "decided_by").order_by(
            "-created_at", "-id"
        )

    def scope(self, queryset, actor: Actor):
        return change_requests_visible_to(actor, queryset)

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
            actor=self.actor, company=company, changes=fields, evidence=evidence, note=note
        )
        out = self.get_serializer(self.base_queryset().get(pk=created.pk))
        return Response(out.data, status=status.HTTP_201_CREATED)

    def _decide(self, request, approve: bool):
        data = DecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        decided = services.change_request_decide(
            actor=self.actor,
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
        ext = change.evidence_extension
        name = file_title(_("Change evidence"), change.company.name)  # 变更证明-某某公司.pdf
        disposition = attachment(f"{name}.{ext}", f"evidence-{change.pk}.{ext}", disposition="inline")
        return protected_file_response(
            change.evidence, content_type=change.evidence_content_type, disposition=disposition
        )
