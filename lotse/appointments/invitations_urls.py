"""Proactive invitations at /kundensteuerung/einladungen/ (ABH staff)."""

from django.urls import path

from lotse.appointments.invitations import views

app_name = "invitations"
urlpatterns = [
    path("", views.runs, name="runs"),
    path("auswahl/", views.select, name="select"),
    path("<int:pk>/", views.run, name="run"),
    path("<int:pk>/briefe.pdf", views.run_pdf, name="run_pdf"),
    path("<int:pk>/versandt/", views.run_sent, name="run_sent"),
    path("<int:pk>/abgleichen/", views.run_sync, name="run_sync"),
    path("einladung/<int:pk>/brief.pdf", views.invitation_pdf, name="invitation_pdf"),
    path("einladung/<int:pk>/stand/", views.invitation_status, name="invitation_status"),
]
