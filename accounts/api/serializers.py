from __future__ import annotations

from allauth.mfa.utils import is_mfa_enabled
from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.actor import actor_for
from accounts.models import Invitation
from accounts.roles import Role
from accounts.validators import phone_for_account
from companies.models import CompanyMember
from schools.models import Teacher

User = get_user_model()


class MySchoolSerializer(serializers.Serializer):
    """A school the user works at, and as what."""

    id = serializers.IntegerField()
    name = serializers.CharField()
    role = serializers.ChoiceField(choices=Teacher.Role.choices)


class MyCompanySerializer(serializers.Serializer):
    """A company the user works for, and as what."""

    id = serializers.IntegerField()
    name = serializers.CharField()
    role = serializers.ChoiceField(choices=CompanyMember.Role.choices)


class NamedRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class MeMajorSerializer(NamedRefSerializer):
    code = serializers.CharField()


class MeStudentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    student_number = serializers.CharField()
    full_name = serializers.CharField()
    entry_year = serializers.IntegerField()
    institution = NamedRefSerializer()
    cohort = NamedRefSerializer(allow_null=True)
    major = MeMajorSerializer(allow_null=True)
    advisor = NamedRefSerializer(allow_null=True)


class MeSerializer(serializers.ModelSerializer):
    roles = serializers.SerializerMethodField()
    student = serializers.SerializerMethodField()
    schools = serializers.SerializerMethodField()
    companies = serializers.SerializerMethodField()
    has_mfa = serializers.SerializerMethodField()
    phone = serializers.CharField(required=False, allow_blank=True, allow_null=True, max_length=20)

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "email",
            "phone",
            "phone_verified",
            "full_name",
            "roles",
            "student",
            "schools",
            "companies",
            "is_city_analyst",
            "is_city_staff",
            "is_staff",
            "has_mfa",
        ]
        read_only_fields = [
            "id",
            "username",
            "email",
            "phone_verified",
            "is_city_analyst",
            "is_city_staff",
            "is_staff",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(choices=Role.choices)))
    def get_roles(self, user) -> list[str]:
        return actor_for(user).roles

    @extend_schema_field(MeStudentSerializer(allow_null=True))
    def get_student(self, user):
        from schools.models import Student

        student = (
            Student.objects.select_related("institution", "cohort__major", "advisor__user").filter(user=user).first()
        )
        if student is None:
            return None
        cohort = student.cohort
        return {
            "id": student.id,
            "student_number": student.student_number,
            "full_name": student.full_name,
            "entry_year": student.entry_year,
            "institution": {"id": student.institution_id, "name": student.institution.name},
            "cohort": {"id": cohort.id, "name": cohort.name} if cohort else None,
            "major": {"id": cohort.major_id, "name": cohort.major.name, "code": cohort.major.code} if cohort else None,
            "advisor": {"id": student.advisor_id, "name": student.advisor.full_name} if student.advisor else None,
        }

    @extend_schema_field(MySchoolSerializer(many=True))
    def get_schools(self, user):
        return [
            {"id": t.institution_id, "name": t.institution.name, "role": t.role}
            for t in user.teacher_roles.select_related("institution")
        ]

    @extend_schema_field(MyCompanySerializer(many=True))
    def get_companies(self, user):
        return [
            {"id": m.company_id, "name": m.company.name, "role": m.role}
            for m in user.company_roles.select_related("company")
        ]

    def get_has_mfa(self, user) -> bool:
        return is_mfa_enabled(user)

    def validate_phone(self, value: str | None) -> str | None:
        if not value:
            return None
        return phone_for_account(value, user=self.instance)

    def update(self, instance, validated_data):
        if "phone" in validated_data and validated_data["phone"] != instance.phone:
            # A changed number has to be verified again before it signs anyone in.
            instance.phone_verified = False
        return super().update(instance, validated_data)


class InvitationSerializer(serializers.ModelSerializer):
    """What the inviter sees: the address and the name they typed, never anything of an account."""

    organisation = serializers.SerializerMethodField()
    role_label = serializers.CharField(read_only=True)
    status = serializers.ChoiceField(choices=Invitation.Status.choices, source="current_status", read_only=True)
    status_label = serializers.SerializerMethodField()
    invited_by_name = serializers.CharField(source="invited_by.display_name", read_only=True, default=None)

    class Meta:
        model = Invitation
        fields = [
            "id",
            "institution",
            "company",
            "organisation",
            "email",
            "full_name",
            "role",
            "role_label",
            "staff_number",
            "department",
            "title",
            "status",
            "status_label",
            "invited_by_name",
            "created_at",
            "sent_at",
            "expires_at",
            "accepted_at",
        ]
        read_only_fields = fields

    def get_organisation(self, invitation) -> str:
        return str(invitation.organisation)

    def get_status_label(self, invitation) -> str:
        return str(Invitation.Status(invitation.current_status).label)


class InvitationTokenSerializer(serializers.Serializer):
    token = serializers.CharField(max_length=64)


class InvitationAcceptSerializer(InvitationTokenSerializer):
    full_name = serializers.CharField(max_length=64, required=False, allow_blank=True)
    password = serializers.CharField(
        max_length=128, required=False, allow_blank=True, write_only=True, style={"input_type": "password"}
    )


class InvitationLookupSerializer(serializers.Serializer):
    email = serializers.EmailField()
    full_name = serializers.CharField()
    organisation = serializers.CharField()
    kind = serializers.ChoiceField(choices=["school", "company"])
    role = serializers.CharField()
    role_label = serializers.CharField()
    expires_at = serializers.DateTimeField()
    account_exists = serializers.BooleanField()
    signed_in = serializers.BooleanField()
    signed_in_as_invitee = serializers.BooleanField()
