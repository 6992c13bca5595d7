"""Django admin for platform operators (superusers) only; tenants use Lotse's own pages."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from lotse.core.models import Kommune, Organisation, User


class OperatorOnly(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_module_permission(self, request):  # type: ignore[no-untyped-def]
        return request.user.is_active and request.user.is_superuser


@admin.register(Kommune)
class KommuneAdmin(OperatorOnly):
    list_display = ("name", "ags")


@admin.register(Organisation)
class OrganisationAdmin(OperatorOnly):
    list_display = ("name", "kind", "kommune", "require_second_factor", "is_active")
    list_filter = ("kommune", "kind")


@admin.register(User)
class LotseUserAdmin(UserAdmin):  # type: ignore[type-arg]
    list_display = ("username", "organisation", "role", "is_active")
    fieldsets = (
        *UserAdmin.fieldsets,
        ("Lotse", {"fields": ("organisation", "role", "otp_exempt")}),
    )  # type: ignore[misc]

    def has_module_permission(self, request):  # type: ignore[no-untyped-def]
        return request.user.is_active and request.user.is_superuser
