from django.contrib import admin

from notices.models import Notice


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    """Read-only: notices are sent by the services and read by their recipients; the admin only looks (e.g. to
    see whether someone was told)."""

    list_display = ["kind", "recipient", "link", "created_at", "read_at"]
    list_filter = ["kind"]
    search_fields = ["recipient__username", "recipient__full_name", "recipient__email", "kind"]
    raw_id_fields = ["recipient"]
    list_select_related = ["recipient"]
    readonly_fields = [f.name for f in Notice._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
