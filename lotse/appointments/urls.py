from django.urls import path

from lotse.appointments import setup_views, views

app_name = "appointments"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("anliegen/neu/", views.service_edit, name="service_create"),
    path("anliegen/<int:pk>/", views.service_edit, name="service_edit"),
    path(
        "anliegen/<int:pk>/uebersetzungen/",
        views.service_translations,
        name="service_translations",
    ),
    path("standorte/<int:pk>/", views.location_detail, name="location_detail"),
    path("standorte/<int:pk>/bearbeiten/", views.location_edit, name="location_edit"),
    path(
        "standorte/<int:pk>/uebersetzungen/",
        views.location_translations,
        name="location_translations",
    ),
    path("standorte/<int:pk>/oeffnungszeiten/", views.hours_add, name="hours_add"),
    path("oeffnungszeiten/<int:pk>/loeschen/", views.hours_delete, name="hours_delete"),
    path("standorte/<int:pk>/schliesstage/", views.closure_add, name="closure_add"),
    path("standorte/<int:pk>/zeiten-berechnen/", views.slots_recompute, name="slots_recompute"),
    path("standorte/<int:pk>/pausen/", setup_views.break_list, name="break_list"),
    path("standorte/<int:pk>/pausen/neu/", setup_views.break_create, name="break_create"),
    path("pausen/<int:pk>/", setup_views.break_edit, name="break_edit"),
    path("pausen/<int:pk>/loeschen/", setup_views.break_delete, name="break_delete"),
    path("standorte/<int:pk>/teams/", setup_views.team_list, name="team_list"),
    path("standorte/<int:pk>/teams/neu/", setup_views.team_create, name="team_create"),
    path("teams/<int:pk>/", setup_views.team_edit, name="team_edit"),
    path("teams/<int:pk>/loeschen/", setup_views.team_delete, name="team_delete"),
    path("standorte/<int:pk>/schalter/", setup_views.desk_list, name="desk_list"),
    path("standorte/<int:pk>/schalter/neu/", setup_views.desk_create, name="desk_create"),
    path("schalter/<int:pk>/", setup_views.desk_edit, name="desk_edit"),
    path("schalter/<int:pk>/loeschen/", setup_views.desk_delete, name="desk_delete"),
    path(
        "standorte/<int:pk>/arbeitsprofile/", setup_views.workprofile_list, name="workprofile_list"
    ),
    path(
        "standorte/<int:pk>/arbeitsprofile/neu/",
        setup_views.workprofile_create,
        name="workprofile_create",
    ),
    path("arbeitsprofile/<int:pk>/", setup_views.workprofile_edit, name="workprofile_edit"),
    path(
        "arbeitsprofile/<int:pk>/loeschen/",
        setup_views.workprofile_delete,
        name="workprofile_delete",
    ),
]
