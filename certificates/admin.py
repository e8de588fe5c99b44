from django.contrib import admin

from certificates.models import AssessmentSession, CertificateProgram, Registration, StudentCertificate


@admin.register(CertificateProgram)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "organisation", "code"]
    list_filter = ["kind"]
    search_fields = ["name", "organisation", "code"]
    filter_horizontal = ["majors"]


class RegistrationInline(admin.TabularInline):
    model = Registration
    raw_id_fields = ["student"]
    extra = 0


@admin.register(AssessmentSession)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["program", "level", "base", "date", "seats", "status"]
    list_filter = ["status", "level", "program"]
    inlines = [RegistrationInline]


@admin.register(StudentCertificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["student", "program", "level", "number", "issue_date", "status", "source"]
    list_filter = ["status", "source", "level", "program"]
    search_fields = ["number", "student__full_name", "student__student_number"]
    raw_id_fields = ["student", "verified_by"]
    list_select_related = ["student", "program"]
