"""Self-arranged placements (placements/services/self_arranged.py): the student proposes, the school's admin
approves (vetting the company) or rejects; the student and their school's staff read them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from config.serializers import ClockField
from config.viewsets import ScopedViewSet
from placements.models import SelfArrangedProposal
from placements.services import self_arranged as services

WRITABLE = [
    "reason", "company_name", "credit_code", "company_address", "province", "district", "company_headcount",
    "post_title", "post_description", "job_cluster", "post_headcount", "work_hazard", "start_date", "end_date",
    "work_starts", "work_ends", "break_minutes", "days_per_week", "rest_days", "post_wage", "probation_wage",
    "stipend", "mentor_name", "mentor_phone", "guardian_name", "guardian_relation", "guardian_phone",
]  # fmt: skip


class ProposalSerializer(serializers.ModelSerializer):
    student_name = serializers.CharField(source="student.full_name", read_only=True)
    student_number = serializers.CharField(source="student.student_number", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    district_label = serializers.CharField(source="get_district_display", read_only=True)
    province_label = serializers.CharField(source="get_province_display", read_only=True)
    decided_by_name = serializers.CharField(source="decided_by.display_name", read_only=True, default=None)
    company = serializers.IntegerField(source="company_id", read_only=True, allow_null=True)
    placement = serializers.IntegerField(source="placement_id", read_only=True, allow_null=True)
    can_decide = serializers.SerializerMethodField()
    can_withdraw = serializers.SerializerMethodField()
    rest_days = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=7), required=False)
    # "09:00" as the slot's form reads and writes it (a plain TimeField's "09:00:00" is no RFC 3339 time)
    work_starts = ClockField(label=_("work starts"), required=False)
    work_ends = ClockField(label=_("work ends"), required=False)

    class Meta:
        model = SelfArrangedProposal
        fields = [
            "id", "student", "student_name", "student_number", "status", "status_label", *WRITABLE,
            "district_label", "province_label", "company", "placement", "decided_by_name", "decided_at",
            "decision_reason", "created_at", "can_decide", "can_withdraw",
        ]  # fmt: skip
        read_only_fields = ["student", "status", "decided_at", "decision_reason", "created_at"]
        extra_kwargs = {"guardian_relation": {"help_text": "father, mother, guardian or other"}}

    def get_can_decide(self, obj) -> bool:
        actor = self.context["actor"]
        return obj.status == "pending" and obj.student.institution_id in actor.admin_school_ids

    def get_can_withdraw(self, obj) -> bool:
        return obj.status == "pending" and obj.student_id == self.context["actor"].student_id


class ProposalDecisionSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True)


class ProposalViewSet(ScopedViewSet):
    """自行选择实习单位: a student's own placement, proposed with their guardian and approved by the school. Filter
    by `status`."""

    serializer_class = ProposalSerializer
    http_method_names = ["get", "post", "head", "options"]
    actions_checked_by_services = frozenset({"approve", "reject", "withdraw"})
    filterset_fields = ["status"]
    search_fields = ["company_name", "credit_code", "student__full_name", "student__student_number"]
    ordering_fields = ["created_at"]

    def base_queryset(self):
        return SelfArrangedProposal.objects.select_related("student", "decided_by").order_by("-created_at", "-id")

    def scope(self, queryset, actor):
        return services.proposals_visible_to(actor, queryset)

    def can_create(self, actor) -> bool:
        return actor.is_student

    def perform_create(self, serializer):
        serializer.instance = services.self_arranged_propose(actor=self.actor, **serializer.validated_data)

    def _answer(self, proposal):
        return Response(self.get_serializer(self.base_queryset().get(pk=proposal.pk)).data)

    @extend_schema(request=ProposalDecisionSerializer, responses=ProposalSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """The school's admin vets the company and approves: the placement is made, confirmed, and its guardian
        texted the consent link; every gate of the start still applies."""
        proposal = self.get_object()
        services.require_admin_of(self.actor, proposal)
        data = ProposalDecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        proposal = services.self_arranged_approve(
            actor=self.actor, proposal=proposal, reason=data.validated_data.get("reason", "")
        )
        return self._answer(proposal)

    @extend_schema(request=ProposalDecisionSerializer, responses=ProposalSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        """The school's admin rejects, with a reason the student reads."""
        proposal = self.get_object()
        services.require_admin_of(self.actor, proposal)
        data = ProposalDecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        proposal = services.self_arranged_reject(
            actor=self.actor, proposal=proposal, reason=data.validated_data.get("reason", "")
        )
        return self._answer(proposal)

    @extend_schema(request=None, responses=ProposalSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        proposal = services.self_arranged_withdraw(actor=self.actor, proposal=self.get_object())
        return self._answer(proposal)
