"""The admin reads placements; it changes little. A placement moves only through its services (the transition
table, the audit trail, the notices), so its status and history are read-only here and nothing with a history
is deleted."""

from django.contrib import admin

from placements.models import (
    Assessment,
    BreachReport,
    HazardTerm,
    Journal,
    MatchRound,
    Placement,
    PlacementDocument,
    PlacementEvent,
    SchoolPolicy,
    Slot,
)


@admin.register(SchoolPolicy)
class SchoolPolicyAdmin(admin.ModelAdmin):
    list_display = ["institution", "approval_order", "max_choices", "journal_cadence_days", "journal_min_count"]
    list_filter = ["approval_order"]
    search_fields = ["institution__name"]
    raw_id_fields = ["institution"]


@admin.register(Slot)
class SlotAdmin(admin.ModelAdmin):
    list_display = ["title", "company", "base", "kind", "term", "start_date", "end_date", "capacity", "status"]
    list_filter = ["status", "kind", "term"]
    search_fields = ["title", "company__name", "base__name"]
    raw_id_fields = ["company", "base", "mentor", "created_by"]
    filter_horizontal = ["majors"]
    list_select_related = ["company", "base"]
    readonly_fields = ["status", "created_by", "created_at", "updated_at"]


@admin.register(HazardTerm)
class HazardTermAdmin(admin.ModelAdmin):
    """The platform keeps its high-risk work list here (institution empty); schools keep theirs in the app."""

    list_display = ["term", "category", "institution", "created_at"]
    list_filter = ["category", ("institution", admin.EmptyFieldListFilter)]
    search_fields = ["term", "normalized"]
    raw_id_fields = ["institution", "created_by"]


class EventInline(admin.TabularInline):
    model = PlacementEvent
    fields = ["at", "actor", "action", "from_status", "to_status", "reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Placement)
class PlacementAdmin(admin.ModelAdmin):
    list_display = ["student", "slot", "term", "status", "final_grade", "created_at"]
    list_filter = ["status", "term", "final_grade"]
    search_fields = ["student__full_name", "student__student_number", "slot__title", "slot__company__name"]
    raw_id_fields = [
        "student", "slot", "teacher_decided_by", "company_decided_by", "journals_waived_by",
    ]  # fmt: skip
    list_select_related = ["student", "slot"]
    readonly_fields = ["status", "term", "final_grade"]
    inlines = [EventInline]

    def has_add_permission(self, request) -> bool:
        return False  # a student applies, or a match round places them

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(PlacementEvent)
class PlacementEventAdmin(admin.ModelAdmin):
    list_display = ["at", "placement", "actor", "action", "from_status", "to_status"]
    list_filter = ["action", "to_status"]
    search_fields = ["placement__student__full_name", "placement__student__student_number", "reason"]
    raw_id_fields = ["placement", "actor"]
    list_select_related = ["placement__student", "actor"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(PlacementDocument)
class PlacementDocumentAdmin(admin.ModelAdmin):
    list_display = ["placement", "kind", "signed_on", "covers_from", "covers_to", "uploaded_by"]
    list_filter = ["kind"]
    search_fields = ["placement__student__full_name", "policy_number", "insurer"]
    raw_id_fields = ["placement", "uploaded_by"]


@admin.register(Journal)
class JournalAdmin(admin.ModelAdmin):
    list_display = ["placement", "period", "title", "submitted_at", "commented_at"]
    search_fields = ["title", "placement__student__full_name", "placement__student__student_number"]
    list_filter = [("commented_at", admin.EmptyFieldListFilter)]
    raw_id_fields = ["placement", "commented_by"]


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["placement", "role", "grade", "assessor"]
    list_filter = ["role", "grade"]
    search_fields = ["placement__student__full_name", "placement__student__student_number"]
    raw_id_fields = ["placement", "assessor"]


@admin.register(BreachReport)
class BreachReportAdmin(admin.ModelAdmin):
    list_display = ["student", "institution", "company", "kind", "status", "created_at"]
    list_filter = ["status", "kind"]
    search_fields = ["student__full_name", "student__student_number", "company__name", "description"]
    raw_id_fields = ["student", "institution", "placement", "company", "responded_by"]


@admin.register(MatchRound)
class MatchRoundAdmin(admin.ModelAdmin):
    list_display = ["name", "institution", "mechanism", "status", "ran_at", "published_at"]
    list_filter = ["status", "mechanism"]
    search_fields = ["name", "institution__name"]
    raw_id_fields = ["institution", "published_by", "created_by"]
    filter_horizontal = ["slots", "cohorts"]
    readonly_fields = ["seed", "status", "ran_at", "published_at", "published_by", "created_by"]
