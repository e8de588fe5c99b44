from __future__ import annotations

from django.db.models import Count, Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, parsers, status
from rest_framework.decorators import action, api_view
from rest_framework.response import Response

from accounts.actor import Actor
from accounts.api.serializers import InvitationSerializer
from companies import bases as base_links
from companies import change_requests, services
from companies import imports as company_import
from companies.api import serializers as s
from companies.api.responses import ChoicesSerializer
from companies.filters import BaseFilter, CompanyFilter, CompanyMemberFilter
from companies.imports import companies_import
from companies.inspections import inspection_record, inspection_require_recorder
from companies.models import (
    Company,
    CompanyMember,
    JobCluster,
    Segment,
    SiteInspection,
    TrainingBase,
    VettingStatus,
)
from companies.selectors import base_is_owned_by, bases_visible_to, companies_visible_to, inspections_visible_to
from config.import_views import (
    SchoolAdminImportView,
    TemplateView,
    import_schema,
    result_response,
)
from config.schema import UPLOADED_FILE
from config.uploads import protected_file_response
from config.viewsets import ARCHIVED_PARAMETER, ArchiveMixin, ScopedViewSet
from schools.choices import District, InstitutionKind, MajorCategory, Province, Zone


class CompanyViewSet(ScopedViewSet):
    """Companies hosting placements: approved ones form the public directory."""

    serializer_class = s.CompanySerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    actions_checked_by_services = frozenset({"vet"})
    filterset_class = CompanyFilter
    search_fields = ["name", "short_name", "credit_code"]
    ordering_fields = ["id", "name", "headcount"]

    def base_queryset(self):
        return Company.objects.annotate(base_count=Count("bases", filter=Q(bases__is_active=True))).order_by("id")

    def scope(self, queryset, actor):
        return companies_visible_to(actor, queryset)

    def can_write(self, obj, actor: Actor) -> bool:
        # HR of a company under review may still correct its profile (and only that).
        return obj.pk in actor.hr_company_ids or obj.pk in actor.pending_hr_company_ids

    def can_create(self, actor: Actor) -> bool:
        return not actor.is_student

    def perform_update(self, serializer):
        # The facts the schools vetted change through a change request (companies/change_requests.py).
        change_requests.company_update_check(company=serializer.instance, fields=serializer.validated_data)
        serializer.save()

    def perform_create(self, serializer):
        serializer.instance = services.company_register(actor=self.actor, **serializer.validated_data)

    @extend_schema(request=s.VetSerializer, responses=s.CompanySerializer)
    @action(detail=True, methods=["post"])
    def vet(self, request, pk=None):
        """A school admin approves, suspends or returns the company to review."""
        company = self.get_object()
        services.company_require_vetter(actor=self.actor)  # who may vet, before what they sent
        serializer = s.VetSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        company = services.company_vet(
            actor=self.actor,
            company=company,
            status=serializer.validated_data["vetting_status"],
        )
        company = self.get_queryset().get(pk=company.pk)
        return Response(self.get_serializer(company).data)


@extend_schema_view(list=extend_schema(parameters=[ARCHIVED_PARAMETER]))
class CompanyMemberViewSet(ArchiveMixin, ScopedViewSet):
    """A company's staff on the platform, managed by its HR. Removing someone from the company archives the
    membership (no more access to the company; slots and evaluations keep their mentor); the account stays."""

    serializer_class = s.CompanyMemberSerializer
    filterset_class = CompanyMemberFilter
    search_fields = ["user__full_name", "user__email", "title"]

    def base_queryset(self):
        return CompanyMember.objects.select_related("user", "company")

    def scope(self, queryset, actor):
        # Members' names and e-mails are the company's own business, not the city analysts'.
        return queryset.filter(company_id__in=actor.own_company_ids)

    def can_write(self, obj, actor: Actor) -> bool:
        return obj.company_id in actor.hr_company_ids and obj.user_id != actor.user_id

    def can_create(self, actor: Actor) -> bool:
        # HR of a company under review gets through to the check that explains why it cannot add anyone yet.
        return bool(actor.hr_company_ids or actor.pending_hr_company_ids)

    @extend_schema(request=s.CompanyMemberCreateSerializer, responses={201: InvitationSerializer})
    def create(self, request, *args, **kwargs):
        """Invite a colleague by e-mail: the answer is the pending invitation; they join when they accept."""
        if not self.can_create(self.actor):
            return super().create(request, *args, **kwargs)
        serializer = s.CompanyMemberCreateSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        invitation = services.company_member_invite(actor=self.actor, **serializer.validated_data)
        out = InvitationSerializer(invitation, context=self.get_serializer_context())
        return Response(out.data, status=status.HTTP_201_CREATED)


class TrainingBaseViewSet(ScopedViewSet):
    """On-campus and off-campus training bases: where placements happen. Never deleted (slots and placements
    refer to them): an owner sets is_active false to retire one."""

    actions_checked_by_services = frozenset({"link", "unlink"})
    serializer_class = s.TrainingBaseSerializer
    filterset_class = BaseFilter
    search_fields = ["name", "address", "partner_brand", "company__name", "host_institution__name"]
    ordering_fields = ["id", "name", "capacity"]

    def base_queryset(self):
        return TrainingBase.objects.select_related("host_institution", "company").prefetch_related(
            "job_clusters", "institutions"
        )

    def scope(self, queryset, actor):
        return bases_visible_to(actor, queryset).distinct()

    def can_write(self, obj, actor: Actor) -> bool:
        return base_is_owned_by(obj, actor)

    def can_create(self, actor: Actor) -> bool:
        return actor.is_school_admin or bool(actor.hr_company_ids or actor.pending_hr_company_ids)

    def perform_create(self, serializer):
        serializer.instance = base_links.base_create(actor=self.actor, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = base_links.base_update(
            actor=self.actor, base=serializer.instance, **serializer.validated_data
        )

    def _link(self, request, linked: bool):
        base = self.get_object()
        base_links.base_link_require_admin(actor=self.actor)
        data = s.BaseLinkSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        base = base_links.base_link_school(
            actor=self.actor, base=base, institution=data.validated_data["institution"], linked=linked
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=base.pk)).data)

    @extend_schema(request=s.BaseLinkSerializer, responses=s.TrainingBaseSerializer)
    @action(detail=True, methods=["post"])
    def link(self, request, pk=None):
        """A school admin's school starts working with this base: its students hear of the base's slots."""
        return self._link(request, True)

    @extend_schema(request=s.BaseLinkSerializer, responses=s.TrainingBaseSerializer)
    @action(detail=True, methods=["post"])
    def unlink(self, request, pk=None):
        """A school admin's school stops working with this base."""
        return self._link(request, False)


class SiteInspectionViewSet(ScopedViewSet):
    """Site inspections, the school's records (rule 14): school staff record them for their school and read those
    of the bases serving it; a company's HR reads its bases' inspections. Never edited or deleted: a new
    inspection supersedes the last. Filter by `base`."""

    serializer_class = s.SiteInspectionSerializer
    http_method_names = ["get", "post", "head", "options"]
    parser_classes = [parsers.MultiPartParser, parsers.FormParser]
    filterset_fields = ["base", "base__company", "institution", "outcome"]
    ordering_fields = ["inspected_on", "created_at"]

    def base_queryset(self):
        return SiteInspection.objects.select_related("base", "institution", "inspector").order_by(
            "-inspected_on", "-id"
        )

    def scope(self, queryset, actor):
        return inspections_visible_to(actor, queryset)

    @extend_schema(
        request={"multipart/form-data": s.SiteInspectionCreateSerializer}, responses={201: s.SiteInspectionSerializer}
    )
    def create(self, request, *args, **kwargs):
        """A teacher or admin records their school's on-site inspection of a base, with the written report."""
        inspection_require_recorder(actor=self.actor)  # before the form: others get a 403, not a 400
        data = s.SiteInspectionCreateSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        base = fields.pop("base")
        if not bases_visible_to(self.actor, TrainingBase.objects.filter(pk=base.pk)).exists():
            raise exceptions.ValidationError({"base": [_("There is no such base.")]})
        inspection = inspection_record(actor=self.actor, base=base, **fields)
        out = self.get_serializer(self.base_queryset().get(pk=inspection.pk))
        return Response(out.data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=UPLOADED_FILE)
    @action(detail=True, methods=["get"])
    def report(self, request, pk=None):
        inspection = self.get_object()
        disposition = f'inline; filename="inspection-{inspection.pk}.{inspection.report_extension}"'
        return protected_file_response(
            inspection.report, content_type=inspection.report_content_type, disposition=disposition
        )


def _choices(choices) -> list[dict]:
    return [{"value": value, "label": str(label)} for value, label in choices]


@extend_schema(responses=ChoicesSerializer)
@api_view(["GET"])
def choices(request):
    """The vocabularies the app's forms and filters use, labelled in the request's language."""
    english = (translation.get_language() or "").startswith("en")
    brands = (
        TrainingBase.objects.exclude(partner_brand="").order_by("partner_brand").values_list("partner_brand", flat=True)
    )
    return Response(
        {
            "districts": _choices(District.choices),
            "zones": _choices(Zone.choices),
            "provinces": _choices(Province.choices),
            "segments": _choices(Segment.choices),
            "vetting_statuses": _choices(VettingStatus.choices),
            "base_kinds": _choices(TrainingBase.Kind.choices),
            "institution_kinds": _choices(InstitutionKind.choices),
            "major_categories": _choices(MajorCategory.choices),
            "job_clusters": [
                {"value": c.code, "label": c.name_en if english else c.name} for c in JobCluster.objects.all()
            ],
            "brands": [{"value": b, "label": b} for b in dict.fromkeys(brands)],
        }
    )


class CompanyImportView(SchoolAdminImportView):
    """Import partner companies from XLSX (dry run first)."""

    @import_schema()
    def post(self, request):
        upload = self.read_upload(request, for_school=False)
        result = companies_import(user=request.user, upload=upload.file, dry_run=upload.dry_run)
        return result_response(result, upload.dry_run)


class CompanyTemplateView(TemplateView):
    columns = company_import.COLUMNS
    notes = company_import.NOTES
    filename = "companies-template.xlsx"
    title = _("Company import template")
    sheet = _("Companies")
