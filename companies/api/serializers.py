from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from companies.change_requests import may_decide
from companies.credit_code import normalize, validate_credit_code
from companies.models import Company, CompanyChangeRequest, CompanyMember, JobCluster, SiteInspection, TrainingBase
from companies.vetting import company_require_vetted
from config import bounds
from config.serializers import CanArchiveField, CanEditField, label_field
from schools.choices import District
from schools.models import Institution


class RefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class CompanySerializer(serializers.ModelSerializer):
    district_label = label_field("district")
    zone_label = label_field("zone")
    segment_label = label_field("segment")
    vetting_status_label = label_field("vetting_status")
    base_count = serializers.IntegerField(read_only=True)
    can_edit = CanEditField()

    class Meta:
        model = Company
        fields = [
            "id",
            "name",
            "short_name",
            "credit_code",
            "district",
            "district_label",
            "zone",
            "zone_label",
            "park",
            "segment",
            "segment_label",
            "headcount",
            "lowest_wage_grade",
            "address",
            "website",
            "description",
            "vetting_status",
            "vetting_status_label",
            "vetted_at",
            "data_note",
            "base_count",
            "can_edit",
        ]
        read_only_fields = ["vetting_status", "vetted_at", "data_note"]
        extra_kwargs = {"credit_code": {"validators": []}}  # checked below, after normalising

    def validate_credit_code(self, value: str) -> str:
        code = normalize(value)
        validate_credit_code(code)
        clash = Company.objects.filter(credit_code=code)
        if self.instance is not None:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise serializers.ValidationError(_("A company with this credit code is already registered."))
        return code

    def validate(self, attrs):
        district_or_zone_required(attrs, self.instance)
        return attrs


def district_or_zone_required(attrs: dict, instance) -> None:
    """New records, and edits that touch the location, need a district or a zone."""
    if instance is not None and "district" not in attrs and "zone" not in attrs:
        return
    district = attrs.get("district", getattr(instance, "district", ""))
    zone = attrs.get("zone", getattr(instance, "zone", ""))
    if not district and not zone:
        raise serializers.ValidationError({"district": [_("Give the district or the functional zone (or both).")]})


class VetSerializer(serializers.Serializer):
    vetting_status = serializers.ChoiceField(choices=Company._meta.get_field("vetting_status").choices)


class CompanyMemberSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(source="user.display_name", read_only=True)
    email = serializers.EmailField(source="user.email", read_only=True)
    role_label = label_field("role")
    can_edit = CanEditField()
    can_archive = CanArchiveField()

    class Meta:
        model = CompanyMember
        fields = [
            "id", "company", "full_name", "email", "role", "role_label", "title", "archived_at", "can_edit",
            "can_archive",
        ]  # fmt: skip
        read_only_fields = ["company"]


class CompanyMemberCreateSerializer(serializers.ModelSerializer):
    email = serializers.EmailField()
    full_name = serializers.CharField(max_length=64)

    class Meta:
        model = CompanyMember
        fields = ["company", "email", "full_name", "role", "title"]

    def validate_company(self, company: Company) -> Company:
        company_require_vetted(actor=self.context["actor"], company_id=company.pk)
        if company.pk not in self.context["actor"].hr_company_ids:
            raise serializers.ValidationError(_("You can only add colleagues to your own company."))
        return company


# Shapes only: who may create or change which base, and how its fields fit together, is checked by
# companies.bases.base_create / base_update.
class TrainingBaseSerializer(serializers.ModelSerializer):
    kind_label = label_field("kind")
    district_label = label_field("district")
    zone_label = label_field("zone")
    province_label = label_field("province")
    host_institution_detail = RefSerializer(source="host_institution", read_only=True, allow_null=True)
    company_detail = RefSerializer(source="company", read_only=True, allow_null=True)
    job_clusters = serializers.SlugRelatedField(
        slug_field="code", many=True, queryset=JobCluster.objects.all(), required=False
    )
    job_cluster_labels = serializers.SerializerMethodField()
    # Read-only: each school links itself (POST /bases/{id}/link/), never the company for it.
    institutions = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    can_edit = CanEditField()

    class Meta:
        model = TrainingBase
        fields = [
            "id",
            "name",
            "kind",
            "kind_label",
            "host_institution",
            "host_institution_detail",
            "partner_brand",
            "company",
            "company_detail",
            "institutions",
            "address",
            "province",
            "province_label",
            "district",
            "district_label",
            "zone",
            "zone_label",
            "capacity",
            "job_clusters",
            "job_cluster_labels",
            "agreement_start",
            "agreement_end",
            "is_active",
            "description",
            "data_note",
            "can_edit",
        ]
        read_only_fields = ["data_note"]

    def get_job_cluster_labels(self, base) -> list[str]:
        from django.utils.translation import get_language

        english = (get_language() or "").startswith("en")
        return [c.name_en if english else c.name for c in base.job_clusters.all()]

    def validate_capacity(self, value: int) -> int:
        if value < 1:
            raise serializers.ValidationError(_("The capacity must be at least 1."))
        if value > 10_000:
            raise serializers.ValidationError(_("The capacity cannot exceed 10,000."))
        return value


class BaseLinkSerializer(serializers.Serializer):
    institution = serializers.PrimaryKeyRelatedField(queryset=Institution.objects.all(), required=False)

    def validate(self, attrs):
        if "institution" not in attrs:
            admin_of = self.context["actor"].admin_school_ids
            if len(admin_of) != 1:
                raise serializers.ValidationError({"institution": [_("Choose your school.")]})
            attrs["institution"] = Institution.objects.get(pk=next(iter(admin_of)))
        return attrs


# -- change requests (companies/change_requests.py) ---------------------------------------------------------


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
        return bool(actor and may_decide(actor, request.company))


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


# -- site inspections (companies/inspections.py) ----------------------------------------------------------------


class SiteInspectionSerializer(serializers.ModelSerializer):
    """A school's on-site inspection of a base; the report is served at `report_url` to the same readers."""

    institution_name = serializers.CharField(source="institution.name", read_only=True)
    base_name = serializers.CharField(source="base.name", read_only=True)
    inspector_name = serializers.CharField(source="inspector.display_name", read_only=True, default=None)
    outcome_label = label_field("outcome")
    report_url = serializers.SerializerMethodField()

    class Meta:
        model = SiteInspection
        fields = [
            "id", "base", "base_name", "institution", "institution_name", "inspected_on", "inspector_name",
            "findings", "outcome", "outcome_label", "report_content_type", "report_size", "report_url", "created_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_report_url(self, inspection) -> str:
        return f"/api/v1/site-inspections/{inspection.pk}/report/"


class SiteInspectionCreateSerializer(serializers.Serializer):
    base = serializers.PrimaryKeyRelatedField(queryset=TrainingBase.objects.all())
    institution = serializers.PrimaryKeyRelatedField(queryset=Institution.objects.all(), required=False)
    inspected_on = serializers.DateField(validators=[bounds.PAST_RECORD])
    findings = serializers.CharField(max_length=4000)
    outcome = serializers.ChoiceField(choices=SiteInspection.Outcome.choices)
    report = serializers.FileField()

    def validate(self, attrs):
        if "institution" not in attrs:
            staff_of = self.context["actor"].school_ids
            if len(staff_of) != 1:
                raise serializers.ValidationError({"institution": [_("Choose your school.")]})
            attrs["institution"] = Institution.objects.get(pk=next(iter(staff_of)))
        return attrs
