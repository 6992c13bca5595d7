from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from lotse.api import api

urlpatterns = [
    path("", include("lotse.core.urls")),
    path("personen/", include("lotse.people.urls")),
    path("bleibeperspektiven/", include("lotse.pathways.urls")),
    path("einwilligungen/", include("lotse.consent.urls")),
    path("faelle/", include("lotse.cases.urls")),
    path("netzwerk/", include("lotse.network.urls")),
    # The public booking portal (no account) and the ABH's own Kundensteuerung pages.
    path("termine/", include("lotse.appointments.portal_urls")),
    path("kundensteuerung/vor-ort/", include("lotse.appointments.onsite_urls")),
    path("kundensteuerung/einladungen/", include("lotse.appointments.invitations_urls")),
    path("kundensteuerung/planung/", include("lotse.appointments.planning.urls")),
    path("kundensteuerung/", include("lotse.appointments.urls")),
    path("api/v1/", api.urls),
    path("i18n/setlang/", set_language, name="set_language"),
    # Django admin is for platform operators only (superusers); tenants use Lotse's own pages.
    path("betrieb/admin/", admin.site.urls),
]

handler403 = "lotse.core.views.error_403"
handler404 = "lotse.core.views.error_404"
handler500 = "lotse.core.views.error_500"
