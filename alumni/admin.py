from django.contrib import admin

from alumni.models import GraduateOutcome, TalentRule


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown, not edited here: an outcome changes through alumni.services (which keeps the Stay-in-Wuhan report's
    aggregates in step and records who confirmed it), a rule through the analysts' page (who changed it)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(GraduateOutcome)
class OutcomeAdmin(ReadOnlyAdmin):
    list_display = ["student_number", "full_name", "institution", "graduation_year", "status", "in_wuhan",
                    "employer_name", "source", "confirmed", "is_demo"]  # fmt: skip
    list_filter = ["graduation_year", "status", "in_wuhan", "source", "confirmed", "is_demo", "district", "institution"]
    search_fields = ["student_number", "full_name", "employer_name", "employer_credit_code"]
    raw_id_fields = ["student", "employer", "major", "cohort", "confirmed_by"]
    list_select_related = ["institution"]


@admin.register(TalentRule)
class TalentRuleAdmin(ReadOnlyAdmin):
    list_display = ["code", "label", "points", "order", "updated_by", "updated_at"]
    list_select_related = ["updated_by"]
