import pytest
from django.urls import reverse

from lotse.core.models import AccessibilityFeedback

pytestmark = pytest.mark.django_db


def test_accessibility_statement_and_feedback(client):
    html = client.get("/barrierefreiheit/").content.decode()
    assert "Erklärung zur Barrierefreiheit" in html and "BITV" in html
    response = client.post(
        "/barrierefreiheit/", {"message": "Kontrast im Menü zu schwach", "page": "/"}
    )
    assert response.status_code == 302
    assert AccessibilityFeedback.objects.get().message == "Kontrast im Menü zu schwach"


def test_empty_feedback_is_refused(client):
    html = client.post("/barrierefreiheit/", {"message": ""}).content.decode()
    assert "Dieses Feld ist zwingend erforderlich." in html
    assert AccessibilityFeedback.objects.count() == 0


def test_easy_language_page(client):
    assert "Lotse ist ein Computer-Programm." in client.get("/leichte-sprache/").content.decode()


def test_404_page_is_german(client_for, settings):
    settings.DEBUG = False
    response = client_for("cm_a").get("/gibt-es-nicht/")
    assert response.status_code == 404 and "Seite nicht gefunden" in response.content.decode()


def test_language_switch_to_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/anmelden/"})
    assert response.status_code == 302
    assert '<html lang="en"' in client.get("/anmelden/").content.decode()


def test_strict_content_security_policy(client):
    policy = client.get("/anmelden/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy


@pytest.mark.django_db
def test_staff_pages_fall_back_to_german_for_portal_only_languages(client):
    response = client.get(reverse("core:login"), HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 200
    assert 'lang="de"' in response.content.decode()
    assert 'value="ar"' not in response.content.decode()  # the switcher offers staff languages
