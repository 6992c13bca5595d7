from django.urls import path

from lotse.appointments.planning import views

app_name = "appointments_planning"
urlpatterns = [
    path("", views.scenario_list, name="list"),
    path("neu/", views.scenario_create, name="create"),
    path("hochladen/", views.scenario_upload, name="upload"),
    path("vergleich/", views.compare, name="compare"),
    path("vergleich/gutachten.pdf", views.report_pdf, name="report_pdf"),
    path("<int:pk>/", views.scenario_edit, name="edit"),
    path("<int:pk>/duplizieren/", views.scenario_duplicate, name="duplicate"),
    path("<int:pk>/loeschen/", views.scenario_delete, name="delete"),
    path("<int:pk>/szenario.json", views.scenario_download, name="download"),
]
