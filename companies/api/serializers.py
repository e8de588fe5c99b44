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

    def validate(self, attrs):
        actor = self.context["actor"]
        instance = self.instance

        def current(name):
            return attrs.get(name, getattr(instance, name, None) if instance else None)

        kind = current("kind")
        errors: dict[str, list] = {}
        if instance is not None and "kind" in attrs and attrs["kind"] != instance.kind:
            errors["kind"] = [_("The kind of a base cannot change; create a new base instead.")]
        if kind == TrainingBase.Kind.ON_CAMPUS:
            host = current("host_institution")
            if host is None:
                errors["host_institution"] = [_("An on-campus base needs its host school.")]
            elif host.pk not in actor.admin_school_ids:
                errors["host_institution"] = [_("You can only manage bases of a school you administer.")]
            if not current("partner_brand"):
                errors["partner_brand"] = [_("Name the brand the base is co-built with.")]
            if current("company") is not None:
                errors["company"] = [_("An on-campus base belongs to a school, not a company.")]
        elif kind == TrainingBase.Kind.OFF_CAMPUS:
            company = current("company")
            if company is None:
                errors["company"] = [_("An off-campus base needs its company.")]
            elif company_require_vetted(actor=actor, company_id=company.pk) or company.pk not in actor.hr_company_ids:
                errors["company"] = [_("You can only manage bases of your own company.")]
            if current("host_institution") is not None:
                errors["host_institution"] = [_("An off-campus base belongs to a company, not a school.")]
        start, end = current("agreement_start"), current("agreement_end")
        if start and end and end < start:
            errors["agreement_end"] = [_("The agreement cannot end before it starts.")]
        touches_location = self.instance is None or "district" in attrs or "zone" in attrs
        if (
            kind == TrainingBase.Kind.OFF_CAMPUS
            and touches_location
            and not current("district")
            and not current("zone")
        ):
            errors["district"] = [_("Give the district or the functional zone (or both).")]
        inspected = current("last_inspection_date")
        if inspected:
            from django.utils import timezone

            if inspected > timezone.localdate():
                errors["last_inspection_date"] = [_("The inspection date cannot be in the future.")]
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class BaseLinkSerializer(serializers.Serializer):
    institution = serializers.PrimaryKeyRelatedField(queryset=Institution.objects.all(), required=False)

    def validate(self, attrs):
        if "institution" not in attrs:
            admin_of = self.context["actor"].admin_school_ids
            if len(admin_of) != 1:
                raise serializers.ValidationError({"institution": [_("Choose your school.")]})
            attrs["institution"] = Institution.objects.get(pk=next(iter(admin_of)))
        return attrs
