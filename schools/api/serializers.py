from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from config.serializers import CanArchiveField, CanEditField, label_field
from schools.models import Cohort, Institution, Major, SpecialtyGroup, Student, Teacher


class InstitutionRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Institution
        fields = ["id", "name", "short_name"]


class InstitutionSerializer(serializers.ModelSerializer):
    kind_label = label_field("kind")
    under_regulation = serializers.BooleanField(
        read_only=True, help_text="中职, 高职专科 and 高职本科 schools are under the internship regulation (art. 2)."
    )
    district_label = label_field("district")
    can_edit = CanEditField()

    class Meta:
        model = Institution
        fields = [
            "id",
            "name",
            "short_name",
            "name_en",
            "kind",
            "kind_label",
            "under_regulation",
            "district",
            "district_label",
            "website",
            "description",
            "can_edit",
        ]
        # The kind decides whether the regulation binds the school, so the school cannot set it (Django admin).
        read_only_fields = ["name", "kind"]


class SchoolOwnedSerializer(serializers.ModelSerializer):
    """For records a school admin owns: the institution must be one the admin manages."""

    def validate_institution(self, institution: Institution) -> Institution:
        actor = self.context["actor"]
        if institution.pk not in actor.admin_school_ids:
            raise serializers.ValidationError(_("You can only add records to a school you administer."))
        if self.instance is not None and self.instance.institution_id != institution.pk:
            raise serializers.ValidationError(_("A record cannot be moved to another school."))
        return institution


class SpecialtyGroupSerializer(SchoolOwnedSerializer):
    can_edit = CanEditField()

    class Meta:
        model = SpecialtyGroup
        fields = ["id", "institution", "name", "description", "can_edit"]


class MajorSerializer(SchoolOwnedSerializer):
    category_label = label_field("category")
    can_edit = CanEditField()

    class Meta:
        model = Major
        fields = [
            "id",
            "institution",
            "specialty_group",
            "code",
            "name",
            "category",
            "category_label",
            "archived_at",
            "can_edit",
        ]

    def validate(self, attrs):
        group = attrs.get("specialty_group")
        institution = attrs.get("institution") or getattr(self.instance, "institution", None)
        if group is not None and institution is not None and group.institution_id != institution.pk:
            raise serializers.ValidationError(
                {"specialty_group": [_("The specialty group belongs to another school.")]}
            )
        return attrs


class CohortSerializer(serializers.ModelSerializer):
    major_name = serializers.CharField(source="major.name", read_only=True)
    institution = serializers.IntegerField(source="major.institution_id", read_only=True)
    student_count = serializers.IntegerField(read_only=True)
    can_edit = CanEditField()

    class Meta:
        model = Cohort
        fields = [
            "id",
            "institution",
            "major",
            "major_name",
            "entry_year",
            "name",
            "student_count",
            "archived_at",
            "can_edit",
        ]

    def validate_major(self, major: Major) -> Major:
        if major.institution_id not in self.context["actor"].admin_school_ids:
            raise serializers.ValidationError(_("You can only add classes to majors of a school you administer."))
        return major

    def validate_entry_year(self, value: int) -> int:
        if not 1990 <= value <= 2100:
            raise serializers.ValidationError(_("Enter a year between 1990 and 2100."))
        return value


class TeacherSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(source="user.display_name", read_only=True)
    email = serializers.EmailField(source="user.email", read_only=True)
    role_label = label_field("role")
    advisee_count = serializers.IntegerField(read_only=True)
    can_edit = CanEditField()
    can_archive = CanArchiveField()

    class Meta:
        model = Teacher
        fields = [
            "id",
            "institution",
            "full_name",
            "email",
            "role",
            "role_label",
            "staff_number",
            "department",
            "title",
            "advisee_count",
            "archived_at",
            "can_edit",
            "can_archive",
        ]
        read_only_fields = ["institution"]


class TeacherCreateSerializer(SchoolOwnedSerializer):
    email = serializers.EmailField(write_only=True)
    full_name = serializers.CharField(max_length=64, write_only=True)

    class Meta:
        model = Teacher
        fields = ["institution", "email", "full_name", "role", "staff_number", "department", "title"]


class StudentSerializer(SchoolOwnedSerializer):
    cohort_name = serializers.CharField(source="cohort.name", read_only=True, default=None)
    major_name = serializers.CharField(source="cohort.major.name", read_only=True, default=None)
    advisor_name = serializers.CharField(source="advisor.user.display_name", read_only=True, default=None)
    gender_label = label_field("gender")
    is_activated = serializers.BooleanField(read_only=True)
    can_edit = CanEditField()

    class Meta:
        model = Student
        fields = [
            "id",
            "institution",
            "student_number",
            "full_name",
            "gender",
            "gender_label",
            "birth_date",
            "entry_year",
            "cohort",
            "cohort_name",
            "major_name",
            "advisor",
            "advisor_name",
            "is_activated",
            "archived_at",
            "can_edit",
        ]
        # validate() checks the number within the school and names the field; DRF's generic unique-together
        # message would name no field.
        validators = []

    def validate(self, attrs):
        institution = attrs.get("institution") or getattr(self.instance, "institution", None)
        cohort = attrs.get("cohort")
        advisor = attrs.get("advisor")
        errors = {}
        if cohort is not None and institution is not None and cohort.major.institution_id != institution.pk:
            errors["cohort"] = [_("The class belongs to another school.")]
        if advisor is not None and institution is not None and advisor.institution_id != institution.pk:
            errors["advisor"] = [_("The advisor teaches at another school.")]
        number = attrs.get("student_number")
        if number and institution is not None:
            clash = Student.objects.filter(institution=institution, student_number=number)
            if self.instance is not None:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                errors["student_number"] = [_("This student number is already used in this school.")]
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class StudentCreatedSerializer(StudentSerializer):
    activation_code = serializers.CharField(read_only=True)

    class Meta(StudentSerializer.Meta):
        fields = [*StudentSerializer.Meta.fields, "activation_code"]


class ActivationSerializer(serializers.Serializer):
    institution = serializers.PrimaryKeyRelatedField(queryset=Institution.objects.all())
    student_number = serializers.CharField(max_length=32)
    code = serializers.CharField(max_length=20)
    username = serializers.RegexField(
        r"^[\w.@+-]+$",
        max_length=150,
        error_messages={"invalid": _("Use letters, digits and . @ + - _ only.")},
    )
    password = serializers.CharField(write_only=True, max_length=128, style={"input_type": "password"})
    email = serializers.EmailField(required=False, allow_blank=True)
    phone = serializers.CharField(required=False, allow_blank=True, max_length=20)
