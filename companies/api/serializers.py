from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from companies.credit_code import normalize, validate_credit_code
from companies.models import Company, CompanyMember, JobCluster, TrainingBase
from companies.services import company_require_vetted
from config.serializers import CanEditField, label_field
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

    def validate_headcount(self, value: int) -> int:
        if value < 1:
            raise serializers.ValidationError(_("The headcount must be at least 1."))
        return value

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

    class Meta:
        model = CompanyMember
        fields = ["id", "company", "full_name", "email", "role", "role_label", "title", "archived_at", "can_edit"]
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


class TrainingBaseSerializer(serializers.ModelSerializer):
    """A base's shape; who may create or change which base, and how its fields fit together, is checked by
    companies.bases.base_create / base_update."""

    kind_label = label_field("kind")
    district_label = label_field("district")
    zone_label = label_field("zone")
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
            "district",
            "district_label",
            "zone",
            "zone_label",
            "capacity",
            "job_clusters",
            "job_cluster_labels",
            "last_inspection_date",
            "inspection_note",
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
