from django.urls import path

from lotse.consent import views

app_name = "consent"

urlpatterns = [
    path("person/<int:person>/neu/", views.consent_give, name="give"),
    path("person/<int:person>/rechtsgrundlage/", views.legal_basis_record, name="legal_basis"),
    path("<int:pk>/", views.consent_detail, name="detail"),
    path("<int:pk>/widerrufen/", views.consent_revoke, name="revoke"),
    path("<int:pk>/berichtigen/", views.consent_correct, name="correct"),
    path("<int:pk>/formular/", views.consent_print, name="print"),
    path("<int:pk>/formular.pdf", views.consent_pdf, name="pdf"),
    path("<int:pk>/scan/", views.consent_scan, name="scan"),
]
