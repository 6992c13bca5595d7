from django.urls import path

from lotse.people import views

app_name = "people"

urlpatterns = [
    path("", views.person_list, name="list"),
    path("neu/", views.person_create, name="create"),
    path("import/", views.person_import, name="import"),
    path("import/bestaetigen/", views.person_import_confirm, name="import_confirm"),
    path("export.json", views.organisation_export, name="export_all"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/bearbeiten/", views.person_edit, name="edit"),
    path("<int:pk>/status/", views.status_add, name="status_add"),
    path("<int:pk>/status/<int:period>/loeschen/", views.status_delete, name="status_delete"),
    path("<int:pk>/familie/", views.relation_add, name="relation_add"),
    path(
        "<int:pk>/familie/<int:relation>/loeschen/", views.relation_remove, name="relation_remove"
    ),
    path("<int:pk>/export.json", views.person_export, name="export"),
]
