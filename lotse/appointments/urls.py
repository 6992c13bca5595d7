from django.urls import path

from lotse.appointments import views

app_name = "appointments"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("anliegen/neu/", views.service_edit, name="service_create"),
    path("anliegen/<int:pk>/", views.service_edit, name="service_edit"),
    path("standorte/<int:pk>/", views.location_detail, name="location_detail"),
    path("standorte/<int:pk>/bearbeiten/", views.location_edit, name="location_edit"),
    path("standorte/<int:pk>/oeffnungszeiten/", views.hours_add, name="hours_add"),
    path("oeffnungszeiten/<int:pk>/loeschen/", views.hours_delete, name="hours_delete"),
    path("standorte/<int:pk>/schliesstage/", views.closure_add, name="closure_add"),
    path("standorte/<int:pk>/zeiten-berechnen/", views.slots_recompute, name="slots_recompute"),
]
