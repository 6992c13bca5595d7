from django.urls import path

from lotse.pathways import views

app_name = "pathways"

urlpatterns = [
    path("arbeitsliste/", views.worklist, name="worklist"),
    path("arbeitsliste/export.<str:fmt>", views.worklist_export, name="worklist_export"),
    path("prognose/", views.forecast, name="forecast"),
    path("uebergaben/", views.handovers, name="handovers"),
    path("uebergaben/<int:case_id>/uebernehmen/", views.take_over, name="take_over"),
    path("schritte/<int:step_id>/", views.step_status, name="step_status"),
    path("person/<int:pk>/was-waere-wenn/", views.what_if, name="what_if"),
    path("person/<int:pk>/uebergeben/", views.handover, name="handover"),
]
