"""On-site pages at /kundensteuerung/vor-ort/ (staff) and the device pages (kiosk, display)."""

from django.urls import path

from lotse.appointments import onsite_views as views

app_name = "onsite"
urlpatterns = [
    path("", views.home, name="home"),
    path("<int:location_id>/empfang/", views.frontdesk, name="frontdesk"),
    path("<int:location_id>/empfang/anmelden/", views.checkin, name="checkin"),
    path("<int:location_id>/empfang/ohne-termin/", views.walk_in, name="walk_in"),
    path("besuch/<int:pk>/wartenummer/", views.ticket, name="ticket"),
    path("<int:location_id>/arbeitsplatz/", views.workplace, name="workplace"),
    path("<int:location_id>/arbeitsplatz/schalter/", views.desk_choose, name="desk_choose"),
    path("<int:location_id>/arbeitsplatz/naechste/", views.call_next, name="call_next"),
    path("<int:location_id>/warteschlangen/", views.queues, name="queues"),
    path("besuch/<int:pk>/<slug:action>/", views.visit_action, name="visit_action"),
    path("<int:location_id>/geraete/", views.devices, name="devices"),
    path("<int:location_id>/einstellungen/", views.settings_save, name="settings"),
    path("geraete/<int:pk>/sperren/", views.device_revoke, name="device_revoke"),
    path("statistik/", views.stats, name="stats"),
    path("statistik/export.<str:fmt>", views.stats_export, name="stats_export"),
    # Device pages: no login, the secret key in the path opens them (see onsite_views).
    path("geraet/<str:key>/", views.device, name="device"),
    path("geraet/<str:key>/anmelden/", views.kiosk_checkin, name="kiosk_checkin"),
    path("geraet/<str:key>/ohne-termin/", views.kiosk_walk_in, name="kiosk_walk_in"),
    path("geraet/<str:key>/aufrufe/", views.display_feed, name="display_feed"),
]
