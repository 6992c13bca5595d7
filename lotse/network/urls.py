from django.urls import path

from lotse.network import views

app_name = "network"

urlpatterns = [
    path("eingang/", views.inbox, name="inbox"),
    path("ausgang/", views.outbox, name="outbox"),
    path("fall/<int:case>/ueberleitung/", views.referral_create, name="referral_create"),
    path("fall/<int:case>/uebergabe/", views.transfer_create, name="transfer_create"),
    path("fall/<int:case>/hindernis/", views.obstacle_create, name="obstacle_create"),
    path("ueberleitungen/<int:pk>/", views.referral_detail, name="referral_detail"),
    path("ueberleitungen/<int:pk>/annehmen/", views.referral_accept, name="referral_accept"),
    path("ueberleitungen/<int:pk>/ablehnen/", views.referral_decline, name="referral_decline"),
    path(
        "ueberleitungen/<int:pk>/abschliessen/", views.referral_complete, name="referral_complete"
    ),
    path("uebergaben/<int:pk>/", views.transfer_detail, name="transfer_detail"),
    path("uebergaben/<int:pk>/annehmen/", views.transfer_accept, name="transfer_accept"),
    path("uebergaben/<int:pk>/ablehnen/", views.transfer_decline, name="transfer_decline"),
    path("hindernisse/", views.obstacles, name="obstacles"),
    path("koordination/hindernisse/", views.coordination, name="coordination"),
    path("koordination/hindernisse.csv", views.coordination_csv, name="coordination_csv"),
    path(
        "koordination/hindernisse/<int:pk>/status/", views.obstacle_status, name="obstacle_status"
    ),
]
