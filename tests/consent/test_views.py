"""Persona tests for every view of the consent app: the owner may, everybody else gets 404
(or 403 where the page is visible but read-only)."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lotse.consent.models import Consent
from tests.consent.factories import consent

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
OUTSIDERS = ["cm_b", "jobcenter_a", "abh_a", "stat_a", "admin_a", "land"]


@pytest.fixture
def given(personas, orgs, amina):
    return consent(
        personas["cm_a"],
        amina,
        [orgs["jobcenter_a"]],
        categories=("STAMMDATEN", "ARBEIT_EINKOMMEN"),
        scan=SimpleUploadedFile("scan.pdf", PDF, "application/pdf"),
    )


def _urls(c: Consent) -> list[str]:
    base = f"/einwilligungen/{c.pk}"
    return [
        f"{base}/",
        f"{base}/berichtigen/",
        f"{base}/formular/",
        f"{base}/formular.pdf",
        f"{base}/scan/",
    ]


def _form(orgs, **extra):
    data = {
        "given_by": "PERSON",
        "recipients": [orgs["jobcenter_a"].pk],
        "purposes": ["UEBERLEITUNG"],
        "categories": ["STAMMDATEN", "SPRACHE_BILDUNG"],
        "form": "WRITTEN",
        "valid_from": "2026-01-01",
    }
    data.update(extra)
    return data


def test_person_page_lists_consents_with_a_link(client_for, amina, given):
    html = client_for("cm_a").get(f"/personen/{amina.pk}/").content.decode()
    assert "Einwilligungen" in html and f"/einwilligungen/{given.pk}/" in html
    assert f"/einwilligungen/person/{amina.pk}/neu/" in html


def test_owner_gives_a_consent_through_the_form(client_for, orgs, amina):
    response = client_for("cm_a").post(f"/einwilligungen/person/{amina.pk}/neu/", _form(orgs))
    c = Consent.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/einwilligungen/{c.pk}/"
    assert c.categories == ["STAMMDATEN", "SPRACHE_BILDUNG"]


def test_give_form_offers_only_organisations_of_the_same_kommune(client_for, orgs, amina):
    html = client_for("cm_a").get(f"/einwilligungen/person/{amina.pk}/neu/").content.decode()
    assert "Jobcenter A" in html and "ABH A" in html
    assert "KI B" not in html and "Ministerium" not in html


def test_give_form_refuses_a_fake_pdf_in_german(client_for, orgs, amina):
    fake = SimpleUploadedFile("einwilligung.pdf", b"GIF89a not a pdf", "application/pdf")
    response = client_for("cm_a").post(
        f"/einwilligungen/person/{amina.pk}/neu/", _form(orgs, scan=fake)
    )
    assert response.status_code == 200
    assert "Die Datei ist kein PDF" in response.content.decode()
    assert not Consent.objects.exists()


def test_give_form_refuses_an_end_before_the_start(client_for, orgs, amina):
    response = client_for("cm_a").post(
        f"/einwilligungen/person/{amina.pk}/neu/", _form(orgs, valid_until="2025-01-01")
    )
    assert "Das Ende liegt vor dem Beginn." in response.content.decode()


@pytest.mark.parametrize("name", OUTSIDERS)
def test_outsiders_cannot_open_the_give_form(client_for, amina, orgs, name):
    client = client_for(name)
    assert client.get(f"/einwilligungen/person/{amina.pk}/neu/").status_code == 404
    assert client.post(f"/einwilligungen/person/{amina.pk}/neu/", _form(orgs)).status_code == 404


def test_frontoffice_of_the_owner_may_read_but_not_give(personas, client_for, orgs):
    from tests.people.factories import person

    p = person(personas["abh_a"], "Demir", "Emre")
    c = consent(personas["abh_a"], p, [orgs["ki_a"]])
    client = client_for("front_a")
    assert client.get(f"/einwilligungen/{c.pk}/").status_code == 200
    assert client.get(f"/einwilligungen/person/{p.pk}/neu/").status_code == 403
    assert client.get(f"/einwilligungen/{c.pk}/berichtigen/").status_code == 403
    assert client.post(f"/einwilligungen/{c.pk}/widerrufen/").status_code == 403


def test_owner_opens_every_page(client_for, given):
    client = client_for("cm_a")
    for url in _urls(given):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("name", OUTSIDERS)
def test_other_organisations_get_404_on_every_page(client_for, given, name):
    # The Jobcenter is a named recipient, yet the consent record itself belongs to KI A.
    client = client_for(name)
    for url in _urls(given):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/einwilligungen/{given.pk}/widerrufen/").status_code == 404


def test_anonymous_is_sent_to_login(client, given):
    for url in _urls(given):
        assert client.get(url).status_code == 302


def test_revoke_by_post_takes_effect(client_for, given):
    response = client_for("cm_a").post(
        f"/einwilligungen/{given.pk}/widerrufen/", {"reason": "Person hat angerufen"}
    )
    assert response.status_code == 302
    given.refresh_from_db()
    assert given.revoked_at is not None and given.revocation_reason == "Person hat angerufen"
    assert client_for("cm_a").get(f"/einwilligungen/{given.pk}/widerrufen/").status_code == 405


def test_correct_creates_a_new_consent_replacing_the_old(client_for, orgs, given):
    response = client_for("cm_a").post(
        f"/einwilligungen/{given.pk}/berichtigen/", _form(orgs, reason="Datenart fehlte")
    )
    new = Consent.objects.exclude(pk=given.pk).get()
    assert response["Location"] == f"/einwilligungen/{new.pk}/"
    given.refresh_from_db()
    assert new.replaces_id == given.pk and given.revoked_at is not None
    # A revoked consent cannot be corrected again.
    assert client_for("cm_a").get(f"/einwilligungen/{given.pk}/berichtigen/").status_code == 404


def test_expiring_consent_warns(client_for, personas, orgs, amina):
    import datetime as dt

    from django.utils import timezone

    today = timezone.localdate()
    c = consent(
        personas["cm_a"],
        amina,
        [orgs["abh_a"]],
        valid_from=today - dt.timedelta(days=10),
        valid_until=today + dt.timedelta(days=5),
    )
    html = client_for("cm_a").get(f"/einwilligungen/{c.pk}/").content.decode()
    assert "läuft am" in html
    assert "läuft bald ab" in client_for("cm_a").get(f"/personen/{amina.pk}/").content.decode()


def test_print_view_is_plain_language_with_signature_lines(client_for, given):
    html = client_for("cm_a").get(f"/einwilligungen/{given.pk}/formular/").content.decode()
    assert "Haddad" in html and "Jobcenter A" in html and "Arbeit und Einkommen" in html
    assert "Unterschrift der Person" in html and "Unterschrift der Fachkraft" in html
    # Amina's first language is Arabic; there is no catalogue for it yet: German with a note.
    assert "nicht in Ihrer Sprache (ar)" in html
    assert "<style" not in html and "<script" not in html


def test_print_view_uses_the_persons_language_when_a_catalogue_exists(client_for, personas, orgs):
    from tests.people.factories import person

    p = person(personas["cm_a"], "Smith", "Anna", languages=["en"])
    c = consent(personas["cm_a"], p, [orgs["abh_a"]])
    html = client_for("cm_a").get(f"/einwilligungen/{c.pk}/formular/").content.decode()
    assert 'lang="en"' in html and "nicht in Ihrer Sprache" not in html


def test_pdf_is_generated_with_name_and_categories(client_for, given):
    response = client_for("cm_a").get(f"/einwilligungen/{given.pk}/formular.pdf")
    assert response["Content-Type"] == "application/pdf"
    content = response.content
    assert content.startswith(b"%PDF") and len(content) > 2000
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not installed: PDF text not checked")
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()
    text = re.sub(r"\s+", " ", text)
    assert "Haddad" in text and "Stammdaten" in text and "Arbeit und Einkommen" in text


def test_scan_is_served_only_as_download(client_for, given):
    response = client_for("cm_a").get(f"/einwilligungen/{given.pk}/scan/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment")
    assert "Haddad" not in response["Content-Disposition"]


def test_consent_without_scan_has_no_download(client_for, personas, orgs, amina):
    c = consent(personas["cm_a"], amina, [orgs["abh_a"]])
    assert client_for("cm_a").get(f"/einwilligungen/{c.pk}/scan/").status_code == 404


def _basis_form(orgs, **extra):
    data = {
        "recipient": orgs["abh_a"].pk,
        "norm": "§ 71 Abs. 2 Satz 1 Nr. 1 SGB X",
        "justification": "Ersuchen der ABH vom 02.03.2026",
        "purpose": "AUFENTHALTSBERATUNG",
        "categories": ["STAMMDATEN", "AUFENTHALT"],
        "valid_from": "2026-01-01",
    }
    data.update(extra)
    return data


def test_owner_records_a_legal_basis(client_for, orgs, amina):
    from lotse.consent.models import LegalBasis

    url = f"/einwilligungen/person/{amina.pk}/rechtsgrundlage/"
    assert client_for("cm_a").get(url).status_code == 200
    response = client_for("cm_a").post(url, _basis_form(orgs))
    assert response.status_code == 302
    basis = LegalBasis.objects.get()
    assert basis.recipient == orgs["abh_a"] and basis.categories == ["STAMMDATEN", "AUFENTHALT"]
    html = client_for("cm_a").get(f"/personen/{amina.pk}/").content.decode()
    assert "§ 71 Abs. 2 Satz 1 Nr. 1 SGB X" in html


def test_legal_basis_without_justification_is_refused(client_for, orgs, amina):
    url = f"/einwilligungen/person/{amina.pk}/rechtsgrundlage/"
    response = client_for("cm_a").post(url, _basis_form(orgs, justification=""))
    assert response.status_code == 200 and "Dieses Feld ist zwingend" in response.content.decode()


@pytest.mark.parametrize("name", OUTSIDERS)
def test_outsiders_cannot_record_a_legal_basis(client_for, orgs, amina, name):
    url = f"/einwilligungen/person/{amina.pk}/rechtsgrundlage/"
    assert client_for(name).get(url).status_code == 404
    assert client_for(name).post(url, _basis_form(orgs)).status_code == 404
