"""The school's list of placement companies (companies/listing.py): everyone at a school reads it; the school's
admins record the decisions."""

from __future__ import annotations

from django.db.models import Count, F, Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from companies import listing as services
from companies.models import Company, ListedCompany, SiteInspection
from config.viewsets import ScopedViewSet
from schools.models import Institution


class ListedCompanySerializer(serializers.ModelSerializer):
    institution_name = serializers.CharField(source="institution.name", read_only=True)
    company_name = serializers.CharField(source="company.name", read_only=True)
    company_credit_code = serializers.CharField(source="company.credit_code", read_only=True)
    company_district_label = serializers.CharField(source="company.get_district_display", read_only=True)
    source_label = serializers.CharField(source="get_source_display", read_only=True)
    decided_by_name = serializers.CharField(source="decided_by.display_name", read_only=True, default=None)
    removed_by_name = serializers.CharField(source="removed_by.display_name", read_only=True, default=None)
    assessment_on = serializers.DateField(source="assessment.inspected_on", read_only=True, default=None)
    assessment_base_name = serializers.CharField(source="assessment.base.name", read_only=True, default=None)
    assessment_report_url = serializers.SerializerMethodField()
    base_count = serializers.IntegerField(read_only=True, help_text="The company's bases serving the school.")
    is_current = serializers.SerializerMethodField()
    can_remove = serializers.SerializerMethodField()

    class Meta:
        model = ListedCompany
        fields = [
            "id", "institution", "institution_name", "company", "company_name", "company_credit_code",
            "company_district_label", "source", "source_label", "decided_by_name", "decided_at", "decision",
            "assessment", "assessment_on", "assessment_base_name", "assessment_report_url", "base_count",
            "removed_at", "removed_by_name", "removal_reason", "is_current", "can_remove",
        ]  # fmt: skip
        read_only_fields = fields

    def get_assessment_report_url(self, obj) -> str | None:
        return f"/api/v1/site-inspections/{obj.assessment_id}/report/" if obj.assessment_id else None

    def get_is_current(self, obj) -> bool:
        return obj.removed_at is None

    def get_can_remove(self, obj) -> bool:
        return obj.removed_at is None and obj.institution_id in self.context["actor"].admin_school_ids


class ListedCompanyCreateSerializer(serializers.Serializer):
    institution = serializers.PrimaryKeyRelatedField(queryset=Institution.objects.all(), required=False)
    company = serializers.PrimaryKeyRelatedField(queryset=Company.objects.all())
    assessment = serializers.PrimaryKeyRelatedField(queryset=SiteInspection.objects.select_related("base"))
    decision = serializers.CharField(max_length=300, required=False, allow_blank=True)

    def validate(self, attrs):
        if "institution" not in attrs:
            admin_of = self.context["actor"].admin_school_ids
            if len(admin_of) != 1:
                raise serializers.ValidationError({"institution": [_("Choose your school.")]})
            attrs["institution"] = Institution.objects.get(pk=next(iter(admin_of)))
        return attrs


class ListingRemoveSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("current", str, enum=["true", "false", "all"], description="Current entries (default)."),
        ]
    )
)
class ListedCompanyViewSet(ScopedViewSet):
    """The school's list of placement companies, published to its students, teachers and admins; each entry says
    who decided it, when, and on which on-site assessment. Filter by `institution`, `company`."""

    serializer_class = ListedCompanySerializer
    http_method_names = ["get", "post", "head", "options"]
    actions_checked_by_services = frozenset({"remove"})
    filterset_fields = ["institution", "company"]
    search_fields = ["company__name", "company__credit_code"]
    ordering_fields = ["decided_at", "company__name"]

    def base_queryset(self):
        serving = Count(
            "company__bases",
            filter=Q(company__bases__institutions=F("institution_id")),
            distinct=True,
        )
        return (
            ListedCompany.objects.select_related(
                "institution", "company", "decided_by", "removed_by", "assessment__base"
            )
            .annotate(base_count=serving)
            .order_by("company__name", "id")
        )

    def scope(self, queryset, actor):
        return services.listings_visible_to(actor, queryset)

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.action == "list":
            wanted = self.request.query_params.get("current", "true")
            if wanted in ("true", "1"):
                queryset = queryset.filter(removed_at__isnull=True)
            elif wanted in ("false", "0"):
                queryset = queryset.filter(removed_at__isnull=False)
        return queryset

    def can_create(self, actor) -> bool:
        return actor.is_school_admin

    @extend_schema(request=ListedCompanyCreateSerializer, responses={201: ListedCompanySerializer})
    def create(self, request, *args, **kwargs):
        """A school admin records the school's decision to put a company on its list, on its on-site assessment."""
        services.listing_require_admin(actor=self.actor)
        data = ListedCompanyCreateSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        listing = services.listing_add(actor=self.actor, **data.validated_data)
        out = self.get_serializer(self.base_queryset().get(pk=listing.pk))
        return Response(out.data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ListingRemoveSerializer, responses=ListedCompanySerializer)
    @action(detail=True, methods=["post"])
    def remove(self, request, pk=None):
        """A school admin takes the company off the school's list, with a reason; its bases stop serving it."""
        listing = self.get_object()
        services.listing_require_admin(actor=self.actor)
        data = ListingRemoveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        listing = services.listing_remove(actor=self.actor, listing=listing, reason=data.validated_data["reason"])
        return Response(self.get_serializer(self.base_queryset().get(pk=listing.pk)).data)
