from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from schools.models import Cohort, Institution, Major, SpecialtyGroup, Student, Teacher


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "regulated", "district"]
    list_filter = ["kind", "district"]
    search_fields = ["name", "short_name", "name_en"]

    @admin.display(boolean=True, description=_("under the internship regulation"))
    def regulated(self, obj: Institution) -> bool:
        # The kind is set here, by the platform's operators: a school cannot take itself out of the regulation.
        return obj.under_regulation


@admin.register(SpecialtyGroup)
class SpecialtyGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "institution"]
    list_filter = ["institution"]
    search_fields = ["name"]


@admin.register(Major)
class MajorAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "category", "institution", "specialty_group"]
    list_filter = ["institution", "category"]
    search_fields = ["code", "name"]
    list_select_related = ["institution", "specialty_group"]


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ["name", "major", "entry_year"]
    list_filter = ["entry_year", "major__institution"]
    search_fields = ["name"]
    list_select_related = ["major"]


@admin.register(Teacher)
class TeacherAdmin(admin.ModelAdmin):
    list_display = ["user", "institution", "role", "department", "title"]
    list_filter = ["institution", "role"]
    search_fields = ["user__full_name", "user__email", "staff_number"]
    list_select_related = ["user", "institution"]
    raw_id_fields = ["user"]


@admin.register(Student)
class StudentAdmin(admin.ModelAdmin):
    list_display = [
        "student_number",
        "full_name",
        "institution",
        "cohort",
        "entry_year",
        "advisor",
        "is_activated",
    ]
    list_filter = ["institution", "entry_year", "gender"]
    search_fields = ["student_number", "full_name"]
    list_select_related = ["institution", "cohort", "advisor__user"]
    raw_id_fields = ["user", "advisor", "cohort"]

    @admin.display(boolean=True, description="activated")
    def is_activated(self, obj):
        return obj.user_id is not None
