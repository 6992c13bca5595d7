from django.urls import path

from lotse.consent import retention_views, subject_views, views

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
    path("auskunft/", subject_views.subject_access_find, name="subject_access_find"),
    path("person/<int:person>/auskunft/", subject_views.subject_access_page, name="subject_access"),
    path(
        "person/<int:person>/auskunft.pdf",
        subject_views.subject_access_pdf,
        name="subject_access_pdf",
    ),
    path(
        "person/<int:person>/auskunft.json",
        subject_views.subject_access_json,
        name="subject_access_json",
    ),
    path("aufbewahrung/", retention_views.retention_rules, name="retention"),
    path(
        "aufbewahrung/<str:record_type>/",
        retention_views.retention_rule_edit,
        name="retention_edit",
    ),
]
