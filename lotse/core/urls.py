from django.urls import path

from lotse.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("anmelden/", views.login_view, name="login"),
    path("anmelden/zweiter-faktor/", views.second_factor, name="second_factor"),
    path("abmelden/", views.logout_view, name="logout"),
    path("konto/", views.account, name="account"),
    path("konto/passwort/", views.password_change, name="password_change"),
    path("konto/tokens/<int:pk>/widerrufen/", views.api_token_revoke, name="api_token_revoke"),
    path("verwaltung/", views.admin_home, name="admin_home"),
    path("verwaltung/organisationen/neu/", views.organisation_edit, name="organisation_create"),
    path("verwaltung/organisationen/<int:pk>/", views.organisation_edit, name="organisation_edit"),
    path("verwaltung/konten/neu/", views.user_edit, name="user_create"),
    path("verwaltung/konten/<int:pk>/", views.user_edit, name="user_edit"),
    path(
        "verwaltung/konten/<int:pk>/zweiter-faktor-zuruecksetzen/",
        views.user_reset_second_factor,
        name="user_reset_second_factor",
    ),
    path("barrierefreiheit/", views.accessibility, name="accessibility"),
    path("leichte-sprache/", views.easy_language, name="easy_language"),
]
