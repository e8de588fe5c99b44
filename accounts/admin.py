from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import Invitation, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = [
        "username",
        "full_name",
        "email",
        "phone",
        "is_city_analyst",
        "is_city_staff",
        "is_staff",
        "is_active",
    ]
    list_filter = ["is_city_analyst", "is_city_staff", "is_staff", "is_active", "phone_verified"]
    search_fields = ["username", "full_name", "email", "phone"]
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Platform"), {"fields": ("full_name", "phone", "phone_verified", "is_city_analyst", "is_city_staff")}),
    )


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Read-only here: invitations are sent, resent and revoked in the app, and accepted only by the invitee
    (the token is never stored, so the admin could not accept one anyway)."""

    list_display = ["email", "full_name", "institution", "company", "role", "status", "expires_at", "invited_by"]
    list_filter = ["status", "role"]
    search_fields = ["email", "full_name"]
    readonly_fields = [f.name for f in Invitation._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
