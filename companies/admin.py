from django.contrib import admin

from companies.models import Company, CompanyChangeRequest, CompanyMember, JobCluster, TrainingBase


class CompanyMemberInline(admin.TabularInline):
    model = CompanyMember
    raw_id_fields = ["user"]
    extra = 0


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ["name", "credit_code", "district", "zone", "segment", "headcount", "vetting_status"]
    list_filter = ["vetting_status", "district", "zone", "segment"]
    search_fields = ["name", "short_name", "credit_code"]
    inlines = [CompanyMemberInline]
    readonly_fields = ["vetted_by", "vetted_at"]


@admin.register(TrainingBase)
class TrainingBaseAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "kind",
        "host_institution",
        "partner_brand",
        "company",
        "district",
        "capacity",
        "is_active",
    ]
    list_filter = ["kind", "is_active", "district", "zone", "job_clusters", "partner_brand"]
    search_fields = ["name", "address", "company__name", "partner_brand"]
    list_select_related = ["host_institution", "company"]
    filter_horizontal = ["institutions", "job_clusters"]


@admin.register(JobCluster)
class JobClusterAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "name_en", "order"]


@admin.register(CompanyChangeRequest)
class CompanyChangeRequestAdmin(admin.ModelAdmin):
    """Read-only here: a request is made by the company's HR and decided by a school admin in the app (the
    decision changes the company and tells the company), never edited afterwards."""

    list_display = ["company", "status", "name", "credit_code", "headcount", "district", "created_at", "decided_at"]
    list_filter = ["status"]
    search_fields = ["company__name", "name", "credit_code"]
    list_select_related = ["company"]
    readonly_fields = [f.name for f in CompanyChangeRequest._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
