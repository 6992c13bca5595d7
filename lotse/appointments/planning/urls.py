from django.urls import path  # noqa: F401

app_name = "appointments_planning"
urlpatterns: list = []
