"""Services and the gate: give, revoke, correct, legal basis, immutability, scans, logging."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from lotse.consent import disclosure, services
from lotse.consent.models import Category, Consent, Disclosure, LegalBasis
from lotse.core.models import Event
from tests.consent.factories import consent
from tests.people.factories import person

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_give_records_an_event_without_personal_data(personas, orgs, amina):
    c = consent(personas["cm_a"], amina, [orgs["jobcenter_a"]])
    event = Event.objects.get(activity="consent.given", subject_id=str(c.pk))
    assert "Haddad" not in str(event.payload) and "Amina" not in str(event.payload)
    assert event.payload["recipients"] == [orgs["jobcenter_a"].pk]


def test_only_the_owning_organisation_may_give(personas, orgs, amina):
    with pytest.raises(PermissionDenied):
        consent(personas["jobcenter_a"], amina, [orgs["abh_a"]])
    with pytest.raises(PermissionDenied):
        consent(personas["stat_a"], amina, [orgs["abh_a"]])


def test_recipients_must_be_in_the_same_kommune(personas, orgs, amina):
    with pytest.raises(ValidationError) as exc:
        consent(personas["cm_a"], amina, [orgs["ki_b"]])
    assert "recipient_ids" in exc.value.message_dict


def test_blanket_consent_without_purpose_or_category_is_refused(personas, orgs, amina):
    with pytest.raises(ValidationError) as exc:
        consent(personas["cm_a"], amina, [orgs["abh_a"]], purposes=(), categories=())
    assert {"purposes", "categories"} <= set(exc.value.message_dict)


def test_representative_needs_a_name(personas, orgs, amina):
    with pytest.raises(ValidationError):
        consent(personas["cm_a"], amina, [orgs["abh_a"]], given_by="REPRESENTATIVE")


def test_a_given_consent_cannot_be_saved_changed(personas, orgs, amina):
    c = consent(personas["cm_a"], amina, [orgs["jobcenter_a"]])
    c.categories = [*c.categories, Category.GESUNDHEIT]
    with pytest.raises(ValidationError):
        c.save()
    with pytest.raises(ValidationError):
        c.save(update_fields=["categories"])
    assert Consent.objects.get(pk=c.pk).categories == ["STAMMDATEN"]
    assert not hasattr(services, "consent_update")


def test_revocation_is_recorded_once_and_takes_effect_at_once(personas, orgs, amina):
    c = consent(personas["cm_a"], amina, [orgs["jobcenter_a"]])
    jc = personas["jobcenter_a"]
    assert disclosure.check(jc, amina, "UEBERLEITUNG", "STAMMDATEN") is not None
    services.consent_revoke(by=personas["cm_a"], consent=c, reason="mündlich widerrufen")
    assert disclosure.check(jc, amina, "UEBERLEITUNG", "STAMMDATEN") is None
    with pytest.raises(ValidationError):
        services.consent_revoke(by=personas["cm_a"], consent=c)
    stale = Consent.objects.get(pk=c.pk)
    stale.revoked_at = None
    with pytest.raises(ValidationError):
        stale.save(update_fields=["revoked_at"])


def test_correct_revokes_and_recreates_with_replaces(personas, orgs, amina):
    c = consent(personas["cm_a"], amina, [orgs["jobcenter_a"]])
    data = services.ConsentData(
        given_by="PERSON",
        recipient_ids=[orgs["jobcenter_a"].pk],
        purposes=["UEBERLEITUNG"],
        categories=["STAMMDATEN", "ARBEIT_EINKOMMEN"],
        form="WRITTEN",
        valid_from=dt.date(2020, 1, 1),
    )
    new = services.consent_correct(by=personas["cm_a"], consent=c, data=data, reason="Datenart")
    c.refresh_from_db()
    assert c.revoked_at is not None and new.replaces == c
    jc = personas["jobcenter_a"]
    assert disclosure.check(jc, amina, "UEBERLEITUNG", "ARBEIT_EINKOMMEN").id == new.pk


def test_scan_that_is_not_a_pdf_is_refused_in_german(personas, orgs, amina):
    fake = SimpleUploadedFile("einwilligung.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    with pytest.raises(ValidationError) as exc:
        consent(personas["cm_a"], amina, [orgs["abh_a"]], scan=fake)
    assert "kein PDF" in exc.value.message_dict["scan"][0]
    assert not Consent.objects.exists()


def test_scan_larger_than_10_mb_is_refused(personas, orgs, amina):
    big = SimpleUploadedFile("s.pdf", PDF + b"0" * (10 * 1024 * 1024), "application/pdf")
    with pytest.raises(ValidationError) as exc:
        consent(personas["cm_a"], amina, [orgs["abh_a"]], scan=big)
    assert "10 MB" in exc.value.message_dict["scan"][0]


def test_real_pdf_scan_is_stored_under_a_random_name(personas, orgs, amina):
    upload = SimpleUploadedFile("Haddad Amina.pdf", PDF, "application/pdf")
    c = consent(personas["cm_a"], amina, [orgs["abh_a"]], scan=upload)
    assert c.scan.name.endswith(".pdf") and "Haddad" not in c.scan.name


def _basis(personas, orgs, person, **kw):
    data = services.LegalBasisData(
        recipient_id=kw.pop("recipient", orgs["abh_a"]).pk,
        norm="§ 71 Abs. 2 Satz 1 Nr. 1 SGB X",
        justification="Ersuchen der ABH vom 02.03.2026",
        purpose="AUFENTHALTSBERATUNG",
        categories=kw.pop("categories", ["STAMMDATEN", "FALLVERLAUF"]),
        valid_from=dt.date(2020, 1, 1),
    )
    return services.legal_basis_record(by=personas["cm_a"], person=person, data=data)


def test_legal_basis_allows_ordinary_data_but_never_case_content_for_the_abh(personas, orgs, amina):
    basis = _basis(personas, orgs, amina)
    abh = personas["abh_a"]
    assert disclosure.check(abh, amina, "AUFENTHALTSBERATUNG", "STAMMDATEN").kind == "LEGAL_BASIS"
    assert disclosure.check(abh, amina, "AUFENTHALTSBERATUNG", "FALLVERLAUF") is None
    assert Event.objects.filter(activity="legal_basis.recorded", subject_id=str(basis.pk)).exists()
    with pytest.raises(ValidationError):
        basis.save()


def test_legal_basis_needs_norm_and_justification(personas, orgs, amina):
    data = services.LegalBasisData(
        recipient_id=orgs["abh_a"].pk,
        norm="",
        justification="",
        purpose="AUFENTHALTSBERATUNG",
        categories=["STAMMDATEN"],
        valid_from=dt.date(2020, 1, 1),
    )
    with pytest.raises(ValidationError):
        services.legal_basis_record(by=personas["cm_a"], person=amina, data=data)
    assert not LegalBasis.objects.exists()


def test_consent_naming_the_abh_shows_case_content(personas, orgs, amina):
    c = consent(
        personas["cm_a"],
        amina,
        [orgs["abh_a"]],
        purposes=("AUFENTHALTSBERATUNG",),
        categories=("FALLVERLAUF",),
    )
    basis = disclosure.require(personas["abh_a"], amina, "AUFENTHALTSBERATUNG", "FALLVERLAUF")
    assert basis == disclosure.Basis("CONSENT", c.pk)
    row = Disclosure.objects.get()
    assert (row.from_organisation_id, row.to_organisation_id) == (
        orgs["ki_a"].pk,
        orgs["abh_a"].pk,
    )
    assert (row.basis_type, row.basis_id, row.category) == ("CONSENT", c.pk, "FALLVERLAUF")


def test_require_raises_404_and_logs_nothing_without_a_basis(personas, orgs, amina):
    with pytest.raises(Http404):
        disclosure.require(personas["abh_a"], amina, "AUFENTHALTSBERATUNG", "FALLVERLAUF")
    assert not Disclosure.objects.exists()


def test_own_organisation_needs_no_consent_and_is_not_logged(personas, amina):
    basis = disclosure.require(personas["cm_a"], amina, "FALLBESPRECHUNG", "GESUNDHEIT")
    assert basis.kind == disclosure.OWN and not Disclosure.objects.exists()


@pytest.mark.parametrize("name", ["cm_b", "stat_a", "admin_a", "land"])
def test_other_kommune_and_roles_without_person_access_are_never_covered(
    personas, orgs, amina, name
):
    consent(personas["cm_a"], amina, [orgs["jobcenter_a"], orgs["abh_a"]])
    assert disclosure.check(personas[name], amina, "UEBERLEITUNG", "STAMMDATEN") is None


def test_disclosure_rows_are_append_only(personas, orgs, amina):
    consent(personas["cm_a"], amina, [orgs["jobcenter_a"]])
    disclosure.require(personas["jobcenter_a"], amina, "UEBERLEITUNG", "STAMMDATEN")
    row = Disclosure.objects.get()
    row.category = "GESUNDHEIT"
    with pytest.raises(ValidationError):
        row.save()


def test_status_warns_before_expiry(personas, orgs, amina):
    today = dt.date(2026, 5, 1)
    c = consent(
        personas["cm_a"],
        amina,
        [orgs["abh_a"]],
        valid_from=dt.date(2026, 1, 1),
        valid_until=dt.date(2026, 5, 31),
    )
    assert c.status(today) == "expiring"
    assert c.status(dt.date(2026, 4, 1)) == "active"
    assert c.status(dt.date(2026, 6, 1)) == "expired"
    assert c.status(dt.date(2025, 12, 31)) == "pending"


def test_category_codes_match_the_pure_rule():
    from lotse.consent import rules

    assert tuple(Category.values) == rules.CATEGORIES


def test_person_of_another_organisation_cannot_be_named(personas, orgs):
    other = person(personas["lotsin_a"], "Kaya", "Elif")
    with pytest.raises(PermissionDenied):
        consent(personas["cm_a"], other, [orgs["jobcenter_a"]])


def test_correction_without_new_upload_keeps_the_scan(personas, orgs, amina):
    upload = SimpleUploadedFile("x.pdf", PDF, "application/pdf")
    c = consent(personas["cm_a"], amina, [orgs["jobcenter_a"]], scan=upload)
    data = services.ConsentData(
        given_by="PERSON",
        recipient_ids=[orgs["jobcenter_a"].pk],
        purposes=["UEBERLEITUNG"],
        categories=["STAMMDATEN"],
        form="WRITTEN",
        valid_from=dt.date(2020, 1, 1),
    )
    new = services.consent_correct(by=personas["cm_a"], consent=c, data=data)
    assert new.scan.name == c.scan.name


def test_a_failed_save_leaves_no_scan_file_behind(personas, orgs, amina, monkeypatch):
    from django.utils import timezone

    from lotse.consent.models import ConsentRecipient

    def fail(*args, **kwargs):
        raise RuntimeError("database gone")

    storage = Consent._meta.get_field("scan").storage
    folder = f"consent-scans/{timezone.now().year}"

    def files() -> set[str]:
        return set(storage.listdir(folder)[1]) if storage.exists(folder) else set()

    kept = consent(
        personas["cm_a"],
        amina,
        [orgs["abh_a"]],
        scan=SimpleUploadedFile("a.pdf", PDF, "application/pdf"),
    )
    before = files()
    assert kept.scan.name.rsplit("/", 1)[-1] in before  # the folder is the right one
    monkeypatch.setattr(ConsentRecipient.objects, "bulk_create", fail)
    with pytest.raises(RuntimeError):
        consent(
            personas["cm_a"],
            amina,
            [orgs["abh_a"]],
            scan=SimpleUploadedFile("b.pdf", PDF, "application/pdf"),
        )
    assert files() == before
