"""The public booking portal at /termine/ (no account)."""

from django.urls import path

from lotse.appointments import portal

app_name = "portal"
urlpatterns = [
    path("", portal.start, name="start"),
    path("datenschutz/", portal.privacy, name="privacy"),
    path("demo-postfach/", portal.demo_mailbox, name="demo_mailbox"),
    path("<int:location_id>/", portal.services_view, name="services"),
    path("<int:location_id>/zeiten/", portal.times, name="times"),
    path("<int:location_id>/buchen/", portal.book, name="book"),
    path("<int:location_id>/e-mail-pruefen/", portal.check_mail, name="check_mail"),
    path("<int:location_id>/bestaetigen/<str:token>/", portal.confirm, name="confirm"),
    path("<int:location_id>/termin/<str:token>/", portal.manage, name="manage"),
    path("<int:location_id>/termin/<str:token>/kalender.ics", portal.ics, name="ics"),
    path("<int:location_id>/termin/<str:token>/absagen/", portal.cancel, name="cancel"),
    path("<int:location_id>/termin/<str:token>/verschieben/", portal.reschedule, name="reschedule"),
    path("<int:location_id>/warteliste/", portal.waitlist, name="waitlist"),
    path(
        "<int:location_id>/warteliste/bestaetigen/<str:token>/",
        portal.waitlist_confirm,
        name="waitlist_confirm",
    ),
    path(
        "<int:location_id>/warteliste/eintrag/<str:token>/",
        portal.waitlist_manage,
        name="waitlist_manage",
    ),
]
